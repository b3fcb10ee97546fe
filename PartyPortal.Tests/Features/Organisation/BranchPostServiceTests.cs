using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>Appointing and ending branch posts (支部班子) on a real database, with the real authorisation and change bus.</summary>
public sealed class BranchPostServiceTests : ServiceTestContext
{
    private MemberService service = null!;
    private int branchA, branchB, zhang, li, wang, zhao;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new MemberService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branchA = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
        branchB = (await TestTree.AddUnitAsync(db, "乙支部", OrgUnitType.Branch, root)).Id;
        zhang = await AddMemberAsync(db, "张伟", branchA, new DateOnly(2020, 1, 1));
        li = await AddMemberAsync(db, "李娜", branchA, new DateOnly(2020, 1, 1));
        wang = await AddMemberAsync(db, "王强", branchB, new DateOnly(2020, 1, 1));
        zhao = await AddMemberAsync(db, "赵敏", branchA, new DateOnly(2024, 5, 1));
    }

    private static async Task<int> AddMemberAsync(PartyPortal.Data.PortalDbContext db, string name, int branch, DateOnly from)
    {
        var m = new Member { Name = name, BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branch, AdministrativePost = AdministrativePost.DepartmentHead };
        m.Assignments.Add(new MemberAssignment { OrgUnitId = branch, From = from });
        db.Members.Add(m);
        await db.SaveChangesAsync(Ct);
        return m.Id;
    }

    private PostInput Appoint(int member, BranchPost post, DateOnly from, int? branch = null) =>
        new() { OrgUnitId = branch ?? branchA, MemberId = member, Post = post, From = from };

    [Fact]
    public async Task AnAppointmentIsSavedWithItsAuditEntryAnnouncedAndSeenByTheStandardsPage()
    {
        var result = await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhang, BranchPost.Secretary, new DateOnly(2024, 1, 1)), Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        var row = Assert.Single(await service.ListPostsAsync(TestUsers.PartyOffice, branchA, Ct));
        Assert.Equal((zhang, "张伟", BranchPost.Secretary, new DateOnly(2024, 1, 1), (DateOnly?)null), (row.MemberId, row.MemberName, row.Post, row.From, row.To));
        await using (var db = Database.CreateDbContext())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(MemberPost), Ct);
            Assert.Equal((AuditActions.Create, result.Id.ToString(), (int?)branchA), (entry.Action, entry.EntityId, entry.OrgUnitId));
        }

        Assert.Equal([branchA], (await Recorder.SingleAsync()).OrgUnitIds);
        var standards = new BranchStandardsService(Database, Clock, Guard);
        var facts = (await standards.GetAsync(TestUsers.PartyOffice, ct: Ct)).Branches.Single(b => b.Id == branchA).Facts;
        Assert.True(facts.HasSecretary);
        Assert.Equal(AdministrativePost.DepartmentHead, facts.SecretaryPost);
    }

    [Fact]
    public async Task ASecondSecretaryIsRefusedUntilTheFirstSecretarysPostHasEnded()
    {
        Assert.True((await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhang, BranchPost.Secretary, new DateOnly(2024, 1, 1)), Ct)).Succeeded);

        var refused = await service.AppointAsync(TestUsers.PartyOffice, Appoint(li, BranchPost.Secretary, new DateOnly(2024, 5, 1)), Ct);
        Assert.Contains("由张伟担任", refused.Errors["post"], StringComparison.Ordinal);

        var first = Assert.Single(await service.ListPostsAsync(TestUsers.PartyOffice, branchA, Ct));
        Assert.True((await service.EndPostAsync(TestUsers.PartyOffice, first.Id, new DateOnly(2024, 4, 30), Ct)).Succeeded);
        var accepted = await service.AppointAsync(TestUsers.PartyOffice, Appoint(li, BranchPost.Secretary, new DateOnly(2024, 5, 1)), Ct);

        Assert.True(accepted.Succeeded, string.Join(" ", accepted.Errors.Values));
        Assert.Equal(li, Assert.Single(await service.ListPostsAsync(TestUsers.PartyOffice, branchA, Ct)).MemberId);
    }

    [Fact]
    public async Task TheDisciplineCommissionerHasOneHolderButCommitteeMembersMayBeSeveral()
    {
        var day = new DateOnly(2024, 5, 1);
        Assert.True((await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhang, BranchPost.DisciplineCommissioner, day), Ct)).Succeeded);
        Assert.Contains("post", (await service.AppointAsync(TestUsers.PartyOffice, Appoint(li, BranchPost.DisciplineCommissioner, day), Ct)).Errors.Keys);

        Assert.True((await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhang, BranchPost.CommitteeMember, day), Ct)).Succeeded);
        Assert.True((await service.AppointAsync(TestUsers.PartyOffice, Appoint(li, BranchPost.CommitteeMember, day), Ct)).Succeeded);
        Assert.Contains("已任委员", (await service.AppointAsync(TestUsers.PartyOffice, Appoint(li, BranchPost.CommitteeMember, Today), Ct)).Errors["post"], StringComparison.Ordinal);

        Assert.Equal(3, (await service.ListPostsAsync(TestUsers.PartyOffice, branchA, Ct)).Count);
    }

    [Fact]
    public async Task OnlyAMemberOfTheBranchOnTheDayCanBeAppointedAndTheFormIsExplained()
    {
        Assert.Contains("不是甲支部的党员", (await service.AppointAsync(TestUsers.PartyOffice, Appoint(wang, BranchPost.CommitteeMember, Today), Ct)).Errors["memberId"], StringComparison.Ordinal);
        Assert.Contains("2024-04-01不是甲支部的党员", (await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhao, BranchPost.CommitteeMember, new DateOnly(2024, 4, 1)), Ct)).Errors["memberId"], StringComparison.Ordinal);
        Assert.StartsWith("任职日期不能晚于今天", (await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhang, BranchPost.CommitteeMember, Today.AddDays(1)), Ct)).Errors["from"], StringComparison.Ordinal);
        var empty = await service.AppointAsync(TestUsers.PartyOffice, new PostInput { OrgUnitId = branchA }, Ct);
        Assert.Equal(("请选择本支部的党员。", "请选择职务。", "请选择任职日期。"), (empty.Errors["memberId"], empty.Errors["post"], empty.Errors["from"]));

        Assert.Empty(await service.ListPostsAsync(TestUsers.PartyOffice, branchA, Ct));
        await using var db = Database.CreateDbContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(Ct));
        Assert.Empty(Recorder.Seen);
    }

    [Fact]
    public async Task EndingAPostIsRefusedBeforeItsStartAfterTodayAndTwice()
    {
        var id = (await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhang, BranchPost.OrganisationCommissioner, new DateOnly(2024, 3, 1)), Ct)).Id!.Value;
        await Recorder.SingleAsync();

        Assert.Contains("不能早于该日", (await service.EndPostAsync(TestUsers.PartyOffice, id, new DateOnly(2024, 2, 28), Ct)).Errors["on"], StringComparison.Ordinal);
        Assert.Contains("on", (await service.EndPostAsync(TestUsers.PartyOffice, id, Today.AddDays(1), Ct)).Errors.Keys);
        Assert.True((await service.EndPostAsync(TestUsers.PartyOffice, id, Today, Ct)).Succeeded);
        Assert.Contains("已于2024-05-20结束", (await service.EndPostAsync(TestUsers.PartyOffice, id, Today, Ct)).Errors["postId"], StringComparison.Ordinal);
        Assert.True((await service.EndPostAsync(TestUsers.PartyOffice, id + 100, Today, Ct)).NotFound);

        // Ended today, the post is still held today and so still listed, with its end date.
        Assert.Equal(Today, Assert.Single(await service.ListPostsAsync(TestUsers.PartyOffice, branchA, Ct)).To);
        await using var db = Database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(MemberPost) && a.Action == AuditActions.Update, Ct));
        for (var i = 0; i < 100 && Recorder.Seen.Count < 2; i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal([[branchA], [branchA]], Recorder.Seen.Select(c => c.OrgUnitIds.ToList()));
    }

    [Fact]
    public async Task ASecretaryCannotAppointOrEndPostsEvenInTheirOwnBranch()
    {
        var id = (await service.AppointAsync(TestUsers.PartyOffice, Appoint(zhang, BranchPost.Secretary, new DateOnly(2024, 1, 1)), Ct)).Id!.Value;
        var secretary = TestUsers.Secretary(branchA);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AppointAsync(secretary, Appoint(li, BranchPost.CommitteeMember, Today), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.EndPostAsync(secretary, id, Today, Ct));

        var post = Assert.Single(await service.ListPostsAsync(secretary, branchA, Ct));
        Assert.Null(post.To);
        await using var db = Database.CreateDbContext();
        Assert.Equal(2, await RefusalsAuditedAsync());
    }
}
