namespace PartyPortal.Model;

/// <summary>
/// A year's decision (评定): every approved assessment's final score and stars with the quota applied, the public
/// notice (公示) that follows, and the publication that makes the result history.
/// </summary>
public class StarDecision
{
    public int Id { get; set; }
    public int RubricId { get; set; }
    public StarRubric? Rubric { get; set; }
    public DateOnly DecidedOn { get; set; }

    /// <summary>The five-star quota applied; null when nothing capped the year (its first, without a share cap).</summary>
    public int? Quota { get; set; }

    /// <summary>The notice runs from the decision through this day; publication comes after it.</summary>
    public DateOnly NoticeUntil { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public List<StarObjection> Objections { get; } = [];
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>An objection raised during the notice, and how the committee handled it.</summary>
public class StarObjection
{
    public int Id { get; set; }
    public int DecisionId { get; set; }
    public StarDecision? Decision { get; set; }

    /// <summary>The branch it concerns, when it names one.</summary>
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public required string Content { get; set; }
    public string? Handling { get; set; }
    public DateOnly? HandledOn { get; set; }
}

/// <summary>动态管理: a published star lowered or revoked (0 stars) during the year, with the reason.</summary>
public class StarRatingChange
{
    public int Id { get; set; }
    public int StarRatingId { get; set; }
    public StarRating? Rating { get; set; }
    public DateOnly ChangedOn { get; set; }
    public int FromStars { get; set; }
    public int ToStars { get; set; }
    public required string Reason { get; set; }
}
