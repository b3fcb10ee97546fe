using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.Registers;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Registers;

/// <summary>Partnerships on a real database, with the real authorisation, audit trail and change bus.</summary>
public sealed class PartnershipServiceTests : ServiceTestContext
{
    private PartnershipService service = null!;
    private int root, branchA, branchB;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new PartnershipService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        var r = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        root = r.Id;
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, r)).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, r)).Id;
    }

    private PartnershipInput WithBranchB() => new()
    {
        Type = PartnershipType.CoBuilding, OrgUnitId = branchA, PartnerOrgUnitId = branchB, StartsOn = new DateOnly(2024, 3, 1),
    };

    private PartnershipInput WithNewAssociation() => new()
    {
        Type = PartnershipType.IndustryEscort, OrgUnitId = branchA, NewOrganisationName = " 市建筑业协会 ",
        NewOrganisationKind = OutsideOrganisationKind.IndustryAssociation, StartsOn = new DateOnly(2024, 2, 1),
    };

    [Fact]
    public async Task ASecretaryPartnersTheirBranchWithAnotherBranchAuditedAndAnnouncedToBoth()
    {
        var result = await service.AddAsync(TestUsers.Secretary(branchA), WithBranchB(), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.Partnerships.SingleAsync(Ct);
        Assert.Equal((branchA, (int?)branchB, (int?)null, (DateOnly?)null), (saved.OrgUnitId, saved.PartnerOrgUnitId, saved.PartnerOrganisationId, saved.EndsOn));
        var entry = await db.AuditEntries.SingleAsync(Ct);
        Assert.Equal((AuditActions.Create, nameof(Partnership), (int?)branchA), (entry.Action, entry.EntityType, entry.OrgUnitId));
        Assert.Equal([branchA, branchB], (await Recorder.SingleAsync()).OrgUnitIds);

        var seenByB = await service.ListAsync(TestUsers.Secretary(branchB), ct: Ct);
        Assert.Equal(("甲支部", "乙支部", "系统内单位"), (seenByB[0].UnitName, seenByB[0].PartnerName, seenByB[0].PartnerKind));
    }

    [Fact]
    public async Task ANewOutsideOrganisationIsCreatedInlineOnceAndReusedByName()
    {
        var first = await service.AddAsync(TestUsers.PartyOffice, WithNewAssociation(), Ct);
        var again = WithNewAssociation();
        again.OrgUnitId = branchB;
        again.NewOrganisationKind = null;
        var second = await service.AddAsync(TestUsers.PartyOffice, again, Ct);

        Assert.True(first.Succeeded && second.Succeeded, string.Join(" ", first.Errors.Values.Concat(second.Errors.Values)));
        await using var db = Database.CreateDbContext();
        var organisation = await db.OutsideOrganisations.SingleAsync(Ct);
        Assert.Equal(("市建筑业协会", OutsideOrganisationKind.IndustryAssociation), (organisation.Name, organisation.Kind));
        Assert.All(await db.Partnerships.ToListAsync(Ct), p => Assert.Equal(organisation.Id, p.PartnerOrganisationId));
        Assert.Equal(
            [(nameof(OutsideOrganisation), AuditActions.Create), (nameof(Partnership), AuditActions.Create), (nameof(Partnership), AuditActions.Create)],
            (await db.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct)).Select(a => (a.EntityType, a.Action)));
        Assert.Equal(["市建筑业协会"], (await service.OutsideOrganisationsAsync(TestUsers.Secretary(branchA), Ct)).Select(o => o.Name));
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "noPartner", "partner" },
        { "twoPartners", "partner" },
        { "itself", "partner" },
        { "newWithoutKind", "newOrganisationKind" },
        { "notABranch", "orgUnitId" },
        { "futureStart", "startsOn" },
        { "duplicate", "partner" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidPartnershipIsExplainedAndNothingIsSaved(string caseName, string field)
    {
        if (caseName == "duplicate")
        {
            await service.AddAsync(TestUsers.PartyOffice, WithBranchB(), Ct);
        }

        var input = WithBranchB();
        switch (caseName)
        {
            case "noPartner": input.PartnerOrgUnitId = null; break;
            case "twoPartners": input.NewOrganisationName = "某社区"; break;
            case "itself": input.PartnerOrgUnitId = branchA; break;
            case "newWithoutKind": input = WithNewAssociation(); input.NewOrganisationKind = null; break;
            case "notABranch": input.OrgUnitId = root; break;
            case "futureStart": input.StartsOn = Today.AddDays(1); break;
        }

        var result = await service.AddAsync(TestUsers.PartyOffice, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", result.Errors[field]);
        await using var db = Database.CreateDbContext();
        Assert.Equal(caseName == "duplicate" ? 1 : 0, await db.Partnerships.CountAsync(Ct));
        Assert.Equal(0, await db.OutsideOrganisations.CountAsync(Ct));
    }

    [Fact]
    public async Task OnlyThePartyOfficeAndTheBranchsOwnSecretaryManageItsPartnerships()
    {
        var id = (await service.AddAsync(TestUsers.PartyOffice, WithBranchB(), Ct)).Id!.Value;

        foreach (var user in new[] { TestUsers.Leader, TestUsers.Discipline, TestUsers.Secretary(branchB) })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddAsync(user, WithBranchB(), Ct));
            await Assert.ThrowsAsync<AccessDeniedException>(() => service.EndAsync(user, id, Today, Ct));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.OutsideOrganisationsAsync(TestUsers.Leader, Ct));
        Assert.Single(await service.ListAsync(TestUsers.Leader, ct: Ct));
    }

    [Fact]
    public async Task AnEndedPartnershipStopsCountingAfterItsLastDayAndCannotEndTwice()
    {
        var id = (await service.AddAsync(TestUsers.PartyOffice, WithBranchB(), Ct)).Id!.Value;

        Assert.True((await service.EndAsync(TestUsers.Secretary(branchA), id, new DateOnly(2024, 2, 28), Ct)).Errors.ContainsKey("endsOn"));
        Assert.True((await service.EndAsync(TestUsers.Secretary(branchA), id, new DateOnly(2024, 4, 30), Ct)).Succeeded);
        Assert.True((await service.EndAsync(TestUsers.Secretary(branchA), id, Today, Ct)).Errors.ContainsKey("endsOn"));

        await using var db = Database.CreateDbContext();
        var saved = await db.Partnerships.SingleAsync(Ct);
        Assert.True(saved.InOperationDuring(new Period(PeriodKind.Month, 2024, 4)));
        Assert.False(saved.InOperationDuring(new Period(PeriodKind.Month, 2024, 5)));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Partnership), Ct));
        Assert.False((await service.ListAsync(TestUsers.Leader, ct: Ct))[0].RunsOn(Today));
    }
}
