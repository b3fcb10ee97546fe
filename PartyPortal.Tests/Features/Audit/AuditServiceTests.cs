using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Features.Audit;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using static PartyPortal.Tests.Features.Audit.AuditTestData;

namespace PartyPortal.Tests.Features.Audit;

public sealed class AuditServiceTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal PartyOffice = TestUsers.PartyOffice;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider time = new(Utc(2024, 5, 20, 2));
    private TestDatabase database = null!;
    private ServiceProvider access = null!;
    private AsyncServiceScope scope;
    private AuditService service = null!;
    private Tree tree = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        access = AccessTestServices.Create(database, time);
        scope = access.CreateAsyncScope();
        service = new AuditService(database, scope.ServiceProvider.GetRequiredService<AccessGuard>(), new BureauClock(time, BureauClock.FindZone(null)));
        await using var db = database.CreateDbContext();
        tree = await SeedTreeAsync(db);
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await access.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task PersonFilterMatchesPartOfTheUserNameInAnyCase()
    {
        await AddAsync(
            Entry(Utc(2024, 5, 1), user: "zhangwei"),
            Entry(Utc(2024, 5, 2), user: "ZhangSan"),
            Entry(Utc(2024, 5, 3), user: "lina"),
            Entry(Utc(2024, 5, 4), user: "zhan_g"));

        var page = await service.SearchAsync(PartyOffice, new AuditQuery { Person = "ZHANG" }, Ct);

        Assert.Equal(["ZhangSan", "zhangwei"], page.Rows.Select(r => r.UserName));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task PersonFilterTakesWildcardCharactersLiterally()
    {
        await AddAsync(Entry(Utc(2024, 5, 1), user: "zhangwei"), Entry(Utc(2024, 5, 2), user: "zhan_g"));

        var page = await service.SearchAsync(PartyOffice, new AuditQuery { Person = "n_g" }, Ct);

        Assert.Equal(["zhan_g"], page.Rows.Select(r => r.UserName));
    }

    [Fact]
    public async Task OrgUnitFilterTakesInTheUnitAndItsWholeSubtree()
    {
        await AddAsync(
            Entry(Utc(2024, 5, 1), entityId: "organs", orgUnitId: tree.Organs),
            Entry(Utc(2024, 5, 2), entityId: "office", orgUnitId: tree.Office),
            Entry(Utc(2024, 5, 3), entityId: "legal", orgUnitId: tree.Legal),
            Entry(Utc(2024, 5, 4), entityId: "county-branch", orgUnitId: tree.CountyBranch),
            Entry(Utc(2024, 5, 5), entityId: "municipal", orgUnitId: tree.Municipal),
            Entry(Utc(2024, 5, 6), entityId: "bureau-wide", orgUnitId: null));

        var organs = await service.SearchAsync(PartyOffice, new AuditQuery { OrgUnitId = tree.Organs }, Ct);
        var office = await service.SearchAsync(PartyOffice, new AuditQuery { OrgUnitId = tree.Office }, Ct);
        var municipal = await service.SearchAsync(PartyOffice, new AuditQuery { OrgUnitId = tree.Municipal }, Ct);

        Assert.Equal(["legal", "office", "organs"], organs.Rows.Select(r => r.EntityId));
        Assert.Equal(["office"], office.Rows.Select(r => r.EntityId));
        Assert.Equal(5, municipal.Total);
    }

    [Fact]
    public async Task AnUnknownOrgUnitMatchesNothing()
    {
        await AddAsync(Entry(Utc(2024, 5, 1), orgUnitId: tree.Office));

        var page = await service.SearchAsync(PartyOffice, new AuditQuery { OrgUnitId = 999_999 }, Ct);

        Assert.Empty(page.Rows);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task EntityTypeAndActionFiltersMatchExactly()
    {
        await AddAsync(
            Entry(Utc(2024, 5, 1), action: "create", entityType: "PortalUser", entityId: "a"),
            Entry(Utc(2024, 5, 2), action: "update", entityType: "PortalUser", entityId: "b"),
            Entry(Utc(2024, 5, 3), action: "update", entityType: "PortalUserGroup", entityId: "c"),
            Entry(Utc(2024, 5, 4), action: "update-all", entityType: "Activity", entityId: "d"),
            Entry(Utc(2024, 5, 5), action: "update", entityType: "Activity", entityId: "e"));

        var users = await service.SearchAsync(PartyOffice, new AuditQuery { EntityType = "PortalUser" }, Ct);
        var updates = await service.SearchAsync(PartyOffice, new AuditQuery { Action = "update" }, Ct);
        var both = await service.SearchAsync(PartyOffice, new AuditQuery { EntityType = "PortalUser", Action = "update" }, Ct);

        Assert.Equal(["b", "a"], users.Rows.Select(r => r.EntityId));
        Assert.Equal(["e", "c", "b"], updates.Rows.Select(r => r.EntityId));
        Assert.Equal(["b"], both.Rows.Select(r => r.EntityId));
    }

    [Fact]
    public async Task DatesAreCalendarDaysInTheBureausTimeZone()
    {
        await AddAsync(
            Entry(Utc(2024, 3, 31, 15, 59, 59), entityId: "last-second-of-31-march"),
            Entry(Utc(2024, 3, 31, 16, 30), entityId: "early-on-1-april"),
            Entry(Utc(2024, 4, 1, 15, 59, 59), entityId: "last-second-of-1-april"),
            Entry(Utc(2024, 4, 1, 16, 0), entityId: "first-second-of-2-april"));

        var april1 = await service.SearchAsync(PartyOffice, new AuditQuery { From = new DateOnly(2024, 4, 1), To = new DateOnly(2024, 4, 1) }, Ct);
        var untilMarch31 = await service.SearchAsync(PartyOffice, new AuditQuery { To = new DateOnly(2024, 3, 31) }, Ct);
        var fromApril2 = await service.SearchAsync(PartyOffice, new AuditQuery { From = new DateOnly(2024, 4, 2) }, Ct);

        Assert.Equal(["last-second-of-1-april", "early-on-1-april"], april1.Rows.Select(r => r.EntityId));
        Assert.Equal(["last-second-of-31-march"], untilMarch31.Rows.Select(r => r.EntityId));
        Assert.Equal(["first-second-of-2-april"], fromApril2.Rows.Select(r => r.EntityId));
    }

    [Fact]
    public async Task RowsShowTheBureausLocalTimeAndTheOrgUnitName()
    {
        await AddAsync(Entry(Utc(2024, 3, 31, 16, 30), orgUnitId: tree.Legal), Entry(Utc(2024, 3, 30), orgUnitId: null));

        var rows = (await service.SearchAsync(PartyOffice, new AuditQuery(), Ct)).Rows;

        Assert.Equal(new DateTime(2024, 4, 1, 0, 30, 0), rows[0].At.DateTime);
        Assert.Equal(TimeSpan.FromHours(8), rows[0].At.Offset);
        Assert.Equal(Utc(2024, 3, 31, 16, 30), rows[0].At);
        Assert.Equal("法制科党支部", rows[0].OrgUnitName);
        Assert.Null(rows[1].OrgUnitName);
    }

    [Fact]
    public async Task PagesComeNewestFirstWithTheTotalOfAllMatches()
    {
        // Two entries in the same instant: the later one written comes first.
        await AddAsync(
            Entry(Utc(2024, 5, 1), entityId: "1"),
            Entry(Utc(2024, 5, 3), entityId: "3"),
            Entry(Utc(2024, 5, 2), entityId: "2"),
            Entry(Utc(2024, 5, 5), entityId: "5a"),
            Entry(Utc(2024, 5, 5), entityId: "5b"),
            Entry(Utc(2024, 5, 4), entityId: "4"));

        var first = await service.SearchAsync(PartyOffice, new AuditQuery { Skip = 0, Take = 4 }, Ct);
        var second = await service.SearchAsync(PartyOffice, new AuditQuery { Skip = 4, Take = 4 }, Ct);

        Assert.Equal(["5b", "5a", "4", "3"], first.Rows.Select(r => r.EntityId));
        Assert.Equal(["2", "1"], second.Rows.Select(r => r.EntityId));
        Assert.Equal(6, first.Total);
        Assert.Equal(6, second.Total);
    }

    [Fact]
    public async Task APageHoldsAtMostTwoHundredEntries()
    {
        await AddAsync(Enumerable.Range(0, 205).Select(i => Entry(Utc(2024, 5, 1).AddMinutes(i))).ToArray());

        var page = await service.SearchAsync(PartyOffice, new AuditQuery { Take = 1000 }, Ct);

        Assert.Equal(AuditQuery.MaxTake, page.Rows.Count);
        Assert.Equal(205, page.Total);
    }

    [Fact]
    public async Task FilterOptionsListWhatTheTrailHoldsAndTheTreeInOrder()
    {
        await AddAsync(
            Entry(Utc(2024, 5, 1), action: "update", entityType: "Activity"),
            Entry(Utc(2024, 5, 2), action: "create", entityType: "PortalUser"),
            Entry(Utc(2024, 5, 3), action: "update", entityType: "PortalUser"));

        var options = await service.GetFilterOptionsAsync(PartyOffice, Ct);

        Assert.Equal(["Activity", "PortalUser"], options.EntityTypes);
        Assert.Equal(["create", "update"], options.Actions);
        Assert.Equal(
            [("测试市局党委", 0), ("测试机关党委", 1), ("办公室党支部", 2), ("法制科党支部", 2), ("测试县局党委", 1), ("县局第一党支部", 2)],
            options.OrgUnits.Select(u => (u.Name, u.Depth)));
    }

    [Theory]
    [InlineData(PortalRole.Secretary)]
    [InlineData(PortalRole.Leader)]
    public async Task OnlyThePartyOfficeMayReadTheTrailAndARefusalIsItselfAudited(PortalRole role)
    {
        var user = TestUsers.With("someone", new Assignment(role, role == PortalRole.Secretary ? tree.Office : null));

        var search = await Assert.ThrowsAsync<AccessDeniedException>(() => service.SearchAsync(user, new AuditQuery(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.GetFilterOptionsAsync(user, Ct));

        Assert.Contains("查看审计日志", search.Message, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        // Two refusals of one operation in one minute: the first is written at once, the second counted (RefusalLog).
        var refusals = await db.AuditEntries.Where(e => e.Action == AuditActions.Refused).ToListAsync(Ct);
        Assert.Single(refusals);
        Assert.All(refusals, r =>
        {
            Assert.Equal("someone", r.UserName);
            Assert.Equal(nameof(Operation), r.EntityType);
            Assert.Equal(nameof(Operation.ViewAudit), r.EntityId);
            Assert.Equal(time.GetUtcNow(), r.At);
        });
    }

    [Fact]
    public async Task DisciplineReadsOnlyTheRestrictedPartOfTheTrail()
    {
        var discipline = TestUsers.With("someone", new Assignment(PortalRole.Discipline, null));

        var rows = await service.SearchAsync(discipline, new AuditQuery { Take = AuditQuery.MaxTake }, Ct);

        await using var db = database.CreateDbContext();
        Assert.Equal(await db.AuditEntries.CountAsync(e => e.Restricted, Ct), rows.Total);
    }

    [Fact]
    public async Task ASecretaryLearnsNothingFromTheTrail()
    {
        await AddAsync(Entry(Utc(2024, 5, 1), orgUnitId: tree.Office));
        var secretary = TestUsers.Secretary(tree.Office);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SearchAsync(secretary, new AuditQuery { OrgUnitId = tree.Office }, Ct));
    }

    [Fact]
    public async Task ASignedOutVisitorIsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.SearchAsync(TestUsers.Anonymous, new AuditQuery(), Ct));
    }

    [Fact]
    public void TheServiceOnlyReads()
    {
        var methods = typeof(AuditService).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Order(StringComparer.Ordinal);

        Assert.Equal([nameof(AuditService.GetFilterOptionsAsync), nameof(AuditService.SearchAsync)], methods);
    }

    private async Task AddAsync(params AuditEntry[] entries)
    {
        await using var db = database.CreateDbContext();

        // One save per entry so ids follow the order given, as they do when entries are written one by one.
        foreach (var e in entries)
        {
            db.AuditEntries.Add(e);
            await db.SaveChangesAsync(Ct);
        }
    }
}
