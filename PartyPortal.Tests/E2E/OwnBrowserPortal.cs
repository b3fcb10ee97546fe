using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.E2E;

/// <summary>
/// A browser portal of a test class's own, on its own copy of the demo bureau: for tests that change the demo
/// data in a way the shared <see cref="BrowserPortal"/>'s other tests would see (closing a unit today changes
/// which branches exist this quarter, and with them every coverage figure).
/// </summary>
public sealed class OwnBrowserPortal(DemoBureauFixture demo) : IAsyncLifetime
{
    public BrowserPortal Portal { get; } = new(demo);

    public ValueTask InitializeAsync() => Portal.InitializeAsync();

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}
