using PartyPortal.Model;

namespace PartyPortal.Live;

/// <summary>
/// The periods the metrics are asked for by text (the API, the hub, a dashboard's address): quarters, half-years
/// and years within the bureau's lifetime. Anything else is refused with <see cref="Hint"/>, before it reaches the
/// engine: a far year is no data to show, only a full read to pay for.
/// </summary>
public static class MetricsPeriods
{
    public static bool TryParse(string? text, BureauClock clock, out Period period)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Period.TryParse(text, out period) && period.Kind != PeriodKind.Month && clock.IsWithinLifetime(period);
    }

    public static string Hint(BureauClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return $"期间应为{clock.FoundedYear}年至{clock.LastYear}年之间的季度、半年或年度，例如 2024Q3、2024H1、2024。";
    }
}
