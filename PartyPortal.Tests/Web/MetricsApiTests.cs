using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>The metrics for clients that are not Blazor: <c>GET /api/v1/metrics</c> and the hub <c>/hubs/metrics</c>.</summary>
public sealed class MetricsApiTests : IAsyncLifetime
{
    private const string Password = "Correct#Horse9";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PortalFactory portal = null!;
    private int root;
    private int branchA;
    private int branchB;
    private int memberA;

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, BureauClock.FindZone(null)).DateTime);

    public async ValueTask InitializeAsync()
    {
        portal = new PortalFactory(demoData: false);
        branchA = await portal.AddBranchAsync("一支部");
        branchB = await portal.AddBranchAsync("二支部");
        await using (var db = portal.CreateDbContext())
        {
            root = db.OrgUnits.Single(u => u.ParentId == null).Id;
            var member = new Member { Name = "张三", OrgUnitId = branchA, CadreLevel = CadreLevel.General, BirthYear = 1980, Gender = Gender.Male };
            member.Assignments.Add(new MemberAssignment { OrgUnitId = branchA, From = Today.AddYears(-1) });
            db.Members.Add(member);
            await db.SaveChangesAsync(Ct);
            memberA = member.Id;
        }

        await portal.CreateAccountAsync("office", Password, (PortalRole.PartyOffice, null));
        await portal.CreateAccountAsync("leader", Password, (PortalRole.Leader, null));
        await portal.CreateAccountAsync("sec", Password, (PortalRole.Secretary, branchA));
    }

    public async ValueTask DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task WithoutParametersTheSnapshotIsTheWholeBureausThisQuarter()
    {
        using var client = await portal.CreateTokenClientAsync("leader", Password);
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/metrics", Ct);

        Assert.Equal(root, body.GetProperty("scope").GetInt32());
        Assert.Equal(Period.Containing(Today, PeriodKind.Quarter).ToString(), body.GetProperty("period").GetString());
        Assert.True(body.GetProperty("computedAt").TryGetDateTimeOffset(out _));
        var metrics = body.GetProperty("metrics");
        Assert.Equal(MetricNames.All.Order(), metrics.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(0, metrics.GetProperty(MetricNames.ActivityCount).GetInt32());
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty(MetricNames.RectificationClosure).ValueKind);
        Assert.Equal(new Ratio(0, 2).Value, metrics.GetProperty(MetricNames.WarningEducationCoverage).GetDouble());
    }

    [Fact]
    public async Task ASecretarySeesTheirBranchAndIsRefusedTheBureau()
    {
        using var client = await portal.CreateTokenClientAsync("sec", Password);

        using var own = await client.GetAsync(new Uri($"/api/v1/metrics?scope={branchA}&period=2024", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("2024", (await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("period").GetString());

        using var bureau = await client.GetAsync(new Uri($"/api/v1/metrics?scope={root}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, bureau.StatusCode); // answered as an unknown scope: no existence oracle
        Assert.Equal("application/problem+json", bureau.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("2024-03")]
    [InlineData("2024Q5")]
    [InlineData("上半年")]
    [InlineData("9999")]
    [InlineData("9999Q4")]
    [InlineData("9999H2")]
    [InlineData("1900")]
    [InlineData("2017Q4")]
    public async Task AnUnusablePeriodIsAProblemNamingTheField(string period)
    {
        using var client = await portal.CreateTokenClientAsync("office", Password);
        using var response = await client.GetAsync(new Uri($"/api/v1/metrics?period={Uri.EscapeDataString(period)}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("季度", problem.GetProperty("errors").GetProperty("period")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownScopeIsNotFound()
    {
        using var client = await portal.CreateTokenClientAsync("office", Password);
        using var response = await client.GetAsync(new Uri("/api/v1/metrics?scope=98765", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AHubSubscriberGetsTheSnapshotAtOnceAndAgainAfterAWriteThroughTheApi()
    {
        var token = await portal.TokenAsync("office", Password);
        await using var hub = Connect(options => options.AccessTokenProvider = () => Task.FromResult<string?>(token));
        var inbox = Listen(hub);
        await hub.StartAsync(Ct);

        var returned = await hub.InvokeAsync<JsonElement>("Subscribe", branchA, Ct);
        Assert.Equal(branchA, returned.GetProperty("scope").GetInt32());
        var first = await inbox.ReadAsync();
        Assert.Equal(0, first.GetProperty("metrics").GetProperty(MetricNames.ActivityCount).GetInt32());

        using var client = await portal.CreateTokenClientAsync("sec", Password);
        using var created = await client.PostAsJsonAsync("/api/v1/activities", new
        {
            kindCode = "warning-education",
            orgUnitId = branchA,
            date = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            title = "观看警示教育片",
            attendance = new[] { new { memberId = memberA, status = "present" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var next = await inbox.ReadAsync();
        Assert.Equal(1, next.GetProperty("metrics").GetProperty(MetricNames.ActivityCount).GetInt32());
        Assert.Equal(1.0, next.GetProperty("metrics").GetProperty(MetricNames.WarningEducationCoverage).GetDouble());
    }

    [Fact]
    public async Task TheTokenMayComeAsTheAccessTokenQueryParameter()
    {
        var token = await portal.TokenAsync("leader", Password);
        await using var hub = Connect(query: "?access_token=" + Uri.EscapeDataString(token));
        var inbox = Listen(hub);
        await hub.StartAsync(Ct);

        await hub.InvokeAsync<JsonElement>("SubscribePeriod", root, "2024H1", Ct);
        Assert.Equal("2024H1", (await inbox.ReadAsync()).GetProperty("period").GetString());
    }

    [Fact]
    public async Task SubscribingOutsideTheUsersScopeIsRefused()
    {
        var token = await portal.TokenAsync("sec", Password);
        await using var hub = Connect(options => options.AccessTokenProvider = () => Task.FromResult<string?>(token));
        await hub.StartAsync(Ct);

        var refusal = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Subscribe", branchB, Ct));
        Assert.Contains("没有权限", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999")]
    [InlineData("9999Q4")]
    [InlineData("2017")]
    public async Task AHubSubscriptionOutsideTheBureausLifetimeIsRefusedAndTheConnectionLives(string period)
    {
        var token = await portal.TokenAsync("leader", Password);
        await using var hub = Connect(options => options.AccessTokenProvider = () => Task.FromResult<string?>(token));
        await hub.StartAsync(Ct);

        var refusal = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("SubscribePeriod", root, period, Ct));

        Assert.Contains("期间应为2018年至", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("2024H1", (await hub.InvokeAsync<JsonElement>("SubscribePeriod", root, "2024H1", Ct)).GetProperty("period").GetString());
    }

    [Fact]
    public async Task WithoutATokenTheHubRefusesTheConnection()
    {
        await using var hub = Connect();
        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync(Ct));
    }

    [Fact]
    public async Task AClosedConnectionLeavesNoSubscriptionBehind()
    {
        var token = await portal.TokenAsync("office", Password);
        var subscriptions = portal.Services.GetRequiredService<MetricsHubSubscriptions>();
        var metrics = portal.Services.GetRequiredService<LiveMetrics>();
        for (var i = 0; i < 3; i++)
        {
            await using var hub = Connect(options => options.AccessTokenProvider = () => Task.FromResult<string?>(token));
            await hub.StartAsync(Ct);
            await hub.InvokeAsync<JsonElement>("Subscribe", root, Ct);
            await hub.InvokeAsync<JsonElement>("Subscribe", branchA, Ct);
            Assert.Equal(2, subscriptions.GroupCount);
            await hub.StopAsync(Ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((subscriptions.GroupCount > 0 || metrics.SubscriberCount > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal((0, 0), (subscriptions.GroupCount, metrics.SubscriberCount));
    }

    private HubConnection Connect(Action<HttpConnectionOptions>? configure = null, string query = "") => portal.ConnectMetricsHub(configure, query);

    private static Inbox Listen(HubConnection hub)
    {
        var inbox = new Inbox();
        hub.On<JsonElement>(MetricsHub.UpdateMethod, m => inbox.Channel.Writer.TryWrite(m));
        return inbox;
    }

    private sealed class Inbox
    {
        public System.Threading.Channels.Channel<JsonElement> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();

        public async Task<JsonElement> ReadAsync() =>
            await Channel.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
