using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Features.Study;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Study;

public class StudyTopicsPageTests : PortalTestContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<ChangeBus>();
        Services.AddScoped<StudyTopicService>();
        await using var db = Database.CreateDbContext();
        db.StudyTopics.Add(new StudyTopic
        {
            Title = "2024年5月政治理论学习指引：学习党纪", PublishedOn = new DateOnly(2024, 5, 1), DueOn = new DateOnly(2024, 5, 31),
            Audience = StudyAudience.CadreLevel, AudienceCadreLevel = CadreLevel.Section,
        });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public void PartyOfficeSeesTheTopicsAndCanPublishAndEdit()
    {
        var page = RenderAs<StudyTopicsPage>(TestUsers.PartyOffice);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-topic]")));
        Assert.Contains("科级", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-action=publish-topic]"));
        Assert.Single(page.FindAll("[data-action=edit-topic]"));
    }

    [Fact]
    public void ALeaderSeesTheListReadOnly()
    {
        var page = RenderAs<StudyTopicsPage>(TestUsers.Leader);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-topic]")));
        Assert.Empty(page.FindAll("[data-action]"));
    }

    [Fact]
    public void ThePublishFormIsPrefilledAndADuplicateIsExplainedBesideTheTitle()
    {
        var page = RenderAs<StudyTopicsPage>(TestUsers.PartyOffice);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-action=publish-topic]")));

        page.Find("[data-action=publish-topic]").Click();
        Assert.Equal("2024年5月政治理论学习指引：", page.Find("#topic-title").GetAttribute("value"));
        Assert.Contains("2024-05-31", page.Markup, StringComparison.Ordinal);
        page.Find("#topic-title").Change("2024年5月政治理论学习指引：学习党纪");
        page.Find("[data-action=save-topic]").Click();

        page.WaitForAssertion(() => Assert.Contains("已发布过", page.Markup, StringComparison.Ordinal));
        Assert.Equal("2024年5月政治理论学习指引：学习党纪", page.Find("#topic-title").GetAttribute("value"));
        Assert.Single(page.FindAll("[data-topic]"));
    }
}
