using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PartyPortal.Model;

public enum PeriodKind
{
    [Display(Name = "月")] Month = 1,
    [Display(Name = "季度")] Quarter = 2,
    [Display(Name = "半年")] HalfYear = 3,
    [Display(Name = "年")] Year = 4,
}

/// <summary>
/// A calendar period in the bureau's time zone: a month, a quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec),
/// a half-year or a year. Start and End are inclusive calendar days.
/// Text form: "2024-03", "2024Q3", "2024H1", "2024".
/// </summary>
public readonly partial record struct Period(PeriodKind Kind, int Year, int Index)
{
    public DateOnly Start => Kind switch
    {
        PeriodKind.Month => new DateOnly(Year, Index, 1),
        PeriodKind.Quarter => new DateOnly(Year, (Index - 1) * 3 + 1, 1),
        PeriodKind.HalfYear => new DateOnly(Year, (Index - 1) * 6 + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly End => Next.Start.AddDays(-1);

    public Period Next => Kind switch
    {
        PeriodKind.Month => Index == 12 ? new(Kind, Year + 1, 1) : new(Kind, Year, Index + 1),
        PeriodKind.Quarter => Index == 4 ? new(Kind, Year + 1, 1) : new(Kind, Year, Index + 1),
        PeriodKind.HalfYear => Index == 2 ? new(Kind, Year + 1, 1) : new(Kind, Year, Index + 1),
        _ => new(Kind, Year + 1, 1),
    };

    public Period Previous => Kind switch
    {
        PeriodKind.Month => Index == 1 ? new(Kind, Year - 1, 12) : new(Kind, Year, Index - 1),
        PeriodKind.Quarter => Index == 1 ? new(Kind, Year - 1, 4) : new(Kind, Year, Index - 1),
        PeriodKind.HalfYear => Index == 1 ? new(Kind, Year - 1, 2) : new(Kind, Year, Index - 1),
        _ => new(Kind, Year - 1, 1),
    };

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public bool Overlaps(Period other) => Start <= other.End && End >= other.Start;

    public static Period Month(int year, int month) => Validated(PeriodKind.Month, year, month, 12);
    public static Period Quarter(int year, int quarter) => Validated(PeriodKind.Quarter, year, quarter, 4);
    public static Period HalfYear(int year, int half) => Validated(PeriodKind.HalfYear, year, half, 2);
    public static Period OfYear(int year) => Validated(PeriodKind.Year, year, 1, 1);

    public static Period Containing(DateOnly day, PeriodKind kind) => kind switch
    {
        PeriodKind.Month => new(kind, day.Year, day.Month),
        PeriodKind.Quarter => new(kind, day.Year, (day.Month - 1) / 3 + 1),
        PeriodKind.HalfYear => new(kind, day.Year, day.Month <= 6 ? 1 : 2),
        _ => new(kind, day.Year, 1),
    };

    /// <summary>The periods of <paramref name="kind"/> that overlap <paramref name="range"/>, in order.</summary>
    public static IEnumerable<Period> Covering(Period range, PeriodKind kind)
    {
        for (var p = Containing(range.Start, kind); p.Start <= range.End; p = p.Next)
        {
            yield return p;
        }
    }

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Index:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}Q{Index}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}H{Index}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>The zh-CN label users see: "2024年3月", "2024年第3季度", "2024年上半年", "2024年".</summary>
    public string Label => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Index}月"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}年第{Index}季度"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year}年{(Index == 1 ? "上" : "下")}半年"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}年"),
    };

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var m = PeriodPattern().Match(text.Trim());
        if (!m.Success)
        {
            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 9999)
        {
            return false;
        }

        var (kind, index, max) = m.Groups["k"].Value.ToUpperInvariant() switch
        {
            "" => (PeriodKind.Year, 1, 1),
            "-" => (PeriodKind.Month, int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture), 12),
            "Q" => (PeriodKind.Quarter, int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture), 4),
            _ => (PeriodKind.HalfYear, int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture), 2),
        };
        if (index < 1 || index > max)
        {
            return false;
        }

        period = new Period(kind, year, index);
        return true;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"不是有效的期间：{text}（示例：2024Q3、2024H1、2024-03、2024）");

    private static Period Validated(PeriodKind kind, int year, int index, int max) =>
        index >= 1 && index <= max && year is >= 1900 and <= 9999
            ? new Period(kind, year, index)
            : throw new ArgumentOutOfRangeException(nameof(index), $"{kind} {year}/{index}");

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:(?<k>[QqHh\-])(?<i>[0-9]{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();
}
