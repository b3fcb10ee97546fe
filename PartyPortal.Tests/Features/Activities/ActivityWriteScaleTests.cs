using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using SQLitePCL;

namespace PartyPortal.Tests.Features.Activities;

/// <summary>
/// What one secretary's write costs must not grow with the bureau: authorising, validating and saving a record for one
/// branch reads that branch, not every unit or member. Measured in database pages touched (SQLite's page cache hits
/// and misses), which counts the rows a query scans as well as those it returns, and is the same on every machine.
/// </summary>
public sealed class ActivityWriteScaleTests
{
    private const int MembersPerBranch = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordingForOneBranchReadsNoMoreOfALargeBureauThanOfASmallOne()
    {
        // The measure is SQLite's page cache; the queries are the same LINQ on PostgreSQL, whose plans this does not judge.
        Assert.SkipWhen(TestServers.OnPostgreSql, "counts SQLite's page-cache reads: a SQLite-only measure");
        var small = await PagesOfOneWriteAsync(branches: 10);
        var large = await PagesOfOneWriteAsync(branches: 200);

        // Twenty times the branches and members; a B-tree a level deeper may cost a few more pages per lookup, a scan many.
        Assert.True(large < small * 1.5, $"one write touched {small} pages in a bureau of 10 branches and {large} in one of 200");
    }

    /// <summary>The pages touched by one 主题党日, presented by a member of the branch and attended by all, after a first write.</summary>
    private static async Task<long> PagesOfOneWriteAsync(int branches)
    {
        await using var database = await TestDatabase.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 5, 20, 2, 0, 0, TimeSpan.Zero));
        await using var services = AccessTestServices.Create(database, time);
        await using var scope = services.CreateAsyncScope();
        var counter = new PageCounter();
        var service = new ActivityService(new CountedFactory(database, counter), scope.ServiceProvider.GetRequiredService<AccessGuard>(),
            services.GetRequiredService<AuditTrail>(), new BureauClock(time, BureauClock.FindZone(null)), new ChangeBus(time));

        var (branch, roll) = await SeedAsync(database, branches);
        var secretary = TestUsers.Secretary(branch);
        var first = await service.RecordAsync(secretary, PartyDay(branch, roll, 1), Ct);
        Assert.True(first.Succeeded, string.Join(";", first.Errors.Values));

        counter.Reset();
        var measured = await service.RecordAsync(secretary, PartyDay(branch, roll, 2), Ct);
        Assert.True(measured.Succeeded, string.Join(";", measured.Errors.Values));
        return counter.Pages;
    }

    private static ActivityInput PartyDay(int branch, List<int> roll, int n) => new()
    {
        KindCode = ActivityKindCatalogue.Codes.ThemedPartyDay,
        OrgUnitId = branch,
        Date = new DateOnly(2024, 5, 15),
        Title = $"5月主题党日（{n}）",
        PresenterMemberId = roll[0],
        Attendance = roll.Select(m => new AttendanceInput { MemberId = m, Status = AttendanceStatus.Present }).ToList(),
    };

    /// <summary>A committee with <paramref name="branches"/> branches of <see cref="MembersPerBranch"/> members; the last branch and its roll.</summary>
    private static async Task<(int Branch, List<int> Roll)> SeedAsync(TestDatabase database, int branches)
    {
        await using var db = database.CreateDbContext();
        await ActivityKindCatalogue.EnsureSeededAsync(db, Ct);
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        var units = new List<OrgUnit>();
        for (var i = 0; i < branches; i++)
        {
            units.Add(await TestTree.AddUnitAsync(db, $"第{i + 1}支部", OrgUnitType.Branch, root, sortOrder: i));
        }

        var members = units.SelectMany(u => Enumerable.Range(0, MembersPerBranch).Select(j =>
            new Member { Name = $"党员{u.Id}-{j}", BirthYear = 1985, CadreLevel = CadreLevel.General, OrgUnitId = u.Id })).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync(Ct);
        db.MemberAssignments.AddRange(members.Select(m => new MemberAssignment { MemberId = m.Id, OrgUnitId = m.OrgUnitId, From = new DateOnly(2020, 1, 1) }));
        await db.SaveChangesAsync(Ct);
        var branch = units[^1].Id;
        return (branch, members.Where(m => m.OrgUnitId == branch).Select(m => m.Id).ToList());
    }

    private sealed class CountedFactory(TestDatabase database, PageCounter counter) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => database.CreateDbContext(counter);
    }

    /// <summary>Adds up, as each connection closes, the pages its statements asked SQLite's page cache for.</summary>
    private sealed class PageCounter : DbConnectionInterceptor
    {
        private long pages;

        public long Pages => Interlocked.Read(ref pages);

        public void Reset() => Interlocked.Exchange(ref pages, 0);

        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Count(connection);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Count(connection);
            return ValueTask.FromResult(result);
        }

        private void Count(DbConnection connection)
        {
            var handle = ((SqliteConnection)connection).Handle;
            raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_CACHE_HIT, out var hits, out _, 1);
            raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_CACHE_MISS, out var misses, out _, 1);
            Interlocked.Add(ref pages, hits + misses);
        }
    }
}
