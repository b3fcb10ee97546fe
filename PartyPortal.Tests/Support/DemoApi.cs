using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PartyPortal.Features.Accounts;
using PartyPortal.Model;

namespace PartyPortal.Tests.Support;

/// <summary>
/// The demo bureau through its JSON API, as the browser tests drive it: a signed-in client, the county secretary's
/// committee and a branch with a member, a 主题党日 recorded today, a meeting-room screen.
/// </summary>
public static class DemoApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, BureauClock.FindZone(null)).DateTime);

    public static async Task<HttpClient> ApiAsync(Uri address, string userName)
    {
        var api = new HttpClient { BaseAddress = address };
        using var response = await api.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = DemoAccounts.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>(Ct))!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return api;
    }

    public static async Task<(int Id, Uri Url)> CreateScreenAsync(HttpClient office, int scope)
    {
        using var created = await office.PostAsJsonAsync("/api/v1/screens", new { name = "三楼会议室", scopeOrgUnitId = scope, rotationSeconds = 30 }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("id").GetInt32(), new Uri(body.GetProperty("url").GetString()!));
    }

    /// <summary>The county secretary's committee (the screen's scope), and a branch under it with a member.</summary>
    public static async Task<(int Scope, int Branch, int Member)> PlacesAsync(HttpClient county)
    {
        var units = (await county.GetFromJsonAsync<JsonElement>("/api/v1/org-units", Ct)).EnumerateArray().ToList();
        var top = units.First(u => u.GetProperty("type").GetString() != "branch").GetProperty("id").GetInt32();
        foreach (var unit in units.Where(u => u.GetProperty("type").GetString() == "branch"))
        {
            var id = unit.GetProperty("id").GetInt32();
            var members = await county.GetFromJsonAsync<JsonElement>($"/api/v1/members?orgUnitId={id}", Ct);
            if (members.GetArrayLength() > 0)
            {
                return (top, id, members[0].GetProperty("id").GetInt32());
            }
        }

        throw new InvalidOperationException("county1 has no branch with members in the demo bureau");
    }

    public static async Task RecordAsync(HttpClient county, int branch, int member, string title)
    {
        using var created = await county.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "themed-party-day",
            orgUnitId = branch,
            date = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            title,
            attendance = new[] { new { memberId = member, status = "present" } },
        }, Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"recording {title}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(Ct)}");
    }
}
