using PartyPortal.Features;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>软弱涣散: a designation the committee makes when it approves, found as a veto where the scheme has one.</summary>
public sealed class StarWeakAndLaxTests : StarRatingTestContext
{
    private async Task AddTheVetoAsync()
    {
        var schemes = new StarSchemeService(Database, Guard, Audit, Clock, Bus);
        var input = StarSchemeInput.From((await schemes.GetAsync(TestUsers.PartyOffice, Year, Ct))!.Rubric);
        input.Vetoes.Add(new StarVetoInput { Kind = VetoKind.WeakAndLax, MaxStars = 1 });
        Assert.True((await schemes.SaveAsync(TestUsers.PartyOffice, Year, input, Ct)).Succeeded);
    }

    private async Task<WriteResult> SubmitAndApproveAsync(int branch, string? weakAndLax)
    {
        var submitted = await Assessments.SubmitAsync(TestUsers.Secretary(branch), Year, branch, Complete(null, 10, "按实际销号情况评分"), Ct);
        Assert.True(submitted.Succeeded, string.Join(" ", submitted.Errors.Values));
        var version = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, branch, Ct))!.Assessment!.Version;
        return await Reviews.ApproveAsync(TestUsers.PartyOffice, Year, branch, new StarReviewInput { Version = version, WeakAndLax = weakAndLax }, Ct);
    }

    [Fact]
    public async Task TheDesignationIsAFindingThatCapsTheBranchsStars()
    {
        await AddTheVetoAsync();
        Assert.True((await SubmitAndApproveAsync(Bureau.B, "  支部班子长期不健全，组织生活长期不正常。 ")).Succeeded);
        Assert.True((await SubmitAndApproveAsync(Bureau.O, null)).Succeeded);

        var b = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.B, Ct))!;
        var finding = Assert.Single(b.Findings, f => f.Veto.Kind == VetoKind.WeakAndLax);
        Assert.Equal(["党委审核认定：支部班子长期不健全，组织生活长期不正常。"], finding.Records);
        Assert.Equal(1, b.Stars); // 94 points, capped at one star
        Assert.DoesNotContain((await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.O, Ct))!.Findings, f => f.Veto.Kind == VetoKind.WeakAndLax);
    }

    [Fact]
    public async Task ASchemeWithoutTheVetoRefusesTheDesignationAndSavesNothing()
    {
        var result = await SubmitAndApproveAsync(Bureau.B, "组织生活不正常");

        Assert.Equal("本年度评定方案没有“软弱涣散”一票否决项，不能在此认定。", result.Errors["weakAndLax"]);
        Assert.Equal(AssessmentStatus.Submitted, (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.B, Ct))!.Assessment!.Status);
    }
}
