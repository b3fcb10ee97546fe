using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Live;

/// <summary>The engine: what a change recomputes, for whom, and how often.</summary>
public sealed class LiveMetricsTests : ServiceTestContext
{
    private static readonly Period Q1 = Period.Quarter(2024, 1);
    private MetricsTestBureau bureau = null!;
    private LiveMetrics engine = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        engine = new LiveMetrics(
            new MetricFactsReader(Database), new ChangeOutbox(Database), Bus, Clock, Time, new OutputLogger<LiveMetrics>(),
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 0 }));
        await engine.StartAsync(Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await engine.StopAsync(Ct);
        engine.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task APeriodOutsideTheBureausLifetimeIsRefusedBeforeAnyRead()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.GetAsync(bureau.Municipal, new Period(PeriodKind.Quarter, 9999, 4), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.GetAsync(bureau.Municipal, Period.OfYear(Clock.FoundedYear - 1), Ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Subscribe(bureau.Municipal, Period.OfYear(Today.Year + 2), _ => Task.CompletedTask));

        Assert.Equal(0, engine.SubscriberCount);
        Assert.Equal(Q1, (await engine.GetAsync(bureau.Municipal, Q1, Ct)).Period);
    }

    [Fact]
    public async Task ANewRecordReachesTheScopesThatContainItAndNoOthers()
    {
        var county = await WatchAsync(bureau.County);
        var whole = await WatchAsync(bureau.Municipal);
        var organs = await WatchAsync(bureau.Organs);

        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.B, Codes.WarningEducation, new(2024, 3, 28), (bureau.B1, AttendanceStatus.Present));
        }

        await AnnounceAsync(new DataChanged([bureau.B], "activity"));

        Assert.Equal(new Ratio(3, 3), (await county.NextAsync()).Values.WarningEducationCoverage);
        Assert.Equal(new Ratio(3, 4), (await whole.NextAsync()).Values.WarningEducationCoverage);
        Assert.Equal(new Ratio(4, 7), whole.Last!.Values.WarningEducationMemberCoverage);
        await Task.Delay(200, Ct);
        Assert.Empty(organs.Received);
    }

    [Fact]
    public async Task ADeletedActivityNoLongerCounts()
    {
        var county = await WatchAsync(bureau.County);

        await using (var db = Database.CreateDbContext())
        {
            await db.Activities.Where(a => a.Id == bureau.NewWarningEducation).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDeleted, true), Ct);
        }

        await AnnounceAsync(new DataChanged([bureau.New], "activity"));

        var snapshot = await county.NextAsync();
        Assert.Equal(new Ratio(1, 3), snapshot.Values.WarningEducationCoverage);
        Assert.Equal(new Ratio(2, 6), snapshot.Values.WarningEducationMemberCoverage);
        Assert.Equal(7, snapshot.Values.ActivityCount);
    }

    [Fact]
    public async Task AChangeInTheOldBranchReachesATransferredMembersNewOne()
    {
        // T attended A's January session and belongs to B now: deleting it changes B's figures, though only A changed.
        var b = await WatchAsync(bureau.B);
        int[] attendees;
        await using (var db = Database.CreateDbContext())
        {
            var session = db.Activities.Where(a => a.OrgUnitId == bureau.A && a.Date == new DateOnly(2024, 1, 10));
            attendees = await db.Attendance.Where(x => session.Select(a => a.Id).Contains(x.ActivityId)).Select(x => x.MemberId).ToArrayAsync(Ct);
            await session.ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDeleted, true), Ct);
        }

        // As the delete records it: the record's unit and its attendees, whose home units count them.
        await AnnounceAsync(new DataChanged([bureau.A], "activity") { MemberIds = attendees });

        Assert.Equal(new Ratio(0, 2), (await b.NextAsync()).Values.WarningEducationMemberCoverage);
    }

    [Fact]
    public async Task AChangeIsComputedOnceHoweverManyWatch()
    {
        var watchers = new List<SnapshotInbox>();
        for (var i = 0; i < 200; i++)
        {
            watchers.Add(await WatchAsync(i % 2 == 0 ? bureau.County : bureau.Municipal));
        }

        var before = engine.GetStatistics();
        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.B, Codes.ThemedPartyDay, new(2024, 3, 8));
        }

        await AnnounceAsync(new DataChanged([bureau.B], "activity"));
        foreach (var watcher in watchers)
        {
            await watcher.NextAsync();
        }

        var after = engine.GetStatistics();
        Assert.Equal(1, after.Recomputations - before.Recomputations);
        Assert.Equal(2, after.SnapshotsBuilt - before.SnapshotsBuilt); // the county's and the bureau's, each once
        Assert.All(watchers, w => Assert.Single(w.Received));
    }

    /// <summary>
    /// A change after a quiet spell is applied at once: at 2 writes a second, waiting out the window only added its
    /// length to every delivery. Changes that come on the heels of the last application (the engine busy) wait the
    /// window and share one recomputation. On the fake clock: a lone change that waited would never be applied here.
    /// </summary>
    [Fact]
    public async Task ALoneChangeIsAppliedAtOnceAndChangesOnItsHeelsShareOneRecomputation()
    {
        using var coalescing = new LiveMetrics(
            new MetricFactsReader(Database), new ChangeOutbox(Database), Bus, Clock, Time, new OutputLogger<LiveMetrics>(),
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 150 }));
        await coalescing.StartAsync(Ct);
        await coalescing.GetAsync(bureau.Municipal, Q1, Ct);
        var whole = new SnapshotInbox();
        using var subscription = coalescing.Subscribe(bureau.Municipal, Q1, whole.Add);
        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.B, Codes.ThemedPartyDay, new(2024, 3, 8));
        }

        await AnnounceAsync(new DataChanged([bureau.B], "activity"));
        Assert.Equal(11, (await whole.NextAsync()).Values.ActivityCount);
        Assert.Equal(1, coalescing.GetStatistics().Recomputations);

        // The clock has not moved: the last application was just now, so the next two wait for the window together.
        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.O, Codes.ThemedPartyDay, new(2024, 3, 9));
            await MetricsTestBureau.AddActivityAsync(db, bureau.B, Codes.ThemedPartyDay, new(2024, 3, 10));
        }

        await AnnounceAsync(new DataChanged([bureau.O], "activity"));
        await AnnounceAsync(new DataChanged([bureau.B], "activity"));
        await Task.Delay(100, Ct);
        Assert.Equal(1, coalescing.GetStatistics().Recomputations);
        Time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(13, (await whole.WaitUntilAsync(s => s.Values.ActivityCount == 13)).Values.ActivityCount);
        var stats = coalescing.GetStatistics();
        Assert.Equal(3, stats.Changes);
        Assert.Equal(2, stats.Recomputations);
        await coalescing.StopAsync(Ct);
    }

    [Fact]
    public async Task AnUnsubscribedWatcherHearsNothingMoreAndLeavesNothingBehind()
    {
        var inbox = await WatchAsync(bureau.County);
        Assert.Equal(1, engine.SubscriberCount);
        inbox.Subscription!.Dispose();
        Assert.Equal(0, engine.SubscriberCount);

        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.B, Codes.ThemedPartyDay, new(2024, 3, 8));
        }

        var probe = await WatchAsync(bureau.Municipal);
        await AnnounceAsync(new DataChanged([bureau.B], "activity"));
        await probe.NextAsync();
        Assert.Empty(inbox.Received);
    }

    [Fact]
    public async Task AChangeThatMovesNoFigureIsNotSentAgain()
    {
        var county = await WatchAsync(bureau.County);
        await AnnounceAsync(new DataChanged([bureau.B], "activity"));
        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.B, Codes.ThemedPartyDay, new(2024, 3, 8));
        }

        await AnnounceAsync(new DataChanged([bureau.B], "activity"));

        Assert.Equal(9, (await county.NextAsync()).Values.ActivityCount);
        await Task.Delay(200, Ct);
        Assert.Single(county.Received);
    }

    [Fact]
    public async Task FiguresAfterChangesEqualAFreshCount()
    {
        var whole = await WatchAsync(bureau.Municipal);
        await using (var db = Database.CreateDbContext())
        {
            await MetricsTestBureau.AddActivityAsync(db, bureau.New, Codes.Training, new(2024, 3, 2), (bureau.N1, AttendanceStatus.Present));
            await db.Activities.Where(a => a.OrgUnitId == bureau.A && a.Date == new DateOnly(2024, 1, 10))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDeleted, true), Ct);
        }

        // As the writes record them: the deleted session names its attendees (T is in B now).
        await AnnounceAsync(new DataChanged([bureau.New], "activity") { MemberIds = [bureau.N1] });
        await AnnounceAsync(new DataChanged([bureau.A], "activity") { MemberIds = [bureau.A1, bureau.A2, bureau.A3, bureau.T] });
        await whole.WaitUntilAsync(s => s.Values.ActivityCount == 10 && s.Sequence == 2);

        var fresh = await new MetricFactsReader(Database).ReadAllAsync(Q1, Today, Ct);
        var expected = MetricsSnapshot.Build(fresh, fresh.Unit(bureau.Municipal)!, DateTimeOffset.UnixEpoch).Values.Headline();
        Assert.Equal(expected, (await engine.GetAsync(bureau.Municipal, Q1, Ct)).Values.Headline());
    }

    [Fact]
    public async Task ANewBureauDayTurnsAnOpenItemAtItsDeadlineOverdueWithoutAnyWrite()
    {
        var q2 = Period.Quarter(2024, 2);
        await using (var db = Database.CreateDbContext())
        {
            db.ClosedLoopItems.Add(new ClosedLoopItem
            {
                Source = ClosedLoopSource.SpotCheck, Title = "台账不全", OwnerOrgUnitId = bureau.B,
                FoundOn = new DateOnly(2024, 5, 1), Deadline = Today,
            });
            await db.SaveChangesAsync(Ct);
        }

        var before = await engine.GetAsync(bureau.B, q2, Ct);
        Assert.Equal(0, before.Values.RectificationOverdue);
        var inbox = new SnapshotInbox();
        using var subscription = engine.Subscribe(bureau.B, q2, inbox.Add);

        Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, (await inbox.WaitUntilAsync(s => s.Values.RectificationOverdue == 1)).Values.RectificationOverdue);
    }

    [Fact]
    public async Task AnUnknownScopeIsRefusedPlainly() =>
        await Assert.ThrowsAsync<KeyNotFoundException>(() => engine.GetAsync(99_999, Q1, Ct));

    private async Task<SnapshotInbox> WatchAsync(int scope)
    {
        await engine.GetAsync(scope, Q1, Ct);
        var inbox = new SnapshotInbox();
        inbox.Subscription = engine.Subscribe(scope, Q1, inbox.Add);
        return inbox;
    }
}
