using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Data.DemoData;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Data;

public class DemoDataTests(DemoBureauFixture bureau)
{
    private static readonly IReadOnlyDictionary<string, int> KindIds =
        ActivityKindCatalogue.Kinds().Select((k, i) => (k.Code, Id: i + 1)).ToDictionary(x => x.Code, x => x.Id);

    [Fact]
    public void TheSameSeedGivesTheSameBureau()
    {
        var a = DemoDataGenerator.Generate(7, DemoBureauFixture.Today, KindIds);
        var b = DemoDataGenerator.Generate(7, DemoBureauFixture.Today, KindIds);

        Assert.Equal(a.Digest(), b.Digest());
        Assert.Equal(a.Activities.Count, b.Activities.Count);
    }

    /// <summary>
    /// The municipal demo is pinned: the province option and any speed-up must leave it row for row as it was.
    /// A deliberate change to the municipal demo updates this digest and says why in its commit.
    /// </summary>
    [Fact]
    public void TheMunicipalBureauIsTheDefaultScaleAndUnchanged()
    {
        var byDefault = DemoDataGenerator.Generate(DemoBureauFixture.Seed, DemoBureauFixture.Today, KindIds);
        var municipal = DemoDataGenerator.Generate(DemoBureauFixture.Seed, DemoBureauFixture.Today, KindIds, DemoScale.Municipal);

        Assert.Equal("B6F450C277E25FEA89971F0F29239246CBAF99E316759F2F1E85DEC6B0D88381", byDefault.Digest());
        Assert.Equal(byDefault.Digest(), municipal.Digest());
        Assert.Equal(DemoScale.Municipal, new DemoDataOptions().Scale);
    }

    [Fact]
    public void AnotherSeedGivesAnotherBureau()
    {
        var a = DemoDataGenerator.Generate(7, DemoBureauFixture.Today, KindIds);
        var b = DemoDataGenerator.Generate(8, DemoBureauFixture.Today, KindIds);

        Assert.NotEqual(a.Digest(), b.Digest());
    }

    [Fact]
    public void NothingIsDatedAfterToday()
    {
        var today = new DateOnly(2024, 5, 10);
        var set = DemoDataGenerator.Generate(3, today, KindIds);

        Assert.All(set.Activities, a => Assert.True(a.Date <= today, $"{a.Title} {a.Date}"));
        Assert.All(set.Attendance, a => Assert.True(a.MadeUpOn is null || a.MadeUpOn <= today));
        Assert.All(set.OrgUnits, u => Assert.True(u.FoundedOn is null || u.FoundedOn <= today));
        Assert.DoesNotContain(set.Ratings, r => r.Year >= 2024);
    }

    [Fact]
    public async Task TheBureauHasTheSizeOfAMunicipalBureau()
    {
        await using var db = bureau.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        var units = await db.OrgUnits.ToListAsync(ct);
        var branches = units.Where(u => u.Type == OrgUnitType.Branch).ToList();
        var organs = units.Single(u => u.Type == OrgUnitType.OrgansCommittee);
        var counties = units.Where(u => u.Type == OrgUnitType.CountyCommittee).ToList();

        Assert.True(branches.Count >= 120, $"{branches.Count} branches");
        Assert.True(await db.Members.CountAsync(ct) >= 2500);
        Assert.InRange(branches.Count(b => !b.IsTemporary && OrgPath.IsWithin(b.Path, organs.Path)), 25, 35);
        Assert.InRange(counties.Count, 8, 10);
        Assert.All(counties, c => Assert.InRange(branches.Count(b => !b.IsTemporary && b.ParentId == c.Id), 10, 15));
        Assert.Equal(7, branches.Count(b => b.IsTemporary && b.FoundedOn >= new DateOnly(2023, 1, 1) && b.FoundedOn <= new DateOnly(2023, 6, 30)));
    }

    [Fact]
    public async Task EveryBranchHasASecretary()
    {
        await using var db = bureau.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        var branches = await db.OrgUnits.Where(u => u.Type == OrgUnitType.Branch).ToListAsync(ct);
        var secretaries = await db.MemberPosts.Where(p => p.Post == BranchPost.Secretary).ToListAsync(ct);

        Assert.All(branches, b =>
        {
            var lastDay = b.ClosedOn ?? DemoBureauFixture.Today;
            Assert.Contains(secretaries, p => p.OrgUnitId == b.Id && p.IsHeldOn(lastDay));
        });
    }

