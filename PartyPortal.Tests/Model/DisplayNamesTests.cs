using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class DisplayNamesTests
{
    [Fact]
    public void PillarDisplaysItsChapterTitle()
    {
        Assert.Equal("政治建设一体深化", Pillar.PoliticalBuilding.Display());
        Assert.Equal("组织体系一体贯通", Pillar.OrganisationSystem.Display());
    }

    [Fact]
    public void ExcusedAttendanceDisplaysAsLeave()
    {
        Assert.Equal("请假", AttendanceStatus.Excused.Display());
    }

    [Fact]
    public void RequirementStatusesDisplayInZhCn()
    {
        Assert.Equal("已完成", RequirementStatus.Met.Display());
        Assert.Equal("待完成", RequirementStatus.Due.Display());
        Assert.Equal("未完成", RequirementStatus.Missed.Display());
    }

    [Fact]
    public void PeriodKindsDisplayInZhCn()
    {
        Assert.Equal("季度", PeriodKind.Quarter.Display());
        Assert.Equal("每季度", RequirementPeriod.Quarter.Display());
    }

    [Fact]
    public void AValueWithoutADisplayNameFallsBackToItsIdentifier()
    {
        Assert.Equal("Section", CadreLevels.Section.Display());
    }
}
