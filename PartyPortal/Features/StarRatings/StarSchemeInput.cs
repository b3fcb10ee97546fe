using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>A year's scheme as the editor sends it: the same shape for creating and editing.</summary>
public sealed class StarSchemeInput
{
    public string? Name { get; set; }
    public decimal FiveStarMin { get; set; } = 90;
    public decimal FourStarMin { get; set; } = 80;
    public decimal ThreeStarMin { get; set; } = 70;
    public decimal TwoStarMin { get; set; } = 60;
    public int FiveStarGrowthPercent { get; set; } = FiveStarQuota.DefaultGrowthPercent;
    public int? FiveStarCapPercent { get; set; }
    public int NoticeDays { get; set; } = 5;
    public bool CountyPreReview { get; set; }
    public List<StarItemInput> Items { get; set; } = [];
    public List<StarVetoInput> Vetoes { get; set; } = [];

    /// <summary>The scheme's version when the editor read it; a save over a newer one is refused.</summary>
    public Guid? Version { get; set; }

    public static StarSchemeInput From(StarRubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        return new()
        {
            Name = rubric.Name,
            FiveStarMin = rubric.FiveStarMin,
            FourStarMin = rubric.FourStarMin,
            ThreeStarMin = rubric.ThreeStarMin,
            TwoStarMin = rubric.TwoStarMin,
            FiveStarGrowthPercent = rubric.FiveStarGrowthPercent,
            FiveStarCapPercent = rubric.FiveStarCapPercent,
            NoticeDays = rubric.NoticeDays,
            CountyPreReview = rubric.CountyPreReview,
            Items = [.. rubric.Criteria.OrderBy(c => c.SortOrder).Select(StarItemInput.From)],
            Vetoes = [.. rubric.Vetoes.OrderBy(v => v.Kind).Select(v => new StarVetoInput { Kind = v.Kind, OverdueDays = v.OverdueDays, MaxStars = v.MaxStars })],
            Version = rubric.Version,
        };
    }
}

/// <summary>One item of the rubric; <see cref="Id"/> names an existing item (drafts' scores stay with it), null a new one.</summary>
public sealed class StarItemInput
{
    public int? Id { get; set; }
    public string? Group { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public CriterionKind Kind { get; set; } = CriterionKind.Basic;
    public decimal MaxScore { get; set; }
    public CriterionMeasure Measure { get; set; }
    public decimal ZeroBelowPercent { get; set; } = 60;
    public decimal FullAtPercent { get; set; } = 100;

    public static StarItemInput From(StarCriterion c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Id = c.Id, Group = c.Group, Name = c.Name, Description = c.Description, Kind = c.Kind, MaxScore = c.MaxScore,
            Measure = c.Measure, ZeroBelowPercent = c.ZeroBelowPercent, FullAtPercent = c.FullAtPercent,
        };
    }
}

public sealed class StarVetoInput
{
    public VetoKind Kind { get; set; }
    public int? OverdueDays { get; set; }
    public int MaxStars { get; set; } = 1;
}