    [Fact]
    public async Task MembersHaveChineseNamesCadreLevelsAndAges()
    {
        await using var db = bureau.CreateDbContext();
        var members = await db.Members.ToListAsync(TestContext.Current.CancellationToken);

        Assert.All(members, m => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,3}$", m.Name));
        Assert.All(members, m => Assert.InRange(m.BirthYear, 1960, 2005));
        Assert.Contains(members, m => m.CadreLevel == CadreLevel.Division);
        Assert.True(members.Count(m => m.CadreLevel == CadreLevel.Section) > members.Count / 5);
        Assert.True(members.Count(m => m.IsYouthIn(2023)) > members.Count / 10);
    }

    [Fact]
    public async Task AttendeesWereMembersOfTheBranchOnTheDay()
    {
        await using var db = bureau.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        var branchIds = await db.OrgUnits.Where(u => u.Type == OrgUnitType.Branch).Select(u => u.Id).ToListAsync(ct);
        var assignments = (await db.MemberAssignments.ToListAsync(ct)).ToLookup(a => (a.MemberId, a.OrgUnitId));
        var rows = await db.Attendance
            .Where(a => branchIds.Contains(a.Activity!.OrgUnitId))
            .Select(a => new { a.MemberId, a.Activity!.OrgUnitId, a.Activity.Date })
            .ToListAsync(ct);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(assignments[(r.MemberId, r.OrgUnitId)], a => a.CoversDay(r.Date)));
    }

    [Fact]
    public async Task LowerLevelsMissWarningEducationMoreOften()
    {
        await using var db = bureau.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        var units = await db.OrgUnits.ToListAsync(ct);
        var organs = units.Single(u => u.Type == OrgUnitType.OrgansCommittee);
        var warning = await bureau.KindIdAsync(Codes.WarningEducation);
        var held = (await db.LiveActivities.Where(a => a.KindId == warning).Select(a => new { a.OrgUnitId, a.Date }).ToListAsync(ct))
            .Select(a => (a.OrgUnitId, Quarter: Period.Containing(a.Date, PeriodKind.Quarter))).ToHashSet();

        double Coverage(Func<OrgUnit, bool> tier)
        {
            int due = 0, met = 0;
            foreach (var quarter in Period.Covering(Period.OfYear(2023), PeriodKind.Quarter)
                .Concat(Period.Covering(Period.OfYear(2024), PeriodKind.Quarter)))
            {
                foreach (var b in units.Where(u => u.Type == OrgUnitType.Branch && tier(u) && u.ExistedDuring(quarter)))
                {
                    due++;
                    met += held.Contains((b.Id, quarter)) ? 1 : 0;
                }
            }

            return (double)met / due;
        }

        var upper = Coverage(b => OrgPath.IsWithin(b.Path, organs.Path));
        var lower = Coverage(b => !OrgPath.IsWithin(b.Path, organs.Path));
        Assert.True(upper > lower + 0.05, $"organs {upper:P1}, counties {lower:P1}");
        Assert.True(lower > 0.5, $"counties {lower:P1}");
    }

    [Fact]
    public async Task FiveStarCountsFollowTheQuotaOfTheYearBefore()
    {
        await using var db = bureau.CreateDbContext();
        var fiveStars = await db.StarRatings.Where(r => r.Stars == 5).GroupBy(r => r.Year)
            .Select(g => new { Year = g.Key, Count = g.Count() }).OrderBy(x => x.Year).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([2022, 2023, 2024, 2025], fiveStars.Select(x => x.Year));
        for (var i = 1; i < fiveStars.Count; i++)
        {
            Assert.InRange(fiveStars[i].Count, 1, FiveStarQuota.For(fiveStars[i - 1].Count));
        }
    }

    [Fact]
    public async Task SomeRectificationIsOverdue()
    {
        await using var db = bureau.CreateDbContext();
        var items = await db.ClosedLoopItems.ToListAsync(TestContext.Current.CancellationToken);

        Assert.Contains(items, i => i.IsOverdueOn(DemoBureauFixture.Today));
        Assert.True(items.Count(i => i.Status == ClosedLoopStatus.Closed) > items.Count / 2);
        Assert.All(items.Where(i => i.Status == ClosedLoopStatus.Closed), i => Assert.False(string.IsNullOrEmpty(i.ClosingEvidence)));
    }

    [Fact]
    public async Task ASecondSeedingAddsNothing()
    {
        await using var db = bureau.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        var before = await db.Activities.CountAsync(ct);

        Assert.False(await DemoDataSeeder.SeedIfEmptyAsync(db, DemoBureauFixture.Seed, DemoBureauFixture.Today, ct));
        Assert.Equal(0, await ActivityKindCatalogue.EnsureSeededAsync(db, ct));
        Assert.Equal(before, await db.Activities.CountAsync(ct));
    }
}
