using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class BranchStandardsTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);

    private static readonly BranchFacts Compliant = new(
        FullMembers: 12,
        Members: 13,
        CommitteeMembers: 5,
        HasSecretary: true,
        HasDisciplineCommissioner: true,
        CommitteeElectedOn: new DateOnly(2023, 1, 10),
        SecretaryPost: AdministrativePost.DepartmentHead,
        DisciplineCommissionerPost: AdministrativePost.DepartmentDeputy);

    private static IReadOnlyList<string> Findings(BranchFacts facts) => BranchStandards.Findings(facts, Today);

    private static bool Has(IReadOnlyList<string> findings, string text) =>
        findings.Any(f => f.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void ACompliantBranchHasNoFindings()
    {
        Assert.Empty(Findings(Compliant));
    }

    [Fact]
    public void ASmallBranchWithoutACommitteeOrDisciplineCommissionerIsCompliant()
    {
        var small = Compliant with { FullMembers = 6, CommitteeMembers = 0, HasDisciplineCommissioner = false, DisciplineCommissionerPost = null };

        Assert.Empty(Findings(small));
    }

    [Fact]
    public void ABureauLeaderAsSecretaryCountsAsOneShoulder()
    {
        Assert.Empty(Findings(Compliant with { SecretaryPost = AdministrativePost.BureauLeader }));
    }

    [Fact]
    public void FewerThanThreeFullMembersIsFlagged()
    {
        var findings = Findings(Compliant with { FullMembers = 2 });

        Assert.True(Has(findings, "正式党员2名，不足3名"));
    }

    [Fact]
    public void ExactlyThreeFullMembersIsEnough()
    {
        Assert.False(Has(Findings(Compliant with { FullMembers = 3 }), "不足3名"));
    }

    [Fact]
    public void MoreThanFiftyMembersIsFlagged()
    {
        var findings = Findings(Compliant with { FullMembers = 51, Members = 51 });

        Assert.True(Has(findings, "超过50名"));
    }

    [Fact]
    public void ExactlyFiftyMembersIsNotFlagged()
    {
        Assert.Empty(Findings(Compliant with { FullMembers = 50, Members = 50 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(6)]
    public void SevenOrMoreMembersWithoutACommitteeOfThreeToFiveIsFlagged(int committeeMembers)
    {
        var findings = Findings(Compliant with { FullMembers = 7, CommitteeMembers = committeeMembers });

        Assert.True(Has(findings, "应设支委会（3至5人）"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void ACommitteeOfThreeToFiveIsAccepted(int committeeMembers)
    {
        Assert.Empty(Findings(Compliant with { FullMembers = 7, CommitteeMembers = committeeMembers }));
    }

    [Fact]
    public void SixMembersNeedNoCommittee()
    {
        var findings = Findings(Compliant with { FullMembers = 6, CommitteeMembers = 0 });

        Assert.False(Has(findings, "支委会"));
    }

    [Fact]
    public void SevenOrMoreMembersWithoutADisciplineCommissionerIsFlagged()
    {
        var findings = Findings(Compliant with { FullMembers = 7, HasDisciplineCommissioner = false, DisciplineCommissionerPost = null });

        Assert.True(Has(findings, "未配备纪检委员"));
    }

    [Fact]
    public void ACommitteeElectedMoreThanThreeYearsAgoIsOverdue()
    {
        var findings = Findings(Compliant with { CommitteeElectedOn = new DateOnly(2021, 5, 31) });

        Assert.True(Has(findings, "2021年5月31日选举，已超过3年任期未换届"));
    }

    [Fact]
    public void ACommitteeElectedExactlyThreeYearsAgoIsStillWithinItsTerm()
    {
        Assert.Empty(Findings(Compliant with { CommitteeElectedOn = new DateOnly(2021, 6, 1) }));
    }

    [Fact]
    public void ABranchWithoutAnElectionDateIsNotFlaggedForItsTerm()
    {
        Assert.Empty(Findings(Compliant with { CommitteeElectedOn = null }));
    }

    [Fact]
    public void ABranchWithoutASecretaryIsFlaggedOnceNotAlsoForOneShoulder()
    {
        var findings = Findings(Compliant with { HasSecretary = false, SecretaryPost = null });

        Assert.True(Has(findings, "未配备党支部书记"));
        Assert.False(Has(findings, "一肩挑"));
    }

    [Theory]
    [InlineData(AdministrativePost.DepartmentDeputy)]
    [InlineData(AdministrativePost.None)]
    public void ASecretaryWhoIsNotTheDepartmentHeadIsFlagged(AdministrativePost post)
    {
        var findings = Findings(Compliant with { SecretaryPost = post });

        Assert.True(Has(findings, "一肩挑"));
    }

    [Theory]
    [InlineData(AdministrativePost.DepartmentHead)]
    [InlineData(AdministrativePost.None)]
    public void ADisciplineCommissionerWhoIsNotADeputyHeadIsFlagged(AdministrativePost post)
    {
        var findings = Findings(Compliant with { DisciplineCommissionerPost = post });

        Assert.True(Has(findings, "纪检委员未由行政部门副职担任"));
    }

    [Fact]
    public void EveryBreachOfABadBranchIsListed()
    {
        var bad = new BranchFacts(
            FullMembers: 60,
            Members: 60,
            CommitteeMembers: 1,
            HasSecretary: true,
            HasDisciplineCommissioner: false,
            CommitteeElectedOn: new DateOnly(2019, 1, 1),
            SecretaryPost: AdministrativePost.None,
            DisciplineCommissionerPost: null);

        Assert.Equal(5, Findings(bad).Count);
    }

    [Fact]
    public void ProbationaryMembersCountTowardsTheFiftyMemberCeiling()
    {
        var findings = Findings(Compliant with { FullMembers = 48, Members = 52 });

        Assert.True(Has(findings, "党员52名，超过50名"));
    }
}
