using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Live;

/// <summary>
/// The reader's parts run at once on their own connections; a write that commits while they run must be in all of
/// the counts or in none. Each test commits a write (a 警示教育 session and a rectification item in branch B, with
/// its change record, as the portal's writes are) at a chosen moment of one read.
/// </summary>
public sealed class LedgerReadTests : ServiceTestContext
{
    private static readonly Period Q1 = Period.Quarter(2024, 1);
    private MetricsTestBureau bureau = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        bureau = await MetricsTestBureau.SeedAsync(db);
    }

    [Fact]
    public async Task AWriteCommittedBetweenTwoPartsIsInAllTheCountsOrInNone()
    {
        // The activities are counted, then the write commits, then the rectification items are read.
        var hook = new WriteDuringRead(this, command => command.Contains("\"ClosedLoopItems\"", StringComparison.Ordinal), waitForActivityCount: true);
        var before = BranchB(await new MetricFactsReader(Database).ReadAllAsync(Q1, Today, Ct));

        var read = BranchB(await new MetricFactsReader(hook).ReadAllAsync(Q1, Today, Ct));

        Assert.True(hook.Wrote);
        var after = BranchB(await new MetricFactsReader(Database).ReadAllAsync(Q1, Today, Ct));
        Assert.Equal((before.Activities + 1, before.RectificationItems + 1, before.BranchQuartersWarned + 1), after);
        Assert.Contains(read, new[] { before, after });
    }

    [Fact]
    public async Task PartsThatSawTwoStatesAreReadAgainInOneTransaction()
    {
        // The write commits after the first part's snapshot and before the others': the parts disagree, so the read
        // is made again, and the figures are the ledger after the write.
        var stamps = 0;
        var hook = new WriteDuringRead(
            this, command => command.Contains("\"ChangeRecords\"", StringComparison.Ordinal) && Interlocked.Increment(ref stamps) == 2, waitForActivityCount: false);

        var read = BranchB(await new MetricFactsReader(hook).ReadAllAsync(Q1, Today, Ct));

        Assert.True(hook.Wrote);
        Assert.Equal(2, hook.Commands.Count(c => c.Contains("\"ClosedLoopItems\"", StringComparison.Ordinal)));
        Assert.Equal(BranchB(await new MetricFactsReader(Database).ReadAllAsync(Q1, Today, Ct)), read);
    }

    private (int Activities, int RectificationItems, int BranchQuartersWarned) BranchB(PeriodFacts facts)
    {
        var c = facts.Counts[bureau.B];
        return (c.Activities, c.RectificationItems, c.BranchQuartersWarned);
    }

    private async Task WriteAsync()
    {
        await using var db = Database.CreateDbContext();
        var kind = await db.ActivityKinds.SingleAsync(k => k.Code == Codes.WarningEducation, Ct);
        db.Activities.Add(new Activity { KindId = kind.Id, OrgUnitId = bureau.B, Date = new(2024, 2, 20), Title = "警示教育 2月20日" });
        db.ClosedLoopItems.Add(new ClosedLoopItem
        {
            Source = ClosedLoopSource.SelfReview, Title = "整改事项 2月20日", OwnerOrgUnitId = bureau.B,
            FoundOn = new(2024, 2, 20), Deadline = new(2024, 6, 30),
        });
        Bus.Record(db, new DataChanged([bureau.B], "activity"));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>
    /// A factory whose connections commit the write once, just before the first command <c>at</c> picks (after the
    /// activity count, when asked to wait for it), and note every command they run.
    /// </summary>
    private sealed class WriteDuringRead(LedgerReadTests test, Func<string, bool> at, bool waitForActivityCount)
        : DbCommandInterceptor, IDbContextFactory<PortalDbContext>
    {
        private readonly TaskCompletionSource activityCounted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int armed = 1;

        public bool Wrote { get; private set; }
        public ConcurrentQueue<string> Commands { get; } = new();

        public PortalDbContext CreateDbContext() => test.Database.CreateDbContext(this);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Enqueue(command.CommandText);
            if (at(command.CommandText) && Interlocked.Exchange(ref armed, 0) == 1)
            {
                if (waitForActivityCount)
                {
                    await activityCounted.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                }

                await test.WriteAsync();
                Wrote = true;
            }

            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("GROUP BY", StringComparison.Ordinal) && command.CommandText.Contains("\"Activities\"", StringComparison.Ordinal))
            {
                activityCounted.TrySetResult();
            }

            return ValueTask.FromResult(result);
        }
    }
}
