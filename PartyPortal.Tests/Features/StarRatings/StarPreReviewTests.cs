using System.Security.Claims;
using PartyPortal.Access;
using PartyPortal.Features;
using PartyPortal.Features.StarRatings;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.StarRatings;

/// <summary>县局预审: a county committee's party office pre-reviews its branches where the scheme says so; the bureau decides.</summary>
public sealed class StarPreReviewTests : StarRatingTestContext
{
    private ClaimsPrincipal CountyOffice => TestUsers.With("county-office", new Assignment(PortalRole.PartyOffice, Bureau.County));

    private async Task PreReviewAsync(bool on)
    {
        var schemes = new StarSchemeService(Database, Guard, Audit, Clock, Bus);
        var input = StarSchemeInput.From((await schemes.GetAsync(TestUsers.PartyOffice, Year, Ct))!.Rubric);
        input.CountyPreReview = on;
        Assert.True((await schemes.SaveAsync(TestUsers.PartyOffice, Year, input, Ct)).Succeeded);
        Assert.True((await Assessments.SubmitAsync(TestUsers.Secretary(Bureau.B), Year, Bureau.B, Complete(null, 10, "按实际销号情况评分"), Ct)).Succeeded);
    }

    private async Task<WriteResult> ApproveAsync(ClaimsPrincipal reviewer)
    {
        var version = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.B, Ct))!.Assessment!.Version;
        return await Reviews.ApproveAsync(reviewer, Year, Bureau.B, new StarReviewInput { Version = version }, Ct);
    }

    private async Task<AssessmentStatus> StatusAsync() =>
        (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.B, Ct))!.Assessment!.Status;

    [Fact]
    public async Task WithoutPreReviewInTheSchemeACountyCommitteeCannotApprove()
    {
        await PreReviewAsync(on: false);

        var result = await ApproveAsync(CountyOffice);

        Assert.Equal("本年度评定方案不设县（市、区）局党委预审，自评由机关党委审核。", result.Errors["assessment"]);
        Assert.Equal(AssessmentStatus.Submitted, await StatusAsync());
    }

    [Fact]
    public async Task TheCountysApprovalIsAPreReviewAndTheBureauDecides()
    {
        await PreReviewAsync(on: true);

        Assert.True((await ApproveAsync(CountyOffice)).Succeeded);
        Assert.Equal(AssessmentStatus.PreReviewed, await StatusAsync());
        Assert.Equal("只能审核已提交的自评，该支部自评当前为“县局预审通过”。", (await ApproveAsync(CountyOffice)).Errors["assessment"]);

        Assert.True((await ApproveAsync(TestUsers.PartyOffice)).Succeeded);
        Assert.Equal(AssessmentStatus.Approved, await StatusAsync());
    }

    [Fact]
    public async Task ACountyCommitteeReviewsOnlyItsOwnBranches()
    {
        await PreReviewAsync(on: true);
        Assert.True((await Assessments.SubmitAsync(TestUsers.Secretary(Bureau.O), Year, Bureau.O, Complete(null, 10, "按实际销号情况评分"), Ct)).Succeeded);

        var version = (await Assessments.OpenAsync(TestUsers.PartyOffice, Year, Bureau.O, Ct))!.Assessment!.Version;
        var result = await Reviews.ApproveAsync(CountyOffice, Year, Bureau.O, new StarReviewInput { Version = version }, Ct);

        Assert.True(result.NotFound);
        Assert.Equal([Bureau.A, Bureau.B], (await Reviews.ListAsync(CountyOffice, Year, Ct)).Select(r => r.BranchId).Order());
    }
}
