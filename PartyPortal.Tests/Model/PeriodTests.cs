using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class PeriodTests
{
    [Theory]
    [InlineData(2024, 1, 1, 1)]
    [InlineData(2024, 3, 31, 1)]
    [InlineData(2024, 4, 1, 2)]
    [InlineData(2024, 6, 30, 2)]
    [InlineData(2024, 7, 1, 3)]
    [InlineData(2024, 9, 30, 3)]
    [InlineData(2024, 10, 1, 4)]
    [InlineData(2024, 12, 31, 4)]
    public void QuarterContainingADayFollowsTheCalendarQuarters(int year, int month, int day, int expectedQuarter)
    {
        var quarter = Period.Containing(new DateOnly(year, month, day), PeriodKind.Quarter);

        Assert.Equal(Period.Quarter(year, expectedQuarter), quarter);
    }

    [Fact]
    public void QuarterOfMarch31IsQ1()
    {
        Assert.Equal("2024Q1", Period.Containing(new DateOnly(2024, 3, 31), PeriodKind.Quarter).ToString());
    }

    [Fact]
    public void QuarterOfApril1IsQ2()
    {
        Assert.Equal("2024Q2", Period.Containing(new DateOnly(2024, 4, 1), PeriodKind.Quarter).ToString());
    }

    [Fact]
    public void QuarterOfDecember31IsQ4OfThatYear()
    {
        Assert.Equal("2024Q4", Period.Containing(new DateOnly(2024, 12, 31), PeriodKind.Quarter).ToString());
    }

    [Fact]
    public void January1StartsQ1H1AndTheYear()
    {
        var day = new DateOnly(2025, 1, 1);

        Assert.Equal("2025-01", Period.Containing(day, PeriodKind.Month).ToString());
        Assert.Equal("2025Q1", Period.Containing(day, PeriodKind.Quarter).ToString());
        Assert.Equal("2025H1", Period.Containing(day, PeriodKind.HalfYear).ToString());
        Assert.Equal("2025", Period.Containing(day, PeriodKind.Year).ToString());
    }

    [Theory]
    [InlineData(2024, 6, 30, "2024H1")]
    [InlineData(2024, 7, 1, "2024H2")]
    public void HalfYearSplitsAtJuly1(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, Period.Containing(new DateOnly(year, month, day), PeriodKind.HalfYear).ToString());
    }

    [Theory]
    [InlineData("2024-02", 2024, 2, 1, 2024, 2, 29, 29)]
    [InlineData("2023-02", 2023, 2, 1, 2023, 2, 28, 28)]
    [InlineData("2000-02", 2000, 2, 1, 2000, 2, 29, 29)]
    [InlineData("2100-02", 2100, 2, 1, 2100, 2, 28, 28)]
    [InlineData("2024-04", 2024, 4, 1, 2024, 4, 30, 30)]
    [InlineData("2024-12", 2024, 12, 1, 2024, 12, 31, 31)]
    [InlineData("2024Q1", 2024, 1, 1, 2024, 3, 31, 91)]
    [InlineData("2023Q1", 2023, 1, 1, 2023, 3, 31, 90)]
    [InlineData("2024Q2", 2024, 4, 1, 2024, 6, 30, 91)]
    [InlineData("2024Q3", 2024, 7, 1, 2024, 9, 30, 92)]
    [InlineData("2024Q4", 2024, 10, 1, 2024, 12, 31, 92)]
    [InlineData("2024H1", 2024, 1, 1, 2024, 6, 30, 182)]
    [InlineData("2023H1", 2023, 1, 1, 2023, 6, 30, 181)]
    [InlineData("2024H2", 2024, 7, 1, 2024, 12, 31, 184)]
    [InlineData("2024", 2024, 1, 1, 2024, 12, 31, 366)]
    [InlineData("2023", 2023, 1, 1, 2023, 12, 31, 365)]
    public void StartEndAndDaysAreTheInclusiveCalendarDays(
        string text, int startYear, int startMonth, int startDay, int endYear, int endMonth, int endDay, int days)
    {
        var period = Period.Parse(text);

        Assert.Equal(new DateOnly(startYear, startMonth, startDay), period.Start);
        Assert.Equal(new DateOnly(endYear, endMonth, endDay), period.End);
        Assert.Equal(days, period.Days);
    }

    [Theory]
    [InlineData("2024-12", "2025-01")]
    [InlineData("2024-01", "2024-02")]
    [InlineData("2024Q4", "2025Q1")]
    [InlineData("2024Q1", "2024Q2")]
    [InlineData("2024H2", "2025H1")]
    [InlineData("2024H1", "2024H2")]
    [InlineData("2024", "2025")]
    public void NextAndPreviousStepOnePeriodIncludingAcrossTheYearEnd(string earlier, string later)
    {
        Assert.Equal(Period.Parse(later), Period.Parse(earlier).Next);
        Assert.Equal(Period.Parse(earlier), Period.Parse(later).Previous);
    }

    [Theory]
    [InlineData("2024-12")]
    [InlineData("2024Q4")]
    [InlineData("2024H2")]
    [InlineData("2024")]
    public void NextStartsTheDayAfterTheEnd(string text)
    {
        var period = Period.Parse(text);

        Assert.Equal(period.End.AddDays(1), period.Next.Start);
        Assert.Equal(period.Start.AddDays(-1), period.Previous.End);
    }

    [Fact]
    public void TheMonthsOf2023H1AreSixFromJanuaryToJune()
    {
        var months = Period.Covering(Period.HalfYear(2023, 1), PeriodKind.Month).Select(p => p.ToString()).ToList();

        Assert.Equal(["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"], months);
    }

    [Fact]
    public void TheQuartersCoveringAYearAreItsFourQuarters()
    {
        var quarters = Period.Covering(Period.OfYear(2024), PeriodKind.Quarter).Select(p => p.ToString()).ToList();

        Assert.Equal(["2024Q1", "2024Q2", "2024Q3", "2024Q4"], quarters);
    }

    [Fact]
    public void TheQuarterCoveringAMonthIsTheOneQuarterContainingIt()
    {
        var quarter = Assert.Single(Period.Covering(Period.Month(2024, 5), PeriodKind.Quarter));

        Assert.Equal(Period.Quarter(2024, 2), quarter);
    }

    [Fact]
    public void TheHalfYearsCoveringAYearAreTwo()
    {
        var halves = Period.Covering(Period.OfYear(2024), PeriodKind.HalfYear).Select(p => p.ToString()).ToList();

        Assert.Equal(["2024H1", "2024H2"], halves);
    }

    [Fact]
    public void TheMonthsCoveringALeapYearAreTwelveAndAddUpTo366Days()
    {
        var months = Period.Covering(Period.OfYear(2024), PeriodKind.Month).ToList();

        Assert.Equal(12, months.Count);
        Assert.Equal(366, months.Sum(m => m.Days));
    }

    [Theory]
    [InlineData("2024Q3", PeriodKind.Quarter, 2024, 3)]
    [InlineData("2024H1", PeriodKind.HalfYear, 2024, 1)]
    [InlineData("2024-03", PeriodKind.Month, 2024, 3)]
    [InlineData("2024", PeriodKind.Year, 2024, 1)]
    [InlineData("2024-12", PeriodKind.Month, 2024, 12)]
    public void TextRoundTripsThroughTryParseAndToString(string text, PeriodKind kind, int year, int index)
    {
        Assert.True(Period.TryParse(text, out var period));
        Assert.Equal(new Period(kind, year, index), period);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2024q3", "2024Q3")]
    [InlineData("2024h2", "2024H2")]
    [InlineData(" 2024Q3 ", "2024Q3")]
    [InlineData("2024-3", "2024-03")]
    public void TryParseAcceptsLowerCaseSurroundingSpaceAndSingleDigitMonths(string text, string canonical)
    {
        Assert.True(Period.TryParse(text, out var period));
        Assert.Equal(canonical, period.ToString());
    }

    [Theory]
    [InlineData("2024Q5")]
    [InlineData("2024Q0")]
    [InlineData("2024H3")]
    [InlineData("2024H0")]
    [InlineData("2024-13")]
    [InlineData("2024-00")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("24Q3")]
    [InlineData("2024X3")]
    [InlineData("2024Q")]
    [InlineData("1899")]
    public void TryParseRejectsTextThatIsNotAPeriod(string? text)
    {
        Assert.False(Period.TryParse(text, out var period));
        Assert.Equal(default, period);
    }

    [Theory]
    [InlineData("2024Q5")]
    [InlineData("abc")]
    public void ParseOfARejectedTextThrowsAFormatExceptionWithAnExample(string text)
    {
        var e = Assert.Throws<FormatException>(() => Period.Parse(text));

        Assert.Contains("2024Q3", e.Message, StringComparison.Ordinal);
    }

    // A zh-CN input method readily produces full-width digits; \d in .NET matches them but
    // int.Parse does not, so TryParse must not turn that mismatch into an exception.
    [Theory]
    [InlineData("２０２４Q3")]
    [InlineData("２０２４")]
    [InlineData("2024-０３")]
    [InlineData("٢٠٢٤")]
    public void TryParseOfNonAsciiDigitsDoesNotThrow(string text)
    {
        var exception = Record.Exception(() => Period.TryParse(text, out _));

        Assert.Null(exception);
    }

    [Theory]
    [InlineData("2024Q3", "2024年第3季度")]
    [InlineData("2024H1", "2024年上半年")]
    [InlineData("2024H2", "2024年下半年")]
    [InlineData("2024-03", "2024年3月")]
    [InlineData("2024-11", "2024年11月")]
    [InlineData("2024", "2024年")]
    public void LabelIsTheZhCnName(string text, string label)
    {
        Assert.Equal(label, Period.Parse(text).Label);
    }

    [Theory]
    [InlineData(2024, 1, 1, true)]
    [InlineData(2024, 3, 31, true)]
    [InlineData(2024, 2, 29, true)]
    [InlineData(2024, 4, 1, false)]
    [InlineData(2023, 12, 31, false)]
    public void AQuarterContainsItsFirstAndLastDayAndNothingOutside(int year, int month, int day, bool contained)
    {
        Assert.Equal(contained, Period.Quarter(2024, 1).Contains(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData("2024H1", "2024Q2", true)]
    [InlineData("2024H1", "2024Q3", false)]
    [InlineData("2024H1", "2024-06", true)]
    [InlineData("2024H1", "2024-07", false)]
    [InlineData("2024Q1", "2024Q2", false)]
    [InlineData("2023", "2024-01", false)]
    [InlineData("2023-12", "2024", false)]
    [InlineData("2024", "2024-12", true)]
    [InlineData("2024Q3", "2024Q3", true)]
    public void OverlapsWhenTheyShareAtLeastOneDayInEitherOrder(string a, string b, bool overlaps)
    {
        Assert.Equal(overlaps, Period.Parse(a).Overlaps(Period.Parse(b)));
        Assert.Equal(overlaps, Period.Parse(b).Overlaps(Period.Parse(a)));
    }

    [Fact]
    public void FactoriesRefuseIndexesOutsideTheKind()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Quarter(2024, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Quarter(2024, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Month(2024, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.HalfYear(2024, 3));
    }
}
