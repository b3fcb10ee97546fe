namespace PartyPortal.Model;

/// <summary>
/// "Today" is a calendar day in the bureau's time zone, whatever the server's clock zone. Time comes from
/// an injected <see cref="TimeProvider"/> so tests can move it.
/// </summary>
public sealed class BureauClock(TimeProvider time, TimeZoneInfo zone)
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    public TimeZoneInfo Zone { get; } = zone;

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
