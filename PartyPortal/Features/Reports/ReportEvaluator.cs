using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>
/// Turns a figure's definition into the records it selects from <see cref="ReportFacts"/> and into its number. The
/// selection is the one definition of each figure: <see cref="ReportRecords"/> lists exactly what is counted here.
/// </summary>
public static class ReportEvaluator
{
    public static decimal Evaluate(ReportFigure figure, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(facts);
        var f = figure.Filter;
        return (figure.Source, figure.Measure) switch
        {
            (FigureSource.Activities, FigureMeasure.Count) => Activities(f, facts).Count(),
            (FigureSource.Activities, FigureMeasure.Sum) => Activities(f, facts).Sum(a => a.Quantity),
            (FigureSource.Activities, FigureMeasure.DistinctBranches) => Activities(f, facts).Select(a => a.OrgUnitId).Distinct().Count(),
            (FigureSource.Activities, FigureMeasure.DistinctMembers) => Activities(f, facts).Where(a => a.SubjectMemberId != null).Select(a => a.SubjectMemberId).Distinct().Count(),
            (FigureSource.Attendance, FigureMeasure.DistinctMembers) => Presence(f, facts).Select(p => p.MemberId).Distinct().Count(),
            (FigureSource.Registers, FigureMeasure.Count) => Registers(f, facts).Count(),
            (FigureSource.ClosedLoopItems, FigureMeasure.Count) => Items(f, facts).Count(),
            (FigureSource.RectificationMeasures, FigureMeasure.Count) => Measures(f, facts).Count(),
            (FigureSource.Partnerships, FigureMeasure.DistinctBranches) => Partnerships(f, facts).Select(p => p.OrgUnitId).Distinct().Count(),
            (FigureSource.Partnerships, FigureMeasure.DistinctPartners) => Partnerships(f, facts).Select(PartnerKey).Distinct().Count(),
            (FigureSource.DisciplineRecords, FigureMeasure.Count) => Discipline(f, facts).Count(),
            (FigureSource.DisciplineRecords, FigureMeasure.Sum) => Discipline(f, facts).Sum(d => d.PersonTimes),
            (FigureSource.DisciplineRecords, FigureMeasure.Share) => Share(Discipline(f, facts).Sum(d => d.PersonTimes), Whole(f, facts)),
            (FigureSource.TemporaryBranches, FigureMeasure.Count) => TemporaryBranches(facts).Count(),
            (FigureSource.StarRatings, FigureMeasure.Count) => facts.Stars.Branches.Count,
            _ => throw new NotSupportedException($"{figure.Id}: {figure.Source} × {figure.Measure}"),
        };
    }

    /// <summary>Part ÷ whole as a percentage to one decimal; 0 when the whole is 0.</summary>
    public static decimal Share(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part * 100 / whole, 1, MidpointRounding.AwayFromZero);

    private static decimal Whole(FigureFilter f, ReportFacts facts) =>
        ReportCatalogue.Find(f.ShareOf) is { } whole ? Evaluate(whole, facts) : throw new InvalidOperationException($"No figure {f.ShareOf}");

    public static IEnumerable<ActivityFact> Activities(FigureFilter f, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Activities.Where(a => f.KindCodes.Contains(a.KindCode)
            && (f.HeldByTypes.Count == 0 || (facts.Units.TryGetValue(a.OrgUnitId, out var u) && f.HeldByTypes.Contains(u.Type)))
            && (f.CampaignCode is null || a.CampaignCode == f.CampaignCode)
            && (f.OrganiserLevel is null || a.OrganiserLevel == f.OrganiserLevel)
            && (!f.AtContactPoint || a.AtContactPoint));
    }

    public static IEnumerable<PresenceFact> Presence(FigureFilter f, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Presence.Where(p => f.KindCodes.Contains(p.KindCode)
            && (f.OrganiserLevel is null || p.OrganiserLevel == f.OrganiserLevel)
            && (f.CadreLevel is null || p.CadreLevel == f.CadreLevel));
    }

    public static IEnumerable<RegisterFact> Registers(FigureFilter f, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Registers.Where(r => f.RegisterKinds.Contains(r.Kind)
            && (f.Window == RegisterWindow.InOperation || (r.StartsOn >= facts.From && r.StartsOn <= facts.To)));
    }

    public static IEnumerable<ItemFact> Items(FigureFilter f, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(facts);
        if (f.FoundByFigure is { } by)
        {
            var finders = Activities(ReportCatalogue.Find(by)!.Filter, facts).Select(a => a.Id).ToHashSet();
            return facts.Items.Where(i => i.SourceActivityId is { } a && finders.Contains(a));
        }

        return facts.Items.Where(i => i.Source == f.ItemSource && i.FoundOn >= facts.From && i.FoundOn <= facts.To && facts.InScope(i.OwnerOrgUnitId));
    }

    public static IEnumerable<MeasureFact> Measures(FigureFilter f, ReportFacts facts)
    {
        var items = Items(f, facts).Select(i => i.Id).ToHashSet();
        return facts.Measures.Where(m => items.Contains(m.ItemId));
    }

    public static IEnumerable<PartnershipFact> Partnerships(FigureFilter f, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Partnerships.Where(p => p.Type == f.PartnershipType
            && (!f.OrgansSide || Within(facts, p.OrgUnitId, facts.OrgansPath))
            && (!f.DistrictPartner || (p.PartnerOrgUnitId is { } partner && Within(facts, partner, facts.DistrictPath)))
            && (f.PartnerKind is null || p.PartnerKind == f.PartnerKind));
    }

    /// <summary>The other side of a partnership: a branch ("u12") or an outside organisation ("o3").</summary>
    public static string PartnerKey(PartnershipFact p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.PartnerOrgUnitId is { } u ? $"u{u}" : $"o{p.PartnerOrganisationId}";
    }

    public static IEnumerable<DisciplineFact> Discipline(FigureFilter f, ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Discipline.Where(d => d.Type == f.DisciplineType && (f.Form is null || d.Form == f.Form));
    }

    public static IEnumerable<UnitFact> TemporaryBranches(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Units.Values.Where(u => u.IsTemporary && u.FoundedOn >= facts.From && u.FoundedOn <= facts.To && OrgPath.IsWithin(u.Path, facts.Scope.Path));
    }

    private static bool Within(ReportFacts facts, int unitId, string? path) =>
        path is not null && facts.Units.TryGetValue(unitId, out var u) && OrgPath.IsWithin(u.Path, path);
}
