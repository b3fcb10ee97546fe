using PartyPortal.Live.Metrics;

namespace PartyPortal.Features.Screens;

/// <summary>
/// The recent-activities board and five-star roll of each scope, read once per new snapshot and shared by every
/// screen showing that scope: a change costs a few queries, not a few per screen on the wall.
/// </summary>
public sealed class ScreenBoards
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, (MetricsSnapshot? Snapshot, Task<ScreenBoard> Board)> boards = [];

    /// <param name="snapshot">The snapshot the screen shows: every screen of the scope receives the same one after a
    /// change, so the board read for it is reused; a screen without one reads afresh.</param>
    public Task<ScreenBoard> GetAsync(int scope, MetricsSnapshot? snapshot, Func<Task<ScreenBoard>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (gate)
        {
            if (snapshot is not null && boards.TryGetValue(scope, out var known) && ReferenceEquals(known.Snapshot, snapshot)
                && !known.Board.IsFaulted && !known.Board.IsCanceled)
            {
                return known.Board;
            }

            var board = read();
            boards[scope] = (snapshot, board);
            return board;
        }
    }
}
