using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Tests.Support;

/// <summary>
/// A municipal committee with two branches; three current members and a retired one in 一支部, one member
/// in 二支部, all on their branch's roll for the past year; a secretary of 一支部 ("sec") and PartyOffice ("office").
/// </summary>
internal sealed class ApiBureau : IAsyncDisposable
{
    public const string Password = "Correct#Horse9";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Today in the bureau's calendar, whatever the server's zone.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, BureauClock.FindZone(null)).DateTime);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private ApiBureau(PortalFactory portal) => Portal = portal;

    public PortalFactory Portal { get; }
    public int Root { get; private set; }
    public int BranchA { get; private set; }
    public int BranchB { get; private set; }
    public int[] MembersA { get; private set; } = [];
    public int MemberB { get; private set; }

    /// <param name="services">Replaces or decorates portal services (a hook in the hub's lifetime manager, say).</param>
    public static async Task<ApiBureau> CreateAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var bureau = new ApiBureau(new PortalFactory(demoData: false, services: services));
        var portal = bureau.Portal;
        bureau.BranchA = await portal.AddBranchAsync("一支部");
        bureau.BranchB = await portal.AddBranchAsync("二支部");
        await using (var db = portal.CreateDbContext())
        {
            bureau.Root = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync(Ct);
            var since = Today.AddYears(-1);
            var a1 = AddMember(db, "张三甲", bureau.BranchA, since, CadreLevel.Section);
            var a2 = AddMember(db, "张三乙", bureau.BranchA, since);
            var a3 = AddMember(db, "张三丙", bureau.BranchA, since);
            AddMember(db, "张三丁", bureau.BranchA, since).Status = MemberStatus.Retired;
            var b1 = AddMember(db, "李四", bureau.BranchB, since);
            await db.SaveChangesAsync(Ct);
            bureau.MembersA = [a1.Id, a2.Id, a3.Id];
            bureau.MemberB = b1.Id;
        }

        await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, bureau.BranchA));
        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        return bureau;
    }

    /// <summary>A client signed in with a bearer token from /api/v1/auth/token.</summary>
    public Task<HttpClient> ClientAsync(string userName) => Portal.CreateTokenClientAsync(userName, Password);

    /// <summary>A 主题党日 of 一支部 three days ago: one present, one excused, one absent.</summary>
    public object ThemedPartyDay(string title) => new
    {
        kindCode = "themed-party-day",
        orgUnitId = BranchA,
        date = Day(Today.AddDays(-3)),
        title,
        place = "三楼会议室",
        attendance = new[]
        {
            new { memberId = MembersA[0], status = "present" },
            new { memberId = MembersA[1], status = "excused" },
            new { memberId = MembersA[2], status = "absent" },
        },
    };

    /// <summary>Records <see cref="ThemedPartyDay"/> through the API; its id and ETag.</summary>
    public async Task<(int Id, EntityTagHeaderValue ETag)> RecordAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/activities", ThemedPartyDay("学习党章"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("id").GetInt32(), response.Headers.ETag!);
    }

    public ValueTask DisposeAsync() => Portal.DisposeAsync();

    private static Member AddMember(PortalDbContext db, string name, int branch, DateOnly since, CadreLevel level = CadreLevel.General)
    {
        var member = new Member { Name = name, OrgUnitId = branch, BirthYear = 1980, CadreLevel = level, Gender = Gender.Male };
        member.Assignments.Add(new MemberAssignment { OrgUnitId = branch, From = since });
        db.Members.Add(member);
        return member;
    }
}
