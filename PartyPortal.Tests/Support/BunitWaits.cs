using System.Runtime.CompilerServices;
using Bunit;

namespace PartyPortal.Tests.Support;

internal static class BunitWaits
{
    /// <summary>
    /// A component test waits for the page's own asynchronous reads, which go to a real database: bUnit's one-second
    /// default is too short for a busy two-core machine or a PostgreSQL server under the parallel suite, and a longer
    /// wait costs time only when the assertion would fail anyway.
    /// </summary>
    [ModuleInitializer]
    internal static void LengthenTheDefaultWait() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
