using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Data.DemoData;
using PartyPortal.Features.Accounts;
using PartyPortal.Model;
using PartyPortal.Tests.Support;
using Codes = PartyPortal.Data.ActivityKindCatalogue.Codes;

namespace PartyPortal.Tests.Data;

/// <summary>
/// The province demo at full size, generated once in memory for these tests (seconds and about a gigabyte;
/// seeding it into SQLite takes minutes, which the README's measurement covers, not a test).
/// </summary>
public sealed class ProvinceDemo
{
    public static readonly IReadOnlyDictionary<string, int> KindIds =
        ActivityKindCatalogue.Kinds().Select((k, i) => (k.Code, Id: i + 1)).ToDictionary(x => x.Code, x => x.Id);

    public DemoSet Set { get; } = DemoDataGenerator.Generate(DemoBureauFixture.Seed, DemoBureauFixture.Today, KindIds, DemoScale.Province);

    public List<OrgUnit> Branches => [.. Set.OrgUnits.Where(u => u.Type == OrgUnitType.Branch)];

    public List<OrgUnit> Counties => [.. Set.OrgUnits.Where(u => u.Type == OrgUnitType.CountyCommittee)];
}

public class ProvinceDemoDataTests(ProvinceDemo province) : IClassFixture<ProvinceDemo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void TheProvinceHasThreeThousandBranchesUnderAHundredCountiesAndSixtyThousandMembers()
    {
        var set = province.Set;
        var counties = province.Counties;

        Assert.InRange(province.Branches.Count, 2_700, 3_300);
        Assert.InRange(counties.Count, 90, 110);
        Assert.InRange(set.Members.Count, 54_000, 66_000);
        Assert.InRange(set.Attendance.Count, 8_000_000, 12_000_000);
        var root = Assert.Single(set.OrgUnits, u => u.ParentId is null);
        Assert.All(counties, c => Assert.Equal(root.Id, c.ParentId));
        var permanent = province.Branches.Where(b => !b.IsTemporary).ToLookup(b => b.ParentId);
        Assert.All(counties, c => Assert.InRange(permanent[c.Id].Count(), 27, 31));
    }

    [Fact]
    public void TheProvinceIsNamedForTheProvinceAndEveryCountyForItsCity()
    {
        var set = province.Set;
        var root = Assert.Single(set.OrgUnits, u => u.ParentId is null);

        Assert.Equal("中共国家税务总局东江省税务局委员会", root.Name);
        Assert.Equal(root.Name, set.Settings.CommitteeName);
        Assert.Equal("国家税务总局东江省税务局", set.Settings.BureauName);
        Assert.Contains(set.OrgUnits, u => u.Type == OrgUnitType.OrgansCommittee && u.Name == "国家税务总局东江省税务局机关党委");
        Assert.Contains(set.OrgUnits, u => u.DepartmentName == "法制处");
        var counties = province.Counties;
        Assert.Equal(counties.Count, counties.Select(c => c.Name).Distinct().Count());
        Assert.All(counties, c => Assert.Matches(@"^国家税务总局\p{IsCJKUnifiedIdeographs}{2}市\p{IsCJKUnifiedIdeographs}{2,3}[区县市]税务局党委$", c.Name));
        Assert.True(counties.Select(c => DemoNames.ProvinceCities.First(city => c.Name.StartsWith("国家税务总局" + city, StringComparison.Ordinal))).Distinct().Count() >= 10);
        var permanent = province.Branches.Where(b => !b.IsTemporary).Select(b => b.Name).ToList();
        Assert.Equal(permanent.Count, permanent.Distinct().Count());
    }

    [Fact]
    public void EveryProvincialBranchHasASecretary()
    {
        var secretaries = province.Set.Posts.Where(p => p.Post == BranchPost.Secretary).ToLookup(p => p.OrgUnitId);

        Assert.All(province.Branches, b => Assert.Contains(secretaries[b.Id], p => p.IsHeldOn(b.ClosedOn ?? DemoBureauFixture.Today)));
    }

    [Fact]
    public void ProvincialAttendeesWereMembersOfTheBranchOnTheDay()
    {
        var set = province.Set;
        var branchIds = province.Branches.Select(b => b.Id).ToHashSet();
        var activities = set.Activities.Where(a => branchIds.Contains(a.OrgUnitId)).ToDictionary(a => a.Id);
        var assignments = set.Assignments.ToLookup(a => (a.MemberId, a.OrgUnitId));

        var checkedRows = 0;
        foreach (var row in set.Attendance)
        {
            if (activities.TryGetValue(row.ActivityId, out var a))
            {
                Assert.True(assignments[(row.MemberId, a.OrgUnitId)].Any(x => x.CoversDay(a.Date)), $"{row.MemberId} at {a.Title} {a.Date}");
                checkedRows++;
            }
        }

        Assert.True(checkedRows > set.Attendance.Count / 2);
    }

    [Fact]
    public void LowerLevelsOfTheProvinceMissWarningEducationMoreOften()
    {
        var set = province.Set;
        var organs = set.OrgUnits.Single(u => u.Type == OrgUnitType.OrgansCommittee);
        var held = set.Activities.Where(a => a.KindId == ProvinceDemo.KindIds[Codes.WarningEducation])
            .Select(a => (a.OrgUnitId, Quarter: Period.Containing(a.Date, PeriodKind.Quarter))).ToHashSet();
        var quarters = Period.Covering(Period.OfYear(2023), PeriodKind.Quarter).Concat(Period.Covering(Period.OfYear(2024), PeriodKind.Quarter)).ToList();

        double Coverage(bool organ)
        {
            var tier = province.Branches.Where(b => OrgPath.IsWithin(b.Path, organs.Path) == organ).ToList();
            var due = quarters.Sum(q => tier.Count(b => b.ExistedDuring(q)));
            var met = quarters.Sum(q => tier.Count(b => b.ExistedDuring(q) && held.Contains((b.Id, q))));
            return (double)met / due;
        }

        var upper = Coverage(organ: true);
        var lower = Coverage(organ: false);
        Assert.True(upper > lower + 0.05, $"organs {upper:P1}, counties {lower:P1}");
        Assert.True(lower > 0.5, $"counties {lower:P1}");
    }

    [Fact]
    public void ProvincialFiveStarCountsFollowTheQuotaOfTheYearBefore()
    {
        var fiveStars = province.Set.Ratings.Where(r => r.Stars == 5).GroupBy(r => r.Year).OrderBy(g => g.Key).Select(g => g.Count()).ToList();

        Assert.Equal(4, fiveStars.Count);
        for (var i = 1; i < fiveStars.Count; i++)
        {
            Assert.InRange(fiveStars[i], 1, FiveStarQuota.For(fiveStars[i - 1]));
        }
    }

    /// <summary>On a province of four counties: the same code path as the full one, at a fraction of the time.</summary>
    [Fact]
    public void TheSameSeedGivesTheSameProvince()
    {
        var small = DemoScaleProfile.For(DemoScale.Province) with { Counties = [.. DemoNames.ProvinceCounties.Take(4)] };

        var a = DemoDataGenerator.Generate(7, DemoBureauFixture.Today, ProvinceDemo.KindIds, small);
        var b = DemoDataGenerator.Generate(7, DemoBureauFixture.Today, ProvinceDemo.KindIds, small);

        Assert.Equal(a.Digest(), b.Digest());
        Assert.NotEqual(DemoDataGenerator.Generate(7, DemoBureauFixture.Today, ProvinceDemo.KindIds).Digest(), a.Digest());
    }

    /// <summary>
    /// The portal started in demo mode at province scale on the province's organisation (the ledger left out: it
    /// does not decide who the demo accounts are): every account signs in, county1 is the capital district's
    /// committee named in the settings, and the secretaries are a branch of the organs and one of that district.
    /// </summary>
    [Fact]
    public async Task TheDemoAccountsResolveInTheProvince()
    {
        var folder = PortalFactory.NewDataFolder();
        Directory.CreateDirectory(folder);
        await using var portal = new PortalFactory(demoData: true, new Dictionary<string, string> { ["DemoData:Scale"] = nameof(DemoScale.Province) }, dataFolder: folder);
        await WriteOrganisationAsync(portal.Database);
        using var client = portal.CreateClient();

        foreach (var name in new[] { "admin", "leader", "secretary1", "secretary2", "county1", "discipline" })
        {
            using var r = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password = DemoAccounts.Password }, Ct);
            Assert.True(r.StatusCode == HttpStatusCode.OK, name);
        }

        await using var db = portal.CreateDbContext();
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.Id, Ct);
        async Task<OrgUnit> ScopeOf(string userName) =>
            units[(await db.RoleAssignments.Where(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == userName)).SingleAsync(Ct)).OrgUnitId!.Value];
        var county = await ScopeOf("county1");
        var organs = units.Values.Single(u => u.Type == OrgUnitType.OrgansCommittee);
        Assert.Equal("国家税务总局江城市滨江区税务局党委", county.Name);
        Assert.True(OrgPath.IsWithin((await ScopeOf("secretary1")).Path, organs.Path));
        var secretary2 = await ScopeOf("secretary2");
        Assert.Equal(OrgUnitType.Branch, secretary2.Type);
        Assert.True(OrgPath.IsWithin(secretary2.Path, county.Path));
        Assert.InRange(units.Values.Count(u => u.Type == OrgUnitType.Branch), 2_700, 3_300);
    }

    private async Task WriteOrganisationAsync(PortalConnection database)
    {
        await using var db = PortalDatabase.CreateContext(database);
        await db.Database.MigrateAsync(Ct);
        var s = province.Set.Settings;
        db.BureauSettings.Add(new BureauSettings
        {
            BureauName = s.BureauName,
            CommitteeName = s.CommitteeName,
            ProvinceName = s.ProvinceName,
            CityName = s.CityName,
            DistrictName = s.DistrictName,
        });
        await db.SaveChangesAsync(Ct);
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        await BulkInsert.InsertAsync(db, province.Set.OrgUnits, Ct);
        await tx.CommitAsync(Ct);
    }
}
