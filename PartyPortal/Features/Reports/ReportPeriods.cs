using System.Globalization;
using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>How a report's date range reads, and which ranges are accepted.</summary>
public static class ReportPeriods
{
    private static readonly PeriodKind[] Named = [PeriodKind.HalfYear, PeriodKind.Quarter, PeriodKind.Year, PeriodKind.Month];

    /// <summary>The calendar period the range is exactly, if any ("2023年上半年"); else null.</summary>
    public static Period? Exactly(DateOnly from, DateOnly to) =>
        Named.Select(k => Period.Containing(from, k)).Where(p => p.Start == from && p.End == to).Select(p => (Period?)p).FirstOrDefault();

    /// <summary>"2023年上半年" for a named period, "2023年1月1日至2023年2月15日" for any other range.</summary>
    public static string Describe(DateOnly from, DateOnly to) =>
        Exactly(from, to)?.Label ?? $"{Chinese(from)}至{Chinese(to)}";

    public static string Chinese(DateOnly d) => string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月{d.Day}日");

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>What is wrong with the range, in words a person can act on; null when it is fine.</summary>
    public static string? Error(DateOnly from, DateOnly to) =>
        to < from ? "统计期间的结束日期不能早于开始日期。"
        : to.DayNumber - from.DayNumber + 1 > ReportService.MaxDays ? "统计期间不能超过十年，请缩小日期范围。"
        : from.Year < 1900 ? "统计期间的开始日期无效。"
        : null;
}
