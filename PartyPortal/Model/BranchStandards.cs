namespace PartyPortal.Model;

/// <summary>The facts of one branch that the standardisation rules look at, on one day.</summary>
/// <param name="FullMembers">正式党员: the 3-member minimum and the 7-member committee threshold count these.</param>
/// <param name="Members">All members, probationary included: the 50-member ceiling counts these.</param>
public sealed record BranchFacts(
    int FullMembers,
    int Members,
    int CommitteeMembers,
    bool HasSecretary,
    bool HasDisciplineCommissioner,
    DateOnly? CommitteeElectedOn,
    AdministrativePost? SecretaryPost,
    AdministrativePost? DisciplineCommissionerPost);

/// <summary>
/// Branch standardisation (党支部规范化建设), from 《中国共产党支部工作条例（试行）》 and the seed's chapter 6(二):
/// 3 full members at least, generally no more than 50; with 7 or more a committee of 3–5 including a
/// 纪检委员; re-elected every 3 years; secretary = department head ("一肩挑"), 纪检委员 a deputy head.
/// </summary>
public static class BranchStandards
{
    public const int MinimumFullMembers = 3;
    public const int MaximumMembers = 50;
    public const int CommitteeThreshold = 7;
    public const int TermYears = 3;

    public static IReadOnlyList<string> Findings(BranchFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var findings = new List<string>();
        if (facts.FullMembers < MinimumFullMembers)
        {
            findings.Add($"正式党员{facts.FullMembers}名，不足{MinimumFullMembers}名，不符合成立党支部的条件");
        }

        if (facts.Members > MaximumMembers)
        {
            findings.Add($"党员{facts.Members}名，超过{MaximumMembers}名，宜分设党支部");
        }

        if (!facts.HasSecretary)
        {
            findings.Add("未配备党支部书记");
        }

        if (facts.FullMembers >= CommitteeThreshold)
        {
            if (facts.CommitteeMembers is < 3 or > 5)
            {
                findings.Add($"正式党员7名以上应设支委会（3至5人），现有委员{facts.CommitteeMembers}人");
            }

            if (!facts.HasDisciplineCommissioner)
            {
                findings.Add("支委会未配备纪检委员");
            }
        }

        if (facts.CommitteeElectedOn is { } elected && elected.AddYears(TermYears) < today)
        {
            findings.Add($"支委会于{elected:yyyy年M月d日}选举，已超过{TermYears}年任期未换届");
        }

        if (facts.HasSecretary && facts.SecretaryPost is not (AdministrativePost.DepartmentHead or AdministrativePost.BureauLeader))
        {
            findings.Add("党支部书记未由部门行政负责人担任（“一肩挑”）");
        }

        if (facts.HasDisciplineCommissioner && facts.DisciplineCommissionerPost != AdministrativePost.DepartmentDeputy)
        {
            findings.Add("纪检委员未由行政部门副职担任");
        }

        return findings;
    }
}
