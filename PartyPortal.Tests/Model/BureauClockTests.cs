using Microsoft.Extensions.Time.Testing;
using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class BureauClockTests
{
    private static readonly DateTimeOffset HalfPastFourUtcOnMarch31 = new(2024, 3, 31, 16, 30, 0, TimeSpan.Zero);

    private static BureauClock ShanghaiClockAt(DateTimeOffset utc) =>
        new(new FakeTimeProvider(utc), BureauClock.FindZone("Asia/Shanghai"));

    [Fact]
    public void TodayIsTheBureausDateNotTheUtcDate()
    {
        var clock = ShanghaiClockAt(HalfPastFourUtcOnMarch31);

        Assert.Equal(new DateOnly(2024, 4, 1), clock.Today);
        Assert.Equal(new DateOnly(2024, 3, 31), DateOnly.FromDateTime(clock.UtcNow.UtcDateTime));
    }

    [Fact]
    public void CurrentQuarterFollowsTheBureausDate()
    {
        var clock = ShanghaiClockAt(HalfPastFourUtcOnMarch31);

        Assert.Equal(Period.Quarter(2024, 2), clock.CurrentQuarter);
        Assert.Equal("2024Q2", clock.CurrentQuarter.ToString());
    }

    [Fact]
    public void NowCarriesTheBureausOffsetAndTheSameInstant()
    {
        var clock = ShanghaiClockAt(HalfPastFourUtcOnMarch31);

        Assert.Equal(TimeSpan.FromHours(8), clock.Now.Offset);
        Assert.Equal(new DateTime(2024, 4, 1, 0, 30, 0), clock.Now.DateTime);
        Assert.Equal(HalfPastFourUtcOnMarch31, clock.Now);
        Assert.Equal(HalfPastFourUtcOnMarch31, clock.UtcNow);
    }

    [Fact]
    public void TheBureausDayTurnsAtMidnightShanghaiTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 3, 31, 15, 59, 59, TimeSpan.Zero));
        var clock = new BureauClock(time, BureauClock.FindZone(null));

        Assert.Equal(new DateOnly(2024, 3, 31), clock.Today);
        Assert.Equal(Period.Quarter(2024, 1), clock.CurrentQuarter);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new DateOnly(2024, 4, 1), clock.Today);
        Assert.Equal(Period.Quarter(2024, 2), clock.CurrentQuarter);
    }

    [Fact]
    public void AClockInUtcStillSaysMarch31()
    {
        var clock = new BureauClock(new FakeTimeProvider(HalfPastFourUtcOnMarch31), TimeZoneInfo.Utc);

        Assert.Equal(new DateOnly(2024, 3, 31), clock.Today);
        Assert.Equal(Period.Quarter(2024, 1), clock.CurrentQuarter);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Asia/Shanghai")]
    public void FindZoneDefaultsToChinaStandardTimeAtPlusEight(string? id)
    {
        var zone = BureauClock.FindZone(id);

        Assert.Equal(TimeSpan.FromHours(8), zone.GetUtcOffset(HalfPastFourUtcOnMarch31));
        Assert.Equal(TimeSpan.FromHours(8), zone.GetUtcOffset(new DateTimeOffset(2024, 7, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void FindZoneOfAnUnknownIdThrows()
    {
        Assert.Throws<TimeZoneNotFoundException>(() => BureauClock.FindZone("Nowhere/Atlantis"));
    }
}
