using Microsoft.Extensions.Logging;

namespace PartyPortal.Tests.Support;

/// <summary>A logger that writes to the running test's output, so that a failing test shows what the code logged.</summary>
public sealed class OutputLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        TestContext.Current.TestOutputHelper?.WriteLine($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
