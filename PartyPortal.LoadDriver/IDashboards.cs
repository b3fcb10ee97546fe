namespace PartyPortal.LoadDriver;

/// <summary>
/// The open whole-bureau 看板 circuits of a run, whichever client holds them: chromium pages (<see cref="DashboardPages"/>)
/// or bare Blazor circuits (<see cref="DashboardCircuits"/>).
/// </summary>
internal interface IDashboards : IAsyncDisposable
{
    /// <summary>What holds the circuits, for the report.</summary>
    string Client { get; }

    /// <summary>What counts as the write having reached a dashboard, for the report.</summary>
    string Seen { get; }

    int Count { get; }

    /// <summary>Circuits up, with the tile's baseline known.</summary>
    int Live { get; }

    /// <summary>Opens <paramref name="count"/> more circuits (signing in on the first call).</summary>
    Task OpenAsync(Uri portal, int count, int parallelism, CancellationToken ct);

    /// <summary>Live circuits whose tile has shown at least baseline + <paramref name="n"/>.</summary>
    Task<int> CountReachedAsync(int n);

    /// <summary>Per live circuit, the wall-clock time (Unix ms) at which its tile first showed baseline + k + 1, for k below <paramref name="capacity"/>.</summary>
    Task<List<double?[]>> CollectAsync(int capacity);
}
