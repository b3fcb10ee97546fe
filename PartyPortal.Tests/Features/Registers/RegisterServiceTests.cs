using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Registers;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Registers;

/// <summary>Register writes and reads on a real database, with the real authorisation and change bus.</summary>
public sealed class RegisterServiceTests : ServiceTestContext
{
    private RegisterService service = null!;
    private int branchA, branchB, zhang;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new RegisterService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, root)).Id;
        var m = new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branchA };
        db.Members.Add(m);
        await db.SaveChangesAsync(Ct);
        zhang = m.Id;
    }

    private RegisterInput Valid(RegisterKind kind, int? unit = null) => new()
    {
        Kind = kind,
        Name = $"{kind.Display()}一号",
        OrgUnitId = unit ?? branchA,
        MemberId = kind is RegisterKind.Honour or RegisterKind.SecretaryStudio ? zhang : null,
        StartsOn = new DateOnly(2024, 3, 1),
        HonourLevel = kind == RegisterKind.Honour ? HonourLevel.Municipal : null,
        IsCollective = kind == RegisterKind.Honour ? false : null,
    };

    private async Task<(int Entries, int Audits)> CountsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.RegisterEntries.CountAsync(Ct), await db.AuditEntries.CountAsync(a => a.EntityType == nameof(RegisterEntry), Ct));
    }

    public static TheoryData<RegisterKind> Kinds() =>
    [
        RegisterKind.Honour, RegisterKind.ServiceCircle, RegisterKind.VolunteerPoint,
        RegisterKind.VanguardTeam, RegisterKind.YouthCommandoTeam, RegisterKind.SecretaryStudio,
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AValidEntryOfEachKindIsSavedAuditedAndAnnounced(RegisterKind kind)
    {
        var result = await service.AddAsync(TestUsers.PartyOffice, Valid(kind), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.RegisterEntries.SingleAsync(r => r.Id == result.Id, Ct);
        Assert.Equal((kind, branchA, new DateOnly(2024, 3, 1), (DateOnly?)null), (saved.Kind, saved.OrgUnitId, saved.StartsOn, saved.EndsOn));
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(RegisterEntry), Ct);
        Assert.Equal((AuditActions.Create, result.Id.ToString(), (int?)branchA), (entry.Action, entry.EntityId, entry.OrgUnitId));
        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "emptyName", "name" },
        { "futureStart", "startsOn" },
        { "endBeforeStart", "endsOn" },
        { "individualHonourWithoutMember", "memberId" },
        { "honourWithoutLevel", "honourLevel" },
        { "studioWithoutSecretary", "memberId" },
        { "unknownMember", "memberId" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidEntryIsExplainedAndNothingIsSavedOrAudited(string caseName, string field)
    {
        var input = Valid(RegisterKind.ServiceCircle);
        switch (caseName)
        {
            case "emptyName": input.Name = " "; break;
            case "futureStart": input.StartsOn = Today.AddDays(1); break;
            case "endBeforeStart": input.EndsOn = new DateOnly(2024, 2, 1); break;
            case "individualHonourWithoutMember": input = Valid(RegisterKind.Honour); input.MemberId = null; break;
            case "honourWithoutLevel": input = Valid(RegisterKind.Honour); input.HonourLevel = null; break;
            case "studioWithoutSecretary": input = Valid(RegisterKind.SecretaryStudio); input.MemberId = null; break;
            case "unknownMember": input.MemberId = 9999; break;
        }

        var result = await service.AddAsync(TestUsers.PartyOffice, input, Ct);

        Assert.False(result.Succeeded);
        Assert.True(result.Errors.ContainsKey(field), string.Join(" ", result.Errors.Keys));
        Assert.Equal((0, 0), await CountsAsync());
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task AnHonourForAMemberOfAnotherUnitIsRefusedAndNothingIsSaved()
    {
        var input = Valid(RegisterKind.Honour, branchB);

        var result = await service.AddAsync(TestUsers.PartyOffice, input, Ct);

        Assert.Equal("所选党员不存在或不属于乙支部，请在该单位的党员中选择。", result.Errors["memberId"]);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task ACollectiveHonourNeedsNoMember()
    {
        var input = Valid(RegisterKind.Honour);
        input.IsCollective = true;
        input.MemberId = null;

        Assert.True((await service.AddAsync(TestUsers.PartyOffice, input, Ct)).Succeeded);
    }

    [Fact]
    public async Task AnEndedCircleStopsCountingAfterItsLastDay()
    {
        var id = (await service.AddAsync(TestUsers.PartyOffice, Valid(RegisterKind.ServiceCircle), Ct)).Id!.Value;

        var result = await service.EndAsync(TestUsers.PartyOffice, id, new DateOnly(2024, 4, 30), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.RegisterEntries.SingleAsync(r => r.Id == id, Ct);
        Assert.Equal(new DateOnly(2024, 4, 30), saved.EndsOn);
        Assert.True(saved.InOperationDuring(new Period(PeriodKind.Month, 2024, 4)));
        Assert.False(saved.InOperationDuring(new Period(PeriodKind.Month, 2024, 5)));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(RegisterEntry), Ct));
    }

    [Fact]
    public async Task AnEndBeforeTheStartOrInTheFutureIsRefusedAndNothingChanges()
    {
        var id = (await service.AddAsync(TestUsers.PartyOffice, Valid(RegisterKind.VanguardTeam), Ct)).Id!.Value;

        Assert.True((await service.EndAsync(TestUsers.PartyOffice, id, new DateOnly(2024, 2, 28), Ct)).Errors.ContainsKey("endsOn"));
        Assert.True((await service.EndAsync(TestUsers.PartyOffice, id, Today.AddDays(1), Ct)).Errors.ContainsKey("endsOn"));
        Assert.True((await service.EndAsync(TestUsers.PartyOffice, 9999, Today, Ct)).NotFound);

        await using var db = Database.CreateDbContext();
        Assert.Null((await db.RegisterEntries.SingleAsync(r => r.Id == id, Ct)).EndsOn);
        Assert.Equal((1, 1), await CountsAsync());
    }

    [Fact]
    public async Task ASecretaryIsRefusedWritesButListsTheirScopeNewestFirst()
    {
        var old = Valid(RegisterKind.ServiceCircle);
        old.Name = "旧服务圈";
        old.StartsOn = new DateOnly(2023, 1, 1);
        var id = (await service.AddAsync(TestUsers.PartyOffice, old, Ct)).Id!.Value;
        await service.AddAsync(TestUsers.PartyOffice, Valid(RegisterKind.ServiceCircle), Ct);
        await service.AddAsync(TestUsers.PartyOffice, Valid(RegisterKind.ServiceCircle, branchB), Ct);
        var secretary = TestUsers.Secretary(branchA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddAsync(secretary, Valid(RegisterKind.ServiceCircle), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.EndAsync(secretary, id, Today, Ct));
        var rows = await service.ListAsync(secretary, RegisterKind.ServiceCircle, ct: Ct);

        Assert.Equal(["10分钟税费服务圈一号", "旧服务圈"], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal("甲支部", r.UnitName));
        Assert.Equal(3, (await service.ListAsync(TestUsers.Leader, RegisterKind.ServiceCircle, ct: Ct)).Count);
        Assert.Empty(await service.ListAsync(TestUsers.Leader, RegisterKind.VanguardTeam, ct: Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(secretary, RegisterKind.ServiceCircle, branchB, Ct));
    }
}
