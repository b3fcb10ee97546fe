using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartyPortal.Access;
using PartyPortal.Features.Study;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Study;

/// <summary>Study topic writes and reads on a real database, with the real authorisation.</summary>
public sealed class StudyTopicServiceTests : ServiceTestContext
{
    private StudyTopicService service = null!;
    private int branch, kind;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        service = new StudyTopicService(Database, Guard, Audit, Clock, Bus);

        await using var db = Database.CreateDbContext();
        var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
        branch = (await TestTree.AddUnitAsync(db, "甲支部", OrgUnitType.Branch, root)).Id;
        var k = new ActivityKind { Code = "study", Name = "理论学习", Pillar = Pillar.PoliticalBuilding, Unit = ActivityUnit.Times };
        db.ActivityKinds.Add(k);
        await db.SaveChangesAsync(Ct);
        kind = k.Id;
    }

    private static StudyTopicInput Valid(string title = "2024年5月政治理论学习指引：学习党纪") => new()
    {
        Title = title,
        PublishedOn = new DateOnly(2024, 5, 1),
        DueOn = new DateOnly(2024, 5, 31),
        Audience = StudyAudience.AllMembers,
    };

    private async Task<(int Topics, int Audits)> CountsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.StudyTopics.CountAsync(Ct), await db.AuditEntries.CountAsync(a => a.EntityType == nameof(StudyTopic), Ct));
    }

    [Fact]
    public async Task AValidTopicIsPublishedWithOneAuditEntry()
    {
        var input = Valid();
        input.Audience = StudyAudience.CadreLevel;
        input.AudienceCadreLevel = CadreLevel.Division;

        var result = await service.PublishAsync(TestUsers.PartyOffice, input, Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var saved = await db.StudyTopics.SingleAsync(Ct);
        Assert.Equal(("2024年5月政治理论学习指引：学习党纪", StudyAudience.CadreLevel, (CadreLevel?)CadreLevel.Division),
            (saved.Title, saved.Audience, saved.AudienceCadreLevel));
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(StudyTopic), Ct);
        Assert.Equal((AuditActions.Create, result.Id.ToString(), (int?)null), (entry.Action, entry.EntityId, entry.OrgUnitId));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "empty-title", "title" },
        { "due-before-published", "dueOn" },
        { "cadre-level-without-level", "audienceCadreLevel" },
        { "level-for-youth", "audienceCadreLevel" },
        { "duplicate-in-month", "title" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidTopicIsRefusedAndNothingIsSaved(string @case, string field)
    {
        Assert.True((await service.PublishAsync(TestUsers.PartyOffice, Valid(), Ct)).Succeeded);
        var before = await CountsAsync();
        var input = Valid("另一个专题");
        switch (@case)
        {
            case "empty-title": input.Title = "  "; break;
            case "due-before-published": input.DueOn = new DateOnly(2024, 4, 30); break;
            case "cadre-level-without-level": input.Audience = StudyAudience.CadreLevel; break;
            case "level-for-youth": input.Audience = StudyAudience.Youth; input.AudienceCadreLevel = CadreLevel.General; break;
            default: input = Valid(); input.PublishedOn = new DateOnly(2024, 5, 15); break;
        }

        var result = await service.PublishAsync(TestUsers.PartyOffice, input, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(field, result.Errors.Keys);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task TheSameTitleInAnotherMonthIsAllowed()
    {
        Assert.True((await service.PublishAsync(TestUsers.PartyOffice, Valid(), Ct)).Succeeded);
        var input = Valid();
        input.PublishedOn = new DateOnly(2024, 6, 1);
        input.DueOn = new DateOnly(2024, 6, 30);

        Assert.True((await service.PublishAsync(TestUsers.PartyOffice, input, Ct)).Succeeded);
    }

    [Fact]
    public async Task AnUpdateIsAuditedWithBeforeAndAfter()
    {
        var id = (await service.PublishAsync(TestUsers.PartyOffice, Valid(), Ct)).Id!.Value;
        var input = Valid("2024年5月政治理论学习指引：学习二十届三中全会精神");
        input.Audience = StudyAudience.Youth;

        var result = await service.UpdateAsync(TestUsers.PartyOffice, id, input, Ct);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Values));
        await using var db = Database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(StudyTopic) && a.Action == AuditActions.Update, Ct);
        using var before = JsonDocument.Parse(entry.Before!);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal(("2024年5月政治理论学习指引：学习党纪", "AllMembers"),
            (before.RootElement.GetProperty("title").GetString(), before.RootElement.GetProperty("audience").GetString()));
        Assert.Equal(("2024年5月政治理论学习指引：学习二十届三中全会精神", "Youth"),
            (after.RootElement.GetProperty("title").GetString(), after.RootElement.GetProperty("audience").GetString()));
    }

    [Fact]
    public async Task KeepingItsOwnTitleIsNotADuplicate()
    {
        var id = (await service.PublishAsync(TestUsers.PartyOffice, Valid(), Ct)).Id!.Value;
        var input = Valid();
        input.DueOn = new DateOnly(2024, 6, 10);

        Assert.True((await service.UpdateAsync(TestUsers.PartyOffice, id, input, Ct)).Succeeded);
        Assert.True((await service.UpdateAsync(TestUsers.PartyOffice, id + 100, input, Ct)).NotFound);
    }

    [Fact]
    public async Task ASecretaryCanListButNotPublish()
    {
        Assert.True((await service.PublishAsync(TestUsers.PartyOffice, Valid(), Ct)).Succeeded);
        var secretary = TestUsers.Secretary(branch);

        Assert.Single(await service.ListAsync(secretary, 2024, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.PublishAsync(secretary, Valid("另一个专题"), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListAsync(TestUsers.Anonymous, 2024, Ct));
        Assert.Equal((1, 1), await CountsAsync());
    }

    [Fact]
    public async Task TheListIsTheYearsTopicsNewestFirstWithTheirLinkedActivities()
    {
        var may = (await service.PublishAsync(TestUsers.PartyOffice, Valid(), Ct)).Id!.Value;
        var june = Valid("2024年6月政治理论学习指引");
        june.PublishedOn = new DateOnly(2024, 6, 1);
        june.DueOn = new DateOnly(2024, 6, 30);
        var juneId = (await service.PublishAsync(TestUsers.PartyOffice, june, Ct)).Id!.Value;
        var old = Valid("2023年12月政治理论学习指引");
        old.PublishedOn = new DateOnly(2023, 12, 1);
        old.DueOn = new DateOnly(2023, 12, 31);
        Assert.True((await service.PublishAsync(TestUsers.PartyOffice, old, Ct)).Succeeded);
        await using (var db = Database.CreateDbContext())
        {
            Activity Linked(int? topic, bool deleted = false) => new()
            {
                KindId = kind, OrgUnitId = branch, Date = new DateOnly(2024, 5, 10), Title = "学习", StudyTopicId = topic, IsDeleted = deleted,
            };
            db.Activities.AddRange(Linked(may), Linked(may), Linked(may, deleted: true), Linked(juneId), Linked(null));
            await db.SaveChangesAsync(Ct);
        }

        var rows = await service.ListAsync(TestUsers.Leader, 2024, Ct);

        Assert.Equal([(juneId, 1), (may, 2)], rows.Select(r => (r.Id, r.LinkedActivities)));
        Assert.Equal("全体党员", rows[0].AudienceLabel);
        Assert.Equal([2024, 2023], await service.YearsAsync(TestUsers.Leader, 2024, Ct));
    }

    [Fact]
    public void TheAudienceLabelNamesTheCadreLevel()
    {
        Assert.Equal("处级", StudyTopicService.AudienceLabel(StudyAudience.CadreLevel, CadreLevel.Division));
        Assert.Equal("青年党员", StudyTopicService.AudienceLabel(StudyAudience.Youth, null));
    }
}
