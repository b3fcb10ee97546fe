using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class RequirementEvaluatorTests
{
    private static readonly Requirement OncePerQuarter = new(RequirementPeriod.Quarter, 1, RequirementScope.Branches);
    private static readonly Requirement TwicePerQuarter = new(RequirementPeriod.Quarter, 2, RequirementScope.Branches);
    private static readonly Requirement OncePerMonth = new(RequirementPeriod.Month, 1, RequirementScope.Branches);

    private static readonly Period Year2024 = Period.OfYear(2024);

    private static IReadOnlyList<RequirementInstance> Evaluate(
        Requirement requirement,
        DateOnly today,
        DateOnly? foundedOn = null,
        DateOnly? closedOn = null,
        params DateOnly[] activityDates) =>
        RequirementEvaluator.Evaluate(requirement, foundedOn, closedOn, activityDates, Year2024, today);

    [Fact]
    public void QuarterlyMinimumIsMetMissedOrDueRelativeToToday()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2024, 8, 15), activityDates: [new DateOnly(2024, 2, 10)]);

        Assert.Collection(
            instances,
            i => Assert.Equal(new RequirementInstance(Period.Quarter(2024, 1), 1, RequirementStatus.Met), i),
            i => Assert.Equal(new RequirementInstance(Period.Quarter(2024, 2), 0, RequirementStatus.Missed), i),
            i => Assert.Equal(new RequirementInstance(Period.Quarter(2024, 3), 0, RequirementStatus.Due), i));
    }

    [Fact]
    public void ARunningQuarterAlreadyHeldIsMet()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2024, 8, 15), activityDates: [new DateOnly(2024, 7, 1)]);

        Assert.Equal(RequirementStatus.Met, instances.Single(i => i.Period == Period.Quarter(2024, 3)).Status);
    }

    [Fact]
    public void PeriodsThatHaveNotStartedByTodayAreNotListed()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2024, 8, 15));

        Assert.Equal(3, instances.Count);
        Assert.DoesNotContain(instances, i => i.Period == Period.Quarter(2024, 4));
    }

    [Fact]
    public void AQuarterStartingTodayIsListedAsDue()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2024, 7, 1));

        Assert.Equal(RequirementStatus.Due, instances[^1].Status);
        Assert.Equal(Period.Quarter(2024, 3), instances[^1].Period);
    }

    [Fact]
    public void OnTheLastDayOfAQuarterItIsStillDueNotMissed()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2024, 6, 30));

        Assert.Equal(RequirementStatus.Due, instances.Single(i => i.Period == Period.Quarter(2024, 2)).Status);
    }

    [Fact]
    public void TheDayAfterAQuarterEndsAnUnmetQuarterIsMissed()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2024, 7, 1));

        Assert.Equal(RequirementStatus.Missed, instances.Single(i => i.Period == Period.Quarter(2024, 2)).Status);
    }

    [Fact]
    public void AUnitFoundedMidQuarterStillOwesThatQuarter()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2025, 1, 15), foundedOn: new DateOnly(2024, 5, 20));

        Assert.Equal(
            [Period.Quarter(2024, 2), Period.Quarter(2024, 3), Period.Quarter(2024, 4)],
            instances.Select(i => i.Period));
        Assert.All(instances, i => Assert.Equal(RequirementStatus.Missed, i.Status));
    }

    [Fact]
    public void AUnitFoundedOnTheLastDayOfAQuarterOwesThatQuarter()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2025, 1, 15), foundedOn: new DateOnly(2024, 3, 31));

        Assert.Equal(4, instances.Count);
        Assert.Equal(Period.Quarter(2024, 1), instances[0].Period);
    }

    [Fact]
    public void AUnitClosedBeforeAPeriodOwesNothingForIt()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2025, 1, 15), closedOn: new DateOnly(2024, 6, 30));

        Assert.Equal([Period.Quarter(2024, 1), Period.Quarter(2024, 2)], instances.Select(i => i.Period));
    }

    [Fact]
    public void AUnitClosedOnTheFirstDayOfAQuarterStillOwesIt()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2025, 1, 15), closedOn: new DateOnly(2024, 7, 1));

        Assert.Equal(
            [Period.Quarter(2024, 1), Period.Quarter(2024, 2), Period.Quarter(2024, 3)],
            instances.Select(i => i.Period));
    }

    [Fact]
    public void MinimumTwoWithOneActivityIsNotMet()
    {
        var instances = Evaluate(TwicePerQuarter, new DateOnly(2024, 4, 10), activityDates: [new DateOnly(2024, 3, 5)]);

        var q1 = instances[0];
        Assert.Equal(1, q1.Count);
        Assert.Equal(RequirementStatus.Missed, q1.Status);
    }

    [Fact]
    public void MinimumTwoWithTwoActivitiesIsMet()
    {
        var instances = Evaluate(
            TwicePerQuarter, new DateOnly(2024, 4, 10), activityDates: [new DateOnly(2024, 1, 5), new DateOnly(2024, 3, 31)]);

        Assert.Equal(RequirementStatus.Met, instances[0].Status);
    }

    [Fact]
    public void TwoActivitiesInOneQuarterCountTwoButMakeOneInstance()
    {
        var instances = Evaluate(
            OncePerQuarter, new DateOnly(2024, 4, 10), activityDates: [new DateOnly(2024, 1, 5), new DateOnly(2024, 2, 20)]);

        var q1 = Assert.Single(instances, i => i.Period == Period.Quarter(2024, 1));
        Assert.Equal(2, q1.Count);
        Assert.Equal(RequirementStatus.Met, q1.Status);
    }

    [Fact]
    public void ActivitiesOutsideTheRangeCountNowhere()
    {
        var instances = Evaluate(
            OncePerQuarter,
            new DateOnly(2025, 6, 1),
            activityDates: [new DateOnly(2023, 12, 31), new DateOnly(2025, 1, 1)]);

        Assert.Equal(4, instances.Count);
        Assert.All(instances, i => Assert.Equal(0, i.Count));
    }

    [Fact]
    public void ComplianceIsMetOverMetPlusMissedIgnoringRunningInstances()
    {
        var instances = Evaluate(OncePerQuarter, new DateOnly(2024, 8, 15), activityDates: [new DateOnly(2024, 2, 10)]);

        Assert.Equal(0.5, RequirementEvaluator.Compliance(instances));
    }

    [Fact]
    public void ComplianceCountsARunningQuarterOnceItIsMet()
    {
        var instances = Evaluate(
            OncePerQuarter, new DateOnly(2024, 8, 15), activityDates: [new DateOnly(2024, 2, 10), new DateOnly(2024, 8, 1)]);

        Assert.Equal(2.0 / 3.0, RequirementEvaluator.Compliance(instances));
    }

    [Fact]
    public void ComplianceOfTwoMetAndOneMissedIsTwoThirds()
    {
        RequirementInstance[] instances =
        [
            new(Period.Quarter(2024, 1), 1, RequirementStatus.Met),
            new(Period.Quarter(2024, 2), 0, RequirementStatus.Missed),
            new(Period.Quarter(2024, 3), 3, RequirementStatus.Met),
            new(Period.Quarter(2024, 4), 0, RequirementStatus.Due),
        ];

        Assert.Equal(2.0 / 3.0, RequirementEvaluator.Compliance(instances));
    }

    [Fact]
    public void ComplianceIsNullWhenOnlyRunningInstancesExist()
    {
        RequirementInstance[] instances = [new(Period.Quarter(2024, 1), 0, RequirementStatus.Due)];

        Assert.Null(RequirementEvaluator.Compliance(instances));
    }

    [Fact]
    public void ComplianceIsNullWhenNothingWasDue()
    {
        Assert.Null(RequirementEvaluator.Compliance([]));
    }

    [Fact]
    public void AMonthlyRequirementGivesTwelveInstancesForAFinishedYear()
    {
        var dates = Enumerable.Range(1, 12).Where(m => m != 8).Select(m => new DateOnly(2024, m, 15)).ToArray();

        var instances = Evaluate(OncePerMonth, new DateOnly(2025, 3, 1), activityDates: dates);

        Assert.Equal(12, instances.Count);
        Assert.Equal(Period.Month(2024, 1), instances[0].Period);
        Assert.Equal(Period.Month(2024, 12), instances[^1].Period);
        Assert.Equal(RequirementStatus.Missed, Assert.Single(instances, i => i.Status != RequirementStatus.Met).Status);
        Assert.Equal(Period.Month(2024, 8), Assert.Single(instances, i => i.Status != RequirementStatus.Met).Period);
        Assert.Equal(11.0 / 12.0, RequirementEvaluator.Compliance(instances));
    }

    [Fact]
    public void AKindWithoutAFrequencyHasNoRequirement()
    {
        var none = new ActivityKind { Code = "x", Name = "x", RequirementPeriod = RequirementPeriod.None, RequirementMinimum = 1 };
        var zero = new ActivityKind { Code = "y", Name = "y", RequirementPeriod = RequirementPeriod.Quarter, RequirementMinimum = 0 };
        var quarterly = new ActivityKind { Code = "z", Name = "z", RequirementPeriod = RequirementPeriod.Quarter, RequirementMinimum = 1 };

        Assert.Null(none.Requirement);
        Assert.Null(zero.Requirement);
        Assert.Equal(OncePerQuarter, quarterly.Requirement);
    }

    [Fact]
    public void ARequirementWithoutAFrequencyHasNoPeriodKind()
    {
        var requirement = new Requirement(RequirementPeriod.None, 1, RequirementScope.Branches);

        Assert.Throws<InvalidOperationException>(() => requirement.PeriodKind);
    }

    [Fact]
    public void DescribeReadsAsTheRuleInZhCn()
    {
        Assert.Equal("每季度至少1次", OncePerQuarter.Describe("次"));
        Assert.Equal("每月至少1次", OncePerMonth.Describe("次"));
    }
}
