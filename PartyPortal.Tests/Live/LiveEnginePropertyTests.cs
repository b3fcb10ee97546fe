using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartyPortal.Access;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Live;

/// <summary>
/// Random sequences of real writes through the services — records, edits that add and remove attendees and move
/// dates across quarters and years, deletes, transfers, a branch moved between committees — on a small bureau, with
/// the engine watching six periods: afterwards every unit's figures for every period equal
/// <see cref="StraightCount"/>'s count of that unit alone, and the whole snapshot equals one built from a fresh read of
/// the ledger.
/// </summary>
public sealed class LiveEnginePropertyTests : ServiceTestContext
{
    private static readonly Period[] Periods =
    [
        Period.Quarter(2023, 4), Period.Quarter(2024, 1), Period.Quarter(2024, 2),
        new(PeriodKind.HalfYear, 2024, 1), Period.OfYear(2024), Period.OfYear(2023),
    ];

    private static readonly string[] Kinds = [Codes.WarningEducation, Codes.ThemedPartyDay, Codes.WarningEducation, Codes.BranchGeneralMeeting];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AfterRandomWritesEveryFigureEqualsAFreshCount(int seed)
    {
        MetricsTestBureau bureau;
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        using var engine = new LiveMetrics(
            new MetricFactsReader(Database), new ChangeOutbox(Database), Bus, Clock, Time, new OutputLogger<LiveMetrics>(),
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 0, PollMilliseconds = 100 }));
        await engine.StartAsync(Ct);
        var units = new[] { bureau.Municipal, bureau.Organs, bureau.County, bureau.A, bureau.B, bureau.New, bureau.O };
        var watchers = Periods.Select(p => engine.Subscribe(bureau.Municipal, p, _ => Task.CompletedTask)).ToList();
        foreach (var period in Periods)
        {
            foreach (var unit in units)
            {
                await engine.GetAsync(unit, period, Ct);
            }
        }

        var activities = new ActivityService(Database, Guard, Audit, Clock, Bus);
        var members = new MemberService(Database, Guard, Audit, Clock, Bus);
        var tree = new OrgUnitService(Database, Guard, Audit, Clock, Bus, Services.GetRequiredService<OrgTree>());
        var random = new Random(seed);
        var mine = new List<int>();
        var done = 0;
        var moved = 0;
        var oUnder = bureau.Organs;
        for (var step = 0; step < 40; step++)
        {
            var op = random.Next(10);
            if (op < 4 || mine.Count == 0)
            {
                var result = await activities.RecordAsync(TestUsers.PartyOffice, await InputAsync(random, bureau), Ct);
                if (result.Succeeded)
                {
                    mine.Add(result.Id!.Value);
                    done++;
                }
            }
            else if (op < 8)
            {
                var id = mine[random.Next(mine.Count)];
                if (await activities.GetAsync(TestUsers.PartyOffice, id, Ct) is { } view
                    && (await activities.UpdateAsync(TestUsers.PartyOffice, id, await InputAsync(random, bureau, view.OrgUnitId), view.Version, Ct)).Succeeded)
                {
                    done++;
                }
            }
            else if (op < 9)
            {
                var id = mine[random.Next(mine.Count)];
                mine.Remove(id);
                done += (await activities.DeleteAsync(TestUsers.PartyOffice, id, ct: Ct)).Succeeded ? 1 : 0;
            }
            else if (random.Next(3) > 0)
            {
                var (member, to) = random.Next(2) == 0 ? (bureau.A3, bureau.B) : (bureau.B1, bureau.A);
                done += (await members.TransferAsync(TestUsers.PartyOffice, member, to, Day(random, new(2024, 1, 1), Today), Ct)).Succeeded ? 1 : 0;
            }
            else
            {
                // The tree itself: branch O and its ledger move between the organs' committee and the county's. A re-read
                // after an ordinary write keeps the tree it had, so the engine must read a change to the tree whole.
                oUnder = oUnder == bureau.Organs ? bureau.County : bureau.Organs;
                var result = await tree.MoveAsync(TestUsers.PartyOffice, bureau.O, oUnder, Ct);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
                moved++;
                done++;
            }
        }

        Assert.True(done >= 20, $"only {done} of 40 writes succeeded: the generator tests too little");
        Assert.True(moved > 0, "no change to the tree: the generator tests too little");
        await using (var db = Database.CreateDbContext())
        {
            var latest = await db.ChangeRecords.MaxAsync(c => c.Sequence, Ct);
            for (var i = 0; i < 200 && engine.AppliedSequence < latest; i++)
            {
                await Task.Delay(25, Ct);
            }

            Assert.Equal(latest, engine.AppliedSequence);
        }

        // Each figure against the oracle, which counts each scope by itself; the whole snapshot (children and tiers too)
        // against a fresh read of the ledger.
        var reader = new MetricFactsReader(Database);
        await using var oracleDb = Database.CreateDbContext();
        foreach (var period in Periods)
        {
            var fresh = await reader.ReadAllAsync(period, Today, Ct);
            foreach (var unit in units)
            {
                var live = await engine.GetAsync(unit, period, Ct);
                var straight = await StraightCount.OfAsync(oracleDb, unit, period, Today, Ct);
                Assert.True(straight.SameAs(live.Values.Counts), $"seed {seed}: {period} of unit {unit} differs from the straightforward count");
                var expected = MetricsSnapshot.Build(fresh, fresh.Unit(unit)!, DateTimeOffset.UnixEpoch);
                Assert.True(expected.SameFiguresAs(live), $"seed {seed}: {period} of unit {unit} differs from a fresh read");
            }
        }

        watchers.ForEach(w => w.Dispose());
        await engine.StopAsync(Ct);
    }

    /// <summary>A record of a random kind, at a random unit (or <paramref name="unit"/>), on a random day, with some of its roll.</summary>
    private async Task<ActivityInput> InputAsync(Random random, MetricsTestBureau bureau, int? unit = null)
    {
        var at = unit ?? random.GetItems([bureau.A, bureau.B, bureau.O, bureau.New, bureau.County, bureau.County, bureau.Municipal, bureau.Organs], 1)[0];
        var date = Day(random, new DateOnly(2023, 10, 1), Today);
        var roll = await RollAsync(at, date);
        return new ActivityInput
        {
            KindCode = Kinds[random.Next(Kinds.Length)],
            OrgUnitId = at,
            Date = date,
            Title = "随机活动 " + random.Next(1000).ToString(CultureInfo.InvariantCulture),
            Attendance = [.. roll.Where(_ => random.Next(3) > 0).Select(m => new AttendanceInput
            {
                MemberId = m,
                Status = random.Next(4) == 0 ? AttendanceStatus.Absent : AttendanceStatus.Present,
            })],
        };
    }

    /// <summary>The members on the roll of <paramref name="unit"/>'s subtree on <paramref name="date"/>.</summary>
    private async Task<List<int>> RollAsync(int unit, DateOnly date)
    {
        await using var db = Database.CreateDbContext();
        var path = await db.OrgUnits.Where(u => u.Id == unit).Select(u => u.Path).SingleAsync(Ct);
        var under = (await db.OrgUnits.Select(u => new { u.Id, u.Path }).ToListAsync(Ct)).Where(u => OrgPath.IsWithin(u.Path, path)).Select(u => u.Id).ToList();
        return await db.MemberAssignments
            .Where(m => under.Contains(m.OrgUnitId) && m.From <= date && (m.To == null || m.To >= date))
            .Select(m => m.MemberId).Distinct().OrderBy(m => m).ToListAsync(Ct);
    }

    private static DateOnly Day(Random random, DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
}
