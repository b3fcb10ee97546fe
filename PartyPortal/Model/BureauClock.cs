namespace PartyPortal.Model;

/// <summary>
/// "Today" is a calendar day in the bureau's time zone, whatever the server's clock zone. Time comes from
/// an injected <see cref="TimeProvider"/> so tests can move it. The bureau's lifetime bounds every period and
/// date the portal accepts: from January 1 of its founding year to the end of next year.
/// </summary>
public sealed class BureauClock(TimeProvider time, TimeZoneInfo zone, int foundedYear = BureauClock.DefaultFoundedYear)
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    /// <summary>The year the merged tax bureaus were founded; an install sets its own (Bureau:FoundedYear).</summary>
    public const int DefaultFoundedYear = 2018;

    public TimeZoneInfo Zone { get; } = zone;

    public int FoundedYear { get; } = foundedYear is >= 1949 and <= 9000 ? foundedYear
        : throw new ArgumentOutOfRangeException(nameof(foundedYear), foundedYear, "The founding year must be 1949 or later.");

    /// <summary>The first day anything can have happened in the bureau.</summary>
    public DateOnly FirstDay => new(FoundedYear, 1, 1);

    /// <summary>The last year a period may lie in: next year, for plans.</summary>
    public int LastYear => Today.Year + 1;

    /// <summary>Whether a period lies within the bureau's lifetime (decided on the year alone, so 9999Q4 is safe to ask).</summary>
    public bool IsWithinLifetime(Period period) => period.Year >= FoundedYear && period.Year <= LastYear;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public Period CurrentQuarter => Period.Containing(Today, PeriodKind.Quarter);

    /// <summary>
    /// Finds a zone by IANA id. A machine without time-zone data still gets the bureau's
    /// offset for the default zone (China has no daylight saving).
    /// </summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        id = string.IsNullOrWhiteSpace(id) ? DefaultTimeZoneId : id;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (id == DefaultTimeZoneId)
            {
                return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
            }

            throw;
        }
    }
}
