using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Access;

/// <summary>
/// The whole matrix: every operation × every role × the org unit inside or outside the role's scope, and the
/// bureau as a whole. The expectations are written out here, independently of <see cref="AccessPolicy"/>,
/// from DOMAIN.md's "People and what they do".
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.Tree tree) : IClassFixture<AccessMatrixTests.Tree>
{
    private static readonly Dictionary<PortalRole, Operation[]> Expected = new()
    {
        // Read everything except case files; change nothing. The report may be put into the bureau's templates.
        [PortalRole.Leader] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.ViewDashboards, Operation.ReadDisciplineAggregates, Operation.RunReports,
            Operation.UseReportTemplates,
        ],

        // Everything except case files.
        [PortalRole.PartyOffice] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.RecordActivity, Operation.ViewDashboards, Operation.ReadDisciplineAggregates,
            Operation.ManageOrganisation, Operation.ManageCatalogue, Operation.ReviewStarRating, Operation.RunReports, Operation.ManageScreens,
            Operation.ManageAccounts, Operation.ViewAudit, Operation.ManageRectification, Operation.ManagePartnerships,
            Operation.ManageReportTemplates, Operation.UseReportTemplates,
        ],

        // Their own branch (or county committee) only: its work, its rectification items and its partnerships.
        [PortalRole.Secretary] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.RecordActivity, Operation.ViewDashboards, Operation.AssessStarRating,
            Operation.ManageRectification, Operation.ManagePartnerships,
        ],

        // The discipline records of their scope; the report (its restricted figures) through the bureau's templates.
        [PortalRole.Discipline] =
        [
            Operation.ViewOverview, Operation.ReadActivities, Operation.RecordRestrictedActivity, Operation.ViewDashboards,
            Operation.ReadDisciplineRecords, Operation.WriteDisciplineRecords, Operation.ReadDisciplineAggregates, Operation.RunReports,
            Operation.UseReportTemplates,
        ],
    };

    public static TheoryData<Operation, PortalRole> Cases()
    {
        var data = new TheoryData<Operation, PortalRole>();
        foreach (var op in Enum.GetValues<Operation>())
        {
            foreach (var role in Enum.GetValues<PortalRole>())
            {
                data.Add(op, role);
            }
        }

        return data;
    }

    private int CountyA => tree.CountyA;
    private int BranchA1 => tree.BranchA1;
    private int CountyB => tree.CountyB;
    private int BranchB1 => tree.BranchB1;

    [Fact]
    public void ThePolicyIsTheMatrixWrittenHere()
    {
        foreach (var role in Enum.GetValues<PortalRole>())
        {
            Assert.Equal(Expected[role].ToHashSet(), AccessPolicy.OperationsOf(role).ToHashSet());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ARoleScopedToACountyIsAllowedInsideItAndRefusedOutsideIt(Operation op, PortalRole role)
    {
        var user = TestUsers.With("u", new Assignment(role, CountyA));
        var allowed = Expected[role].Contains(op);

        Assert.Equal(allowed, await AllowsAsync(user, op, CountyA));
        Assert.Equal(allowed, await AllowsAsync(user, op, BranchA1));
        Assert.False(await AllowsAsync(user, op, CountyB));
        Assert.False(await AllowsAsync(user, op, BranchB1));

        // The bureau as a whole is outside any county's scope.
        Assert.False(await AllowsAsync(user, op, null));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ARoleScopedToTheWholeBureauIsAllowedEverywhereItsRoleAllows(Operation op, PortalRole role)
    {
        var user = TestUsers.With("u", new Assignment(role, null));
        var allowed = Expected[role].Contains(op);

        Assert.Equal(allowed, await AllowsAsync(user, op, null));
        Assert.Equal(allowed, await AllowsAsync(user, op, CountyB));
        Assert.Equal(allowed, await AllowsAsync(user, op, BranchA1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABranchSecretaryCannotReachTheCommitteeAboveOrASiblingBranch(Operation op, PortalRole role)
    {
        var user = TestUsers.With("u", new Assignment(role, BranchA1));

        Assert.Equal(Expected[role].Contains(op), await AllowsAsync(user, op, BranchA1));
        Assert.False(await AllowsAsync(user, op, CountyA));
        Assert.False(await AllowsAsync(user, op, BranchB1));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheUnitsOfAListAreTheUnitsEachCheckAllows(Operation op, PortalRole role)
    {
        foreach (var scope in new int?[] { null, CountyA, BranchA1 })
        {
            var user = TestUsers.With("u", new Assignment(role, scope));
            await using var serviceScope = tree.Services.CreateAsyncScope();
            var guard = serviceScope.ServiceProvider.GetRequiredService<AccessGuard>();

            var listed = await guard.UnitsAllowingAsync(user, op, TestContext.Current.CancellationToken);

            foreach (var unit in new[] { CountyA, BranchA1, CountyB, BranchB1 })
            {
                Assert.Equal(await guard.AllowsAsync(user, op, unit), listed.Contains(unit));
            }
        }
    }

    [Fact]
    public async Task PairsAddUp()
    {
        var user = TestUsers.With("u", new Assignment(PortalRole.Secretary, BranchA1), new Assignment(PortalRole.Discipline, CountyB));

        Assert.True(await AllowsAsync(user, Operation.RecordActivity, BranchA1));
        Assert.False(await AllowsAsync(user, Operation.RecordActivity, BranchB1));
        Assert.True(await AllowsAsync(user, Operation.ReadDisciplineRecords, BranchB1));
        Assert.False(await AllowsAsync(user, Operation.ReadDisciplineRecords, BranchA1));
    }

    [Fact]
    public async Task NobodySignedInIsAllowedNothing()
    {
        foreach (var op in Enum.GetValues<Operation>())
        {
            Assert.False(await AllowsAsync(TestUsers.Anonymous, op, BranchA1));
        }
    }

    [Fact]
    public async Task ARefusalIsThrownInChineseAndAudited()
    {
        await using var scope = tree.Services.CreateAsyncScope();
        var guard = scope.ServiceProvider.GetRequiredService<AccessGuard>();

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            guard.DemandAsync(TestUsers.Secretary(BranchA1), Operation.RecordActivity, BranchB1, TestContext.Current.CancellationToken));

        Assert.Equal("您没有权限记录支部活动。", e.Message);
        await using var db = tree.Database.CreateDbContext();
        var entry = Assert.Single(db.AuditEntries.Where(a => a.EntityId == "RecordActivity" && a.OrgUnitId == BranchB1));
        Assert.Equal(("secretary", AuditActions.Refused, nameof(Operation), "RecordActivity", (int?)BranchB1),
            (entry.UserName, entry.Action, entry.EntityType, entry.EntityId, entry.OrgUnitId));
    }

    private async Task<bool> AllowsAsync(System.Security.Claims.ClaimsPrincipal user, Operation op, int? orgUnitId)
    {
        await using var scope = tree.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessGuard>().AllowsAsync(user, op, orgUnitId);
    }

    /// <summary>A bureau with two counties and a branch in each, and the real authorisation over it.</summary>
    public sealed class Tree : IAsyncLifetime
    {
        public TestDatabase Database { get; private set; } = null!;
        public ServiceProvider Services { get; private set; } = null!;
        public int CountyA { get; private set; }
        public int BranchA1 { get; private set; }
        public int CountyB { get; private set; }
        public int BranchB1 { get; private set; }

        public async ValueTask InitializeAsync()
        {
            Database = await TestDatabase.CreateAsync();
            Services = AccessTestServices.Create(Database, new FakeTimeProvider());
            await using var db = Database.CreateDbContext();
            var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
            var a = await TestTree.AddUnitAsync(db, "甲县局党委", OrgUnitType.CountyCommittee, root);
            var b = await TestTree.AddUnitAsync(db, "乙县局党委", OrgUnitType.CountyCommittee, root);
            var a1 = await TestTree.AddUnitAsync(db, "甲一支部", OrgUnitType.Branch, a);
            var b1 = await TestTree.AddUnitAsync(db, "乙一支部", OrgUnitType.Branch, b);
            (CountyA, BranchA1, CountyB, BranchB1) = (a.Id, a1.Id, b.Id, b1.Id);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
