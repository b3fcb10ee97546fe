using PartyPortal.Model;

namespace PartyPortal.Live.Metrics;

/// <summary>
/// The numerators and denominators behind every metric of DOMAIN.md for one unit (its own records, not its
/// subtree) in one period. They are additive, so a scope's figures are the sum over the units of its subtree
/// and a change to one branch re-reads that branch only.
/// </summary>
public sealed class MetricCounts
{
    /// <summary>(branch, quarter) pairs in the period in which the branch existed.</summary>
    public int BranchQuarters { get; set; }

    /// <summary>Of those, the pairs with at least one 警示教育 dated in the quarter.</summary>
    public int BranchQuartersWarned { get; set; }

    /// <summary>Members whose branch on the period's reference day lies here.</summary>
    public int Members { get; set; }

    /// <summary>Of those, members present at one or more 警示教育 in the period (in any branch).</summary>
    public int MembersWarned { get; set; }

    public int StudyRequired { get; set; }
    public int StudyCompleted { get; set; }

    /// <summary>Members by cadre level (index = <see cref="CadreLevel"/> value).</summary>
    public int[] CadreMembers { get; } = new int[4];

    /// <summary>Members by cadre level who were present at a training flagged for their level in the period.</summary>
    public int[] CadreTrained { get; } = new int[4];

    /// <summary>三会一课 requirement instances that count (met or missed; a running period's unmet instance does not).</summary>
    public int MeetingInstances { get; set; }
    public int MeetingInstancesMet { get; set; }

    /// <summary>Activities dated in the period, restricted kinds left out.</summary>
    public int Activities { get; set; }

    public int RectificationItems { get; set; }
    public int RectificationClosed { get; set; }
    public int RectificationOverdue { get; set; }

    /// <summary>Published star ratings of the star year by level (index 1–5).</summary>
    public int[] Stars { get; } = new int[6];

    /// <summary>Five-star ratings of the year before the star year (the quota's base).</summary>
    public int PreviousFiveStars { get; set; }

    public void Add(MetricCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        BranchQuarters += other.BranchQuarters;
        BranchQuartersWarned += other.BranchQuartersWarned;
        Members += other.Members;
        MembersWarned += other.MembersWarned;
        StudyRequired += other.StudyRequired;
        StudyCompleted += other.StudyCompleted;
        MeetingInstances += other.MeetingInstances;
        MeetingInstancesMet += other.MeetingInstancesMet;
        Activities += other.Activities;
        RectificationItems += other.RectificationItems;
        RectificationClosed += other.RectificationClosed;
        RectificationOverdue += other.RectificationOverdue;
        PreviousFiveStars += other.PreviousFiveStars;
        for (var i = 0; i < CadreMembers.Length; i++)
        {
            CadreMembers[i] += other.CadreMembers[i];
            CadreTrained[i] += other.CadreTrained[i];
        }

        for (var i = 0; i < Stars.Length; i++)
        {
            Stars[i] += other.Stars[i];
        }
    }

    public bool SameAs(MetricCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return BranchQuarters == other.BranchQuarters && BranchQuartersWarned == other.BranchQuartersWarned
            && Members == other.Members && MembersWarned == other.MembersWarned
            && StudyRequired == other.StudyRequired && StudyCompleted == other.StudyCompleted
            && MeetingInstances == other.MeetingInstances && MeetingInstancesMet == other.MeetingInstancesMet
            && Activities == other.Activities && RectificationItems == other.RectificationItems
            && RectificationClosed == other.RectificationClosed && RectificationOverdue == other.RectificationOverdue
            && PreviousFiveStars == other.PreviousFiveStars
            && CadreMembers.SequenceEqual(other.CadreMembers) && CadreTrained.SequenceEqual(other.CadreTrained)
            && Stars.SequenceEqual(other.Stars);
    }

    public static MetricCounts Sum(IEnumerable<MetricCounts> parts)
    {
        var total = new MetricCounts();
        foreach (var part in parts)
        {
            total.Add(part);
        }

        return total;
    }
}
