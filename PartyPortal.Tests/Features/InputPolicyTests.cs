using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Features.Organisation;
using PartyPortal.Features.Study;
using PartyPortal.Features.Supervision;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features;

/// <summary>The one input policy in the services behind the forms: hidden characters and dates outside the bureau's lifetime refused, nothing saved.</summary>
public sealed class InputPolicyTests : ServiceTestContext
{
    private int root, branch, other, member;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Database.CreateDbContext();
        var committee = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        root = committee.Id;
        branch = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, committee)).Id;
        other = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, committee)).Id;
        var m = new Member { Name = "张伟", BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branch };
        m.Assignments.Add(new MemberAssignment { OrgUnitId = branch, From = new DateOnly(2023, 1, 1) });
        db.Members.Add(m);
        await db.SaveChangesAsync(Ct);
        member = m.Id;
    }

    [Fact]
    public async Task AMemberNameWithANulAndAJoiningDateOf1900AreRefused()
    {
        var service = new MemberService(Database, Guard, Audit, Clock, Bus);

        var result = await service.AddAsync(TestUsers.PartyOffice, new MemberInput
        {
            OrgUnitId = branch, Name = "李\u0000娜", Gender = Gender.Female, BirthYear = 1990, CadreLevel = CadreLevel.General,
            JoinedPartyOn = new DateOnly(1988, 7, 1), From = new DateOnly(1900, 3, 1),
        }, Ct);

        Assert.Equal(["from", "name"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("控制字符", result.Errors["name"], StringComparison.Ordinal);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.Members.CountAsync(Ct));
    }

    [Fact]
    public async Task ATransferDatedInYearOneIsRefused()
    {
        var service = new MemberService(Database, Guard, Audit, Clock, Bus);

        var result = await service.TransferAsync(TestUsers.PartyOffice, member, other, new DateOnly(1, 1, 1), Ct);

        Assert.Contains("不能早于2018年1月1日", result.Errors["on"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUnitNameWithADirectionOverrideIsRefusedOnAddAndRename()
    {
        var service = new OrgUnitService(Database, Guard, Audit, Clock, Bus, Services.GetRequiredService<OrgTree>());

        var added = await service.AddAsync(TestUsers.PartyOffice, new OrgUnitInput { ParentId = root, Name = "乙\u202E部支", Type = OrgUnitType.Branch }, Ct);
        var renamed = await service.RenameAsync(TestUsers.PartyOffice, branch, "甲\u2066支部", Ct);

        Assert.Contains("控制字符", added.Errors["name"], StringComparison.Ordinal);
        Assert.Contains("控制字符", renamed.Errors["name"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStudyTopicTitleWithABellIsRefused()
    {
        var service = new StudyTopicService(Database, Guard, Audit, Clock, Bus);

        var result = await service.PublishAsync(TestUsers.PartyOffice, new StudyTopicInput
        {
            Title = "五月\u0007学习指引", PublishedOn = new DateOnly(2024, 5, 1), DueOn = new DateOnly(2024, 5, 31),
        }, Ct);

        Assert.Contains("控制字符", result.Errors["title"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARectificationFoundInTheYear1000IsRefusedAndItsDescriptionMayHaveLines()
    {
        var service = new RectificationService(Database, Guard, Audit, Clock, Bus);
        RectificationInput Input(DateOnly found) => new()
        {
            Source = ClosedLoopSource.SelfReview, Title = "学习记录不全", Description = "一、……\n二、……", OwnerOrgUnitId = branch,
            FoundOn = found, Deadline = new DateOnly(2024, 6, 30),
        };

        var ancient = await service.CreateAsync(TestUsers.PartyOffice, Input(new DateOnly(1000, 1, 1)), Ct);
        var fine = await service.CreateAsync(TestUsers.PartyOffice, Input(new DateOnly(2024, 5, 1)), Ct);

        Assert.Contains("不能早于2018年1月1日", ancient.Errors["foundOn"], StringComparison.Ordinal);
        Assert.True(fine.Succeeded, string.Join(" ", fine.Errors.Values));
    }
}
