using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Features.Accounts;
using PartyPortal.Features.Audit;
using PartyPortal.Features.Overview;
using PartyPortal.Features.Registers;
using PartyPortal.Features.Screens;
using PartyPortal.Features.Supervision;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Access;

/// <summary>
/// Every service operation that exists, called by every role, in and out of scope, through the portal's
/// real services: the server decides, whatever a page shows. Grows with every feature.
/// </summary>
public sealed class ServiceAccessTests(ServiceAccessTests.Portal portal) : IClassFixture<ServiceAccessTests.Portal>
{
    public enum Who { Leader, PartyOffice, Discipline, SecretaryOfA, SecretaryOfB, Nobody }

    /// <summary>(service operation, who calls it, allowed?) — the operations of today's services.</summary>
    public static TheoryData<string, Who, bool> Matrix()
    {
        var data = new TheoryData<string, Who, bool>();
        void Row(string op, params Who[] allowed)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(op, who, allowed.Contains(who));
            }
        }

        // The home overview of branch A (secretaries: their own branch only).
        Row("Overview.Get", Who.Leader, Who.PartyOffice, Who.Discipline, Who.SecretaryOfA);
        Row("Accounts.List", Who.PartyOffice);
        Row("Accounts.ScopeOptions", Who.PartyOffice);
        Row("Accounts.Create", Who.PartyOffice);
        Row("Accounts.Disable", Who.PartyOffice);
        Row("Accounts.Enable", Who.PartyOffice);
        Row("Accounts.ResetPassword", Who.PartyOffice);
        // Discipline reads the restricted part of the trail only (RestrictedAuditTests).
        Row("Audit.Search", Who.PartyOffice, Who.Discipline);
        Row("Audit.FilterOptions", Who.PartyOffice, Who.Discipline);

        // Writes to the tree of branch A's parent; PartyOffice only.
        Row("OrgUnits.Rename", Who.PartyOffice);
        Row("Members.List", Who.Leader, Who.PartyOffice, Who.Discipline, Who.SecretaryOfA);
        Row("Members.Add", Who.PartyOffice);

        // Closed-loop items of branch A: everybody reads their scope; the party office and A's secretary write.
        Row("Rectification.List", Who.Leader, Who.PartyOffice, Who.Discipline, Who.SecretaryOfA, Who.SecretaryOfB);
        Row("Rectification.Get", Who.Leader, Who.PartyOffice, Who.Discipline, Who.SecretaryOfA);
        Row("Rectification.Create", Who.PartyOffice, Who.SecretaryOfA);
        Row("Rectification.AddMeasure", Who.PartyOffice, Who.SecretaryOfA);
        Row("Rectification.Start", Who.PartyOffice, Who.SecretaryOfA);

        // Discipline records: rows for Discipline only, counts for leaders and the party office too.
        Row("Discipline.List", Who.Discipline);
        Row("Discipline.Aggregates", Who.Leader, Who.PartyOffice, Who.Discipline);
        Row("Discipline.Create", Who.Discipline);
        Row("Discipline.Update", Who.Discipline);

        // Partnerships kept by branch A.
        Row("Partnerships.List", Who.Leader, Who.PartyOffice, Who.Discipline, Who.SecretaryOfA, Who.SecretaryOfB);
        Row("Partnerships.Add", Who.PartyOffice, Who.SecretaryOfA);
        Row("Partnerships.End", Who.PartyOffice, Who.SecretaryOfA);

        // Meeting-room screens showing branch A: the party office only.
        Row("Screens.List", Who.PartyOffice);
        Row("Screens.Create", Who.PartyOffice);
        Row("Screens.Update", Who.PartyOffice);
        Row("Screens.Revoke", Who.PartyOffice);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task TheServerDecides(string operation, Who who, bool allowed)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var user = portal.User(who);
        var call = Operation(scope.ServiceProvider, operation, user);

        if (allowed)
        {
            await call();
        }
        else
        {
            await Assert.ThrowsAsync<AccessDeniedException>(call);
        }
    }

    [Fact]
    public async Task EveryKindOfAccountWriteLeavesAnAuditEntry()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var admin = TestUsers.PartyOffice;
        var ct = TestContext.Current.CancellationToken;

        var created = await accounts.CreateAsync(admin, new NewAccount { UserName = "audited", DisplayName = "被审计的人", Roles = [new RolePair { Role = PortalRole.Secretary, OrgUnitId = portal.BranchA }] }, ct);
        Assert.True(created.Succeeded);
        Assert.NotNull(created.TemporaryPassword);
        await using var db = portal.Factory.CreateDbContext();
        var id = await db.Users.Where(u => u.UserName == "audited").Select(u => u.Id).SingleAsync(ct);
        Assert.True((await accounts.DisableAsync(admin, id, ct)).Succeeded);
        Assert.True((await accounts.EnableAsync(admin, id, ct)).Succeeded);
        Assert.True((await accounts.ResetPasswordAsync(admin, id, ct)).Succeeded);
        await Assert.ThrowsAsync<AccessDeniedException>(() => accounts.DisableAsync(TestUsers.Leader, id, ct));

        var entries = await db.AuditEntries.Where(a => a.EntityId == id || a.UserName == "leader").ToListAsync(ct);
        Assert.Contains(entries, e => e.Action == AuditActions.Create && e.UserName == "admin" && e.After!.Contains("被审计的人", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditActions.Disable && e.Before == "{\"isDisabled\":false}" && e.After == "{\"isDisabled\":true}");
        Assert.Contains(entries, e => e.Action == AuditActions.Enable);
        Assert.Contains(entries, e => e.Action == AuditActions.ResetPassword);
        Assert.Contains(entries, e => e.Action == AuditActions.Refused && e.UserName == "leader" && e.EntityId == nameof(PartyPortal.Access.Operation.ManageAccounts));
    }

    [Fact]
    public async Task AnInvalidAccountSavesNothingAndSaysWhyInChinese()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var ct = TestContext.Current.CancellationToken;
        await using var db = portal.Factory.CreateDbContext();
        var before = (await db.Users.CountAsync(ct), await db.RoleAssignments.CountAsync(ct), await db.AuditEntries.CountAsync(ct));

        var result = await accounts.CreateAsync(TestUsers.PartyOffice,
            new NewAccount { UserName = "有 空格", DisplayName = "", Roles = [new RolePair { Role = PortalRole.Secretary, OrgUnitId = null }] }, ct);

        Assert.False(result.Succeeded);
        Assert.Contains("用户名", result.Errors[nameof(NewAccount.UserName)], StringComparison.Ordinal);
        Assert.Contains("姓名", result.Errors[nameof(NewAccount.DisplayName)], StringComparison.Ordinal);
        Assert.Contains("支部书记须指定", result.Errors["Roles[0]"], StringComparison.Ordinal);
        Assert.Equal(before, (await db.Users.CountAsync(ct), await db.RoleAssignments.CountAsync(ct), await db.AuditEntries.CountAsync(ct)));
    }

    [Fact]
    public async Task ADuplicateUserNameSavesNothing()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var ct = TestContext.Current.CancellationToken;
        var account = new NewAccount { UserName = "twice", DisplayName = "重名", Roles = [new RolePair { Role = PortalRole.Leader }] };
        Assert.True((await accounts.CreateAsync(TestUsers.PartyOffice, account, ct)).Succeeded);
        await using var db = portal.Factory.CreateDbContext();
        var audits = await db.AuditEntries.CountAsync(ct);

        var again = await accounts.CreateAsync(TestUsers.PartyOffice, account, ct);

        Assert.False(again.Succeeded);
        Assert.Contains("已被使用", again.Errors[nameof(NewAccount.UserName)], StringComparison.Ordinal);
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "twice", ct));
        Assert.Equal(audits, await db.AuditEntries.CountAsync(ct));
    }

    private Func<Task> Operation(IServiceProvider services, string operation, ClaimsPrincipal user)
    {
        var accounts = services.GetRequiredService<AccountService>();
        var ct = TestContext.Current.CancellationToken;
        return operation switch
        {
            "Overview.Get" => () => services.GetRequiredService<BureauOverviewService>().GetAsync(user, portal.BranchA, ct),
            "Accounts.List" => () => accounts.ListAsync(user, ct),
            "Accounts.ScopeOptions" => () => accounts.ScopeOptionsAsync(user, ct),
            "Accounts.Create" => () => accounts.CreateAsync(user, new NewAccount { UserName = $"n{Guid.NewGuid():N}"[..12], DisplayName = "新人", Roles = [new RolePair { Role = PortalRole.Leader }] }, ct),
            "Accounts.Disable" => () => accounts.DisableAsync(user, portal.TargetId, ct),
            "Accounts.Enable" => () => accounts.EnableAsync(user, portal.TargetId, ct),
            "Accounts.ResetPassword" => () => accounts.ResetPasswordAsync(user, portal.TargetId, ct),
            "Audit.Search" => () => services.GetRequiredService<AuditService>().SearchAsync(user, new AuditQuery(), ct),
            "Audit.FilterOptions" => () => services.GetRequiredService<AuditService>().GetFilterOptionsAsync(user, ct),
            "Members.List" => () => services.GetRequiredService<PartyPortal.Features.Organisation.MemberService>().ListAsync(user, portal.BranchA, ct),
            "Members.Add" => () => services.GetRequiredService<PartyPortal.Features.Organisation.MemberService>().AddAsync(user,
                new PartyPortal.Features.Organisation.MemberInput { OrgUnitId = portal.BranchA, Name = "新党员", Gender = Gender.Female, BirthYear = 1990, CadreLevel = CadreLevel.General }, ct),
            "Rectification.List" => () => services.GetRequiredService<RectificationService>().ListAsync(user, new RectificationFilter(), ct),
            // Outside the reader's scope an item reads as one that does not exist (null, the refusal audited).
            "Rectification.Get" => async () => _ = await services.GetRequiredService<RectificationService>().GetAsync(user, portal.ItemA, ct)
                ?? throw new AccessDeniedException("read as not found"),
            "Rectification.Create" => () => services.GetRequiredService<RectificationService>().CreateAsync(user, new RectificationInput
            {
                Source = ClosedLoopSource.SelfReview, Title = "新问题", OwnerOrgUnitId = portal.BranchA, FoundOn = new DateOnly(2024, 1, 2), Deadline = new DateOnly(2024, 3, 31),
            }, ct),
            "Rectification.AddMeasure" => async () => await services.GetRequiredService<RectificationService>().AddMeasureAsync(user, portal.ItemA, "措施", await portal.ItemVersionAsync(), ct),
            "Rectification.Start" => async () => await services.GetRequiredService<RectificationService>().StartAsync(user, portal.ItemA, null, await portal.ItemVersionAsync(), ct),
            "Discipline.List" => () => services.GetRequiredService<DisciplineRecordService>().ListAsync(user, Period.OfYear(2024), ct),
            "Discipline.Aggregates" => () => services.GetRequiredService<DisciplineRecordService>().AggregatesAsync(user, Period.OfYear(2024), ct),
            "Discipline.Create" => () => services.GetRequiredService<DisciplineRecordService>().CreateAsync(user, portal.Clue(), ct),
            "Discipline.Update" => () => services.GetRequiredService<DisciplineRecordService>().UpdateAsync(user, portal.RecordA, portal.Clue(), ct),
            "Partnerships.List" => () => services.GetRequiredService<PartnershipService>().ListAsync(user, ct: ct),
            "Partnerships.Add" => () => services.GetRequiredService<PartnershipService>().AddAsync(user, new PartnershipInput
            {
                OrgUnitId = portal.BranchA, NewOrganisationName = $"社区{Guid.NewGuid():N}"[..10], NewOrganisationKind = OutsideOrganisationKind.Community, StartsOn = new DateOnly(2024, 1, 2),
            }, ct),
            "Partnerships.End" => () => services.GetRequiredService<PartnershipService>().EndAsync(user, portal.PartnershipA, new DateOnly(2024, 1, 2), ct),
            "Screens.List" => () => services.GetRequiredService<ScreenService>().ListAsync(user, ct),
            "Screens.Create" => () => services.GetRequiredService<ScreenService>().CreateAsync(user, new ScreenInput { Name = "会议室", ScopeOrgUnitId = portal.BranchA }, ct),
            "Screens.Update" => async () => await services.GetRequiredService<ScreenService>().UpdateAsync(user, portal.ScreenA, new ScreenInput { Name = "大会议室", ScopeOrgUnitId = portal.BranchA }, await portal.ScreenVersionAsync(), ct),
            "Screens.Revoke" => async () => await services.GetRequiredService<ScreenService>().RevokeAsync(user, await portal.NewScreenAsync(), ct),
            "OrgUnits.Rename" => () => services.GetRequiredService<PartyPortal.Features.Organisation.OrgUnitService>().RenameAsync(user, portal.BranchA, $"甲支部{Guid.NewGuid():N}"[..8], ct),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>A portal with two branches and an account to act on.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        public PortalFactory Factory { get; } = new(demoData: false);
        public int BranchA { get; private set; }
        public int BranchB { get; private set; }
        public string TargetId { get; private set; } = "";
        public int ItemA { get; private set; }
        public int RecordA { get; private set; }
        public int PartnershipA { get; private set; }
        public int ScreenA { get; private set; }

        public async ValueTask InitializeAsync()
        {
            BranchA = await Factory.AddBranchAsync("甲支部");
            BranchB = await Factory.AddBranchAsync("乙支部");
            TargetId = (await Factory.CreateAccountAsync("target", "Target#Pass1", (PortalRole.Secretary, BranchB))).Id;
            await using var db = Factory.CreateDbContext();
            var item = new ClosedLoopItem
            {
                Source = ClosedLoopSource.InspectionSelfCheck, Title = "巡视自查问题", OwnerOrgUnitId = BranchA, FoundOn = new DateOnly(2024, 1, 2), Deadline = new DateOnly(2024, 6, 30),
            };
            var record = new DisciplineRecord { Type = DisciplineRecordType.ClueHandled, OrgUnitId = BranchA, Date = new DateOnly(2024, 1, 2), Summary = "线索" };
            var partnership = new Partnership { Type = PartnershipType.CoBuilding, OrgUnitId = BranchA, PartnerOrgUnitId = BranchB, StartsOn = new DateOnly(2024, 1, 1) };
            db.AddRange(item, record, partnership);
            await db.SaveChangesAsync();
            (ItemA, RecordA, PartnershipA) = (item.Id, record.Id, partnership.Id);
            ScreenA = await NewScreenAsync();
        }

        /// <summary>A screen of branch A, made directly (revoking needs a fresh one each time).</summary>
        public async Task<int> NewScreenAsync()
        {
            await using var db = Factory.CreateDbContext();
            var screen = new Screen { Name = "甲支部大屏", ScopeOrgUnitId = BranchA, TokenHash = Guid.NewGuid().ToString("N"), CreatedBy = "admin" };
            db.Screens.Add(screen);
            await db.SaveChangesAsync();
            return screen.Id;
        }

        public async Task<Guid> ScreenVersionAsync()
        {
            await using var db = Factory.CreateDbContext();
            return await db.Screens.Where(s => s.Id == ScreenA).Select(s => s.Version).SingleAsync();
        }

        public async Task<Guid> ItemVersionAsync()
        {
            await using var db = Factory.CreateDbContext();
            return await db.ClosedLoopItems.Where(i => i.Id == ItemA).Select(i => i.Version).SingleAsync();
        }

        public DisciplineRecordInput Clue() => new()
        {
            Type = DisciplineRecordType.ClueHandled, OrgUnitId = BranchA, Date = new DateOnly(2024, 1, 2), Summary = "处置信访线索",
        };

        public ValueTask DisposeAsync() => Factory.DisposeAsync();

        public ClaimsPrincipal User(Who who) => who switch
        {
            Who.Leader => TestUsers.Leader,
            Who.PartyOffice => TestUsers.PartyOffice,
            Who.Discipline => TestUsers.Discipline,
            Who.SecretaryOfA => TestUsers.Secretary(BranchA),
            Who.SecretaryOfB => TestUsers.Secretary(BranchB),
            _ => TestUsers.Anonymous,
        };
    }
}
