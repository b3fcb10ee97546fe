using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Organisation;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>Org tree writes on a real database, with the real authorisation, org tree cache and change bus.</summary>
public sealed class OrgUnitServiceTests : ServiceTestContext
{
    private OrgUnitService service = null!;
    private OrgUnit root = null!, organs = null!, county = null!, general = null!, branchA = null!, branchC = null!, group = null!, empty = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new OrgUnitService(Database, Guard, Audit, Clock, Bus, Services.GetRequiredService<OrgTree>());

        await using var db = Database.CreateDbContext();
        root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        organs = await TestTree.AddUnitAsync(db, "机关党委", OrgUnitType.OrgansCommittee, root);
        county = await TestTree.AddUnitAsync(db, "甲县局党委", OrgUnitType.CountyCommittee, root, 1);
        general = await TestTree.AddUnitAsync(db, "稽查局党总支", OrgUnitType.GeneralBranch, organs);
        branchA = await TestTree.AddUnitAsync(db, "第一支部", OrgUnitType.Branch, general);
        branchC = await TestTree.AddUnitAsync(db, "第三支部", OrgUnitType.Branch, general, 1);
        group = await TestTree.AddUnitAsync(db, "第一党小组", OrgUnitType.PartyGroup, branchC);
        empty = await TestTree.AddUnitAsync(db, "第二支部", OrgUnitType.Branch, organs, 1, u => u.FoundedOn = new DateOnly(2024, 1, 10));
        db.Members.Add(new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branchA.Id });
        await db.SaveChangesAsync(Ct);
    }

    private OrgUnitInput Branch(OrgUnit? parent = null) => new()
    {
        ParentId = (parent ?? organs).Id,
        Name = "新支部",
        Type = OrgUnitType.Branch,
        FoundedOn = new DateOnly(2024, 3, 1),
    };

    private async Task<OrgUnit> UnitAsync(int id)
    {
        await using var db = Database.CreateDbContext();
        return await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == id, Ct);
    }

    [Fact]
    public async Task ABranchAddedUnderACommitteeGetsItsPathAnAuditEntryAndIsAnnounced()
    {
        var result = await service.AddAsync(TestUsers.PartyOffice, Branch(), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var saved = await UnitAsync(result.Id!.Value);
        Assert.Equal(("新支部", OrgUnitType.Branch, (int?)organs.Id, $"{organs.Path}{saved.Id}/", 2),
            (saved.Name, saved.Type, saved.ParentId, saved.Path, saved.SortOrder));
        await using var db = Database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(OrgUnit), Ct);
        Assert.Equal((AuditActions.Create, saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.Action, entry.EntityId));
        Assert.Equal([organs.Id, saved.Id], (await Recorder.SingleAsync()).OrgUnitIds);
        Assert.True(await Guard.AllowsAsync(TestUsers.Secretary(organs.Id), Operation.RecordActivity, saved.Id));
    }

    [Theory]
    [InlineData("empty name", "name")]
    [InlineData("duplicate", "name")]
    [InlineData("under a group", "type")]
    [InlineData("temporary without founding", "foundedOn")]
    [InlineData("future founding", "foundedOn")]
    public async Task AnInvalidUnitIsRefusedBesideTheFieldAndNothingIsSaved(string problem, string field)
    {
        var input = Branch();
        switch (problem)
        {
            case "empty name": input.Name = "  "; break;
            case "duplicate": input.Name = "第二支部"; break;
            case "under a group": input.ParentId = group.Id; break;
            case "temporary without founding": input.IsTemporary = true; input.FoundedOn = null; break;
            default: input.FoundedOn = Today.AddDays(1); break;
        }

        var result = await service.AddAsync(TestUsers.PartyOffice, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([field], result.Errors.Keys);
        await using var db = Database.CreateDbContext();
        Assert.Equal(8, await db.OrgUnits.CountAsync(Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task AMoveRewritesTheSubtreesPathsAndScopeChecksSeeTheNewPlace()
    {
        var secretary = TestUsers.Secretary(county.Id);
        Assert.False(await Guard.AllowsAsync(secretary, Operation.RecordActivity, group.Id));

        var result = await service.MoveAsync(TestUsers.PartyOffice, general.Id, county.Id, Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var moved = $"{county.Path}{general.Id}/";
        Assert.Equal((int?)county.Id, (await UnitAsync(general.Id)).ParentId);
        Assert.Equal(moved, (await UnitAsync(general.Id)).Path);
        Assert.Equal($"{moved}{branchA.Id}/", (await UnitAsync(branchA.Id)).Path);
        Assert.Equal($"{moved}{branchC.Id}/{group.Id}/", (await UnitAsync(group.Id)).Path);
        Assert.Equal(empty.Path, (await UnitAsync(empty.Id)).Path);
        Assert.True(await Guard.AllowsAsync(secretary, Operation.RecordActivity, group.Id));
        Assert.False(await Guard.AllowsAsync(TestUsers.Secretary(organs.Id), Operation.RecordActivity, branchA.Id));
        Assert.Equal([organs.Id, county.Id, general.Id], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    [Fact]
    public async Task AUnitCannotMoveIntoItsOwnSubtree()
    {
        var result = await service.MoveAsync(TestUsers.PartyOffice, general.Id, branchC.Id, Ct);

        Assert.Equal(["newParentId"], result.Errors.Keys);
        Assert.Equal(general.Path, (await UnitAsync(general.Id)).Path);
        Assert.Equal(branchC.Path, (await UnitAsync(branchC.Id)).Path);
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task ABranchWithMembersCannotClose()
    {
        var result = await service.CloseAsync(TestUsers.PartyOffice, branchA.Id, Today, Ct);

        Assert.Contains("请先将党员调转到其他支部", result.Errors["closedOn"], StringComparison.Ordinal);
        Assert.Null((await UnitAsync(branchA.Id)).ClosedOn);
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task AnEmptyBranchClosesOnTheDayGiven()
    {
        var result = await service.CloseAsync(TestUsers.PartyOffice, empty.Id, Today.AddDays(-1), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        Assert.Equal(Today.AddDays(-1), (await UnitAsync(empty.Id)).ClosedOn);
        Assert.Equal([organs.Id, empty.Id], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    [Fact]
    public async Task AClosingDateBeforeTheFoundingOrInTheFutureIsRefused()
    {
        Assert.Equal(["closedOn"], (await service.CloseAsync(TestUsers.PartyOffice, empty.Id, new DateOnly(2024, 1, 9), Ct)).Errors.Keys);
        Assert.Equal(["closedOn"], (await service.CloseAsync(TestUsers.PartyOffice, empty.Id, Today.AddDays(1), Ct)).Errors.Keys);
        Assert.Null((await UnitAsync(empty.Id)).ClosedOn);
    }

    [Fact]
    public async Task ARenameKeepsSiblingNamesUnique()
    {
        Assert.Equal(["name"], (await service.RenameAsync(TestUsers.PartyOffice, empty.Id, "稽查局党总支", Ct)).Errors.Keys);
        Assert.True((await service.RenameAsync(TestUsers.PartyOffice, empty.Id, " 办公室党支部 ", Ct)).Succeeded);
        Assert.Equal("办公室党支部", (await UnitAsync(empty.Id)).Name);
    }

    [Fact]
    public async Task ASecretaryIsRefused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddAsync(TestUsers.Secretary(organs.Id), Branch(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CloseAsync(TestUsers.Secretary(organs.Id), empty.Id, Today, Ct));

        await using var db = Database.CreateDbContext();
        Assert.Equal(8, await db.OrgUnits.CountAsync(Ct));
        Assert.Null((await UnitAsync(empty.Id)).ClosedOn);
        Assert.Equal(2, await RefusalsAuditedAsync());
    }
}
