using Microsoft.Extensions.Time.Testing;
using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class InputRulesTests
{
    private static readonly BureauClock Clock = new(new FakeTimeProvider(new DateTimeOffset(2024, 5, 20, 2, 0, 0, TimeSpan.Zero)), BureauClock.FindZone(null));

    [Theory]
    [InlineData("学习党章", false, true)]
    [InlineData("Emoji 👍 and 汉字", false, true)]
    [InlineData("a\u0000b", false, false)]
    [InlineData("a\u001Fb", false, false)]
    [InlineData("a\u007Fb", false, false)]
    [InlineData("a\u0085b", false, false)]
    [InlineData("a\u202Eb", false, false)]
    [InlineData("a\u2067b", false, false)]
    [InlineData("a\u200Fb", false, false)]
    [InlineData("a\u061Cb", false, false)]
    [InlineData("line\nbreak", false, false)]
    [InlineData("line\r\nbreak\ttab", true, true)]
    [InlineData("nul\u0000in notes", true, false)]
    public void TextIsCleanOnlyWithoutHiddenCharacters(string text, bool multiline, bool clean) =>
        Assert.Equal(clean, InputRules.IsClean(text, multiline));

    // Built here, not in InlineData: test discovery would turn a lone surrogate into U+FFFD on the way.
    [Fact]
    public void AnUnpairedSurrogateIsNotClean()
    {
        Assert.False(InputRules.IsClean("a" + (char)0xD800 + "b"));
        Assert.False(InputRules.IsClean("a" + (char)0xDC00));
        Assert.True(InputRules.IsClean("a" + (char)0xD83D + (char)0xDC4D));
    }

    [Fact]
    public void DatesRunFromTheFoundingYearToTenYearsAhead()
    {
        Assert.NotNull(InputRules.DateError(new DateOnly(2017, 12, 31), Clock));
        Assert.Null(InputRules.DateError(new DateOnly(2018, 1, 1), Clock));
        Assert.Null(InputRules.DateError(new DateOnly(2034, 12, 31), Clock));
        Assert.NotNull(InputRules.DateError(new DateOnly(2035, 1, 1), Clock));
        Assert.NotNull(InputRules.DateError(DateOnly.MinValue, Clock));
        Assert.NotNull(InputRules.DateError(DateOnly.MaxValue, Clock));
    }

    [Fact]
    public void PeriodsRunFromTheFoundingYearToNextYear()
    {
        Assert.False(Clock.IsWithinLifetime(Period.OfYear(2017)));
        Assert.True(Clock.IsWithinLifetime(Period.Quarter(2018, 1)));
        Assert.True(Clock.IsWithinLifetime(Period.HalfYear(2025, 2)));
        Assert.False(Clock.IsWithinLifetime(Period.OfYear(2026)));
        Assert.False(Clock.IsWithinLifetime(new Period(PeriodKind.Quarter, 9999, 4)));
    }

    [Fact]
    public void CheckNamesEveryOffendingFieldOfAnInputAndItsListsAndSparesMarkedDates()
    {
        var errors = new Dictionary<string, string>();
        InputRules.Check(new Sample
        {
            Title = "a\u202Eb",
            Notes = "第一行\n第二行",
            On = new DateOnly(1900, 1, 1),
            JoinedOn = new DateOnly(1980, 7, 1),
            Rows = [new Row { Name = "ok" }, new Row { Name = "x\u0000" }],
            Tags = ["fine", "bad\u2066"],
        }, errors, Clock);

        Assert.Equal(["on", "rows[1].name", "tags[1]", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }

    private sealed class Sample
    {
        public string? Title { get; set; }

        [Multiline]
        public string? Notes { get; set; }

        public DateOnly? On { get; set; }

        [MayPrecedeBureau]
        public DateOnly? JoinedOn { get; set; }

        public List<Row> Rows { get; set; } = [];

        public List<string> Tags { get; set; } = [];
    }

    private sealed class Row
    {
        public string? Name { get; set; }
    }
}
