using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

/// <summary>Start and end days are inclusive everywhere: a thing existing on one day of a period counts for it.</summary>
public class ExistenceDuringPeriodTests
{
    private static readonly Period Q2 = Period.Quarter(2024, 2);

    private static DateOnly? Day(int month, int day) => month == 0 ? null : new DateOnly(2024, month, day);

    // (founded/starts month, day, closed/ends month, day, expected); month 0 means no date.
    [Theory]
    [InlineData(0, 0, 0, 0, true)]
    [InlineData(6, 30, 0, 0, true)]
    [InlineData(7, 1, 0, 0, false)]
    [InlineData(0, 0, 4, 1, true)]
    [InlineData(0, 0, 3, 31, false)]
    [InlineData(5, 1, 5, 31, true)]
    [InlineData(1, 1, 12, 31, true)]
    public void OrgUnitExistedDuringAQuarterWhenItOverlapsAnyDay(int fm, int fd, int cm, int cd, bool expected)
    {
        var unit = new OrgUnit { Name = "第一党支部", FoundedOn = Day(fm, fd), ClosedOn = Day(cm, cd) };

        Assert.Equal(expected, unit.ExistedDuring(Q2));
    }

    [Fact]
    public void OrgUnitExistsOnTheDayItCloses()
    {
        var unit = new OrgUnit { Name = "临时党支部", IsTemporary = true, FoundedOn = new DateOnly(2024, 5, 1), ClosedOn = new DateOnly(2024, 5, 31) };

        Assert.True(unit.ExistedOn(new DateOnly(2024, 5, 31)));
        Assert.True(unit.ExistedOn(new DateOnly(2024, 5, 1)));
        Assert.False(unit.ExistedOn(new DateOnly(2024, 6, 1)));
        Assert.False(unit.ExistedOn(new DateOnly(2024, 4, 30)));
    }

    [Theory]
    [InlineData(6, 30, 0, 0, true)]
    [InlineData(7, 1, 0, 0, false)]
    [InlineData(1, 1, 4, 1, true)]
    [InlineData(1, 1, 3, 31, false)]
    [InlineData(4, 15, 4, 20, true)]
    public void MemberAssignmentOverlapsAQuarterWhenItCoversAnyDay(int fm, int fd, int tm, int td, bool expected)
    {
        var assignment = new MemberAssignment { From = Day(fm, fd)!.Value, To = Day(tm, td) };

        Assert.Equal(expected, assignment.Overlaps(Q2));
    }

    [Fact]
    public void MemberAssignmentCoversItsLastDay()
    {
        var assignment = new MemberAssignment { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 31) };

        Assert.True(assignment.CoversDay(new DateOnly(2024, 3, 31)));
        Assert.False(assignment.CoversDay(new DateOnly(2024, 4, 1)));
        Assert.False(assignment.CoversDay(new DateOnly(2023, 12, 31)));
    }

    [Theory]
    [InlineData(6, 30, 0, 0, true)]
    [InlineData(7, 1, 0, 0, false)]
    [InlineData(1, 1, 4, 1, true)]
    [InlineData(1, 1, 3, 31, false)]
    public void RegisterEntryIsInOperationDuringAQuarterWhenItRunsAnyDay(int sm, int sd, int em, int ed, bool expected)
    {
        var entry = new RegisterEntry { Kind = RegisterKind.VolunteerPoint, Name = "税费志愿服务点", StartsOn = Day(sm, sd)!.Value, EndsOn = Day(em, ed) };

        Assert.Equal(expected, entry.InOperationDuring(Q2));
    }

    [Theory]
    [InlineData(6, 30, 0, 0, true)]
    [InlineData(7, 1, 0, 0, false)]
    [InlineData(1, 1, 4, 1, true)]
    [InlineData(1, 1, 3, 31, false)]
    public void PartnershipIsInOperationDuringAQuarterWhenItRunsAnyDay(int sm, int sd, int em, int ed, bool expected)
    {
        var partnership = new Partnership { StartsOn = Day(sm, sd)!.Value, EndsOn = Day(em, ed) };

        Assert.Equal(expected, partnership.InOperationDuring(Q2));
    }

    [Fact]
    public void MemberPostIsHeldOnItsFirstAndLastDay()
    {
        var post = new MemberPost { Post = BranchPost.Secretary, From = new DateOnly(2024, 4, 1), To = new DateOnly(2024, 6, 30) };

        Assert.True(post.IsHeldOn(new DateOnly(2024, 4, 1)));
        Assert.True(post.IsHeldOn(new DateOnly(2024, 6, 30)));
        Assert.False(post.IsHeldOn(new DateOnly(2024, 7, 1)));
    }

    [Theory]
    [InlineData(1989, 2024, true)]
    [InlineData(1988, 2024, false)]
    public void AMemberIsYouthUpToThirtyFiveInTheYear(int birthYear, int year, bool youth)
    {
        var member = new Member { Name = "张三", BirthYear = birthYear };

        Assert.Equal(youth, member.IsYouthIn(year));
    }
}
