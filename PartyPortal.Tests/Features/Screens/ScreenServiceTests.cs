using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartyPortal.Access;
using PartyPortal.Features.Screens;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;
using PartyPortal.Tests.Live;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Screens;

public sealed class ScreenServiceTests : ServiceTestContext
{
    private MetricsTestBureau bureau = null!;
    private LiveMetrics engine = null!;
    private ScreenService screens = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using (var db = Database.CreateDbContext())
        {
            bureau = await MetricsTestBureau.SeedAsync(db);
        }

        engine = new LiveMetrics(
            new MetricFactsReader(Database), new ChangeOutbox(Database), Bus, Clock, Time, NullLogger<LiveMetrics>.Instance,
            Options.Create(new LiveMetricsOptions { CoalesceMilliseconds = 0 }));
        screens = new ScreenService(Database, Guard, Audit, Time, Bus, engine, Clock, new ScreenBoards());
    }

    public override async ValueTask DisposeAsync()
    {
        engine.Dispose();
        await base.DisposeAsync();
    }

    private ScreenInput Input(string name = "三楼会议室", int? scope = null) =>
        new() { Name = name, ScopeOrgUnitId = scope ?? bureau.County, Panels = ScreenPanels.All, RotationSeconds = 15 };

    private async Task<(int Id, string Token)> CreateAsync(string name = "三楼会议室")
    {
        var issued = await screens.CreateAsync(TestUsers.PartyOffice, Input(name), Ct);
        Assert.True(issued.Result.Succeeded, string.Join(" ", issued.Result.Errors.Values));
        return (issued.Result.Id!.Value, issued.Token!);
    }

    [Fact]
    public async Task ANewScreenGetsALongRandomTokenAndOnlyItsHashIsKept()
    {
        var (id, token) = await CreateAsync();
        var (_, other) = await CreateAsync("二楼会议室");

        Assert.Equal(43, token.Length);
        Assert.NotEqual(token, other);
        await using var db = Database.CreateDbContext();
        var saved = await db.Screens.SingleAsync(s => s.Id == id, Ct);
        Assert.Equal(ScreenService.Hash(token), saved.TokenHash);
        Assert.DoesNotContain(token, saved.TokenHash, StringComparison.Ordinal);
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Screen) && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        Assert.Equal(AuditActions.Create, audit.Action);
        Assert.DoesNotContain(token, audit.After!, StringComparison.Ordinal);
        Assert.DoesNotContain(saved.TokenHash, audit.After!, StringComparison.Ordinal);
        for (var i = 0; i < 100 && Recorder.Seen.Count < 2; i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Contains(Recorder.Seen, c => c.What == ScreenService.What && c.OrgUnitIds.Contains(bureau.County));
    }

    [Fact]
    public async Task TheTokenResolvesToItsScreenAndNothingElseDoes()
    {
        var (id, token) = await CreateAsync();

        var screen = await screens.ResolveAsync(token, Ct);
        Assert.NotNull(screen);
        Assert.Equal(id, screen.Id);
        Assert.Equal(bureau.County, screen.ScopeOrgUnitId);
        Assert.False(screen.IsRevoked);
        Assert.Null(await screens.ResolveAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), Ct));
        Assert.Null(await screens.ResolveAsync("short", Ct));
        Assert.Null(await screens.ResolveAsync(null, Ct));
    }

    [Fact]
    public async Task AnInvalidScreenSavesNothingAndSaysWhyInChinese()
    {
        await using var db = Database.CreateDbContext();
        var audits = await db.AuditEntries.CountAsync(Ct);

        var issued = await screens.CreateAsync(TestUsers.PartyOffice, new ScreenInput
        {
            Name = " ", ScopeOrgUnitId = bureau.County, Panels = ScreenPanels.None, RotationSeconds = 2,
        }, Ct);

        Assert.False(issued.Result.Succeeded);
        Assert.Null(issued.Token);
        Assert.Contains("名称", issued.Result.Errors["name"], StringComparison.Ordinal);
        Assert.Contains("轮播", issued.Result.Errors["panels"], StringComparison.Ordinal);
        Assert.Contains("5到300秒", issued.Result.Errors["rotationSeconds"], StringComparison.Ordinal);
        Assert.Equal(0, await db.Screens.CountAsync(Ct));
        Assert.Equal(audits, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task OnlyThosePermittedToManageScreensMakeOrRevokeThem()
    {
        var (id, _) = await CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => screens.CreateAsync(TestUsers.Leader, Input(), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => screens.CreateAsync(TestUsers.Secretary(bureau.A), Input(scope: bureau.A), Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => screens.RevokeAsync(TestUsers.Leader, id, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => screens.ListAsync(TestUsers.Discipline, Ct));
        Assert.Single(await screens.ListAsync(TestUsers.PartyOffice, Ct));
    }

    [Fact]
    public async Task AChangeNeedsTheVersionItWasMadeFrom()
    {
        var (id, _) = await CreateAsync();
        var row = (await screens.GetAsync(TestUsers.PartyOffice, id, Ct))!;

        var renamed = await screens.UpdateAsync(TestUsers.PartyOffice, id, Input("大会议室"), row.Version, Ct);
        var stale = await screens.UpdateAsync(TestUsers.PartyOffice, id, Input("小会议室"), row.Version, Ct);

        Assert.True(renamed.Succeeded);
        Assert.False(stale.Succeeded);
        Assert.True(stale.Conflict);
        Assert.Equal("大会议室", (await screens.GetAsync(TestUsers.PartyOffice, id, Ct))!.Name);
    }

    [Fact]
    public async Task ARevokedTokenResolvesAsRevokedAndReadsNothing()
    {
        var (id, token) = await CreateAsync();

        Assert.True((await screens.RevokeAsync(TestUsers.PartyOffice, id, Ct)).Succeeded);
        Assert.True((await screens.RevokeAsync(TestUsers.PartyOffice, id, Ct)).Succeeded);

        Assert.True((await screens.ResolveAsync(token, Ct))!.IsRevoked);
        Assert.Null(await screens.SnapshotAsync(token, Clock.CurrentQuarter, Ct));
        Assert.Null(await screens.BoardAsync(token, null, Ct));
        Assert.Null(await screens.WatchAsync(token, Clock.CurrentQuarter, _ => Task.CompletedTask, Ct));
        Assert.Equal(0, engine.SubscriberCount);
        await using var db = Database.CreateDbContext();
        Assert.Single(await db.AuditEntries.Where(a => a.EntityType == nameof(Screen) && a.Action == AuditActions.Disable).ToListAsync(Ct));
    }

    [Fact]
    public async Task AScreenReadsTheSnapshotAndRecordsOfItsOwnScopeOnly()
    {
        var (_, token) = await CreateAsync();

        var snapshot = await screens.SnapshotAsync(token, Period.Quarter(2024, 1), Ct);
        var dashboard = await engine.GetAsync(bureau.County, Period.Quarter(2024, 1), Ct);
        var board = await screens.BoardAsync(token, snapshot, Ct);

        Assert.Same(dashboard, snapshot);
        Assert.NotNull(board);
        Assert.NotEmpty(board.Recent);
        await using var db = Database.CreateDbContext();
        var countyPath = (await db.OrgUnits.SingleAsync(u => u.Id == bureau.County, Ct)).Path;
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.Name, u => u.Path, Ct);
        Assert.All(board.Recent, a => Assert.StartsWith(countyPath, units[a.UnitName], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScreensOfOneScopeShareTheBoardOfASnapshotAndReadItAgainForTheNext()
    {
        var (_, first) = await CreateAsync();
        var (_, second) = await CreateAsync("一楼会议室");
        var snapshot = await screens.SnapshotAsync(first, Period.Quarter(2024, 2), Ct);

        var a = await screens.BoardAsync(first, snapshot, Ct);
        var b = await screens.BoardAsync(second, snapshot, Ct);
        Assert.Same(a, b);

        await using (var db = Database.CreateDbContext())
        {
            var kind = await db.ActivityKinds.SingleAsync(k => k.Code == "themed-party-day", Ct);
            db.Activities.Add(new Activity { KindId = kind.Id, OrgUnitId = bureau.B, Date = new DateOnly(2024, 5, 19), Title = "新的主题党日" });
            await db.SaveChangesAsync(Ct);
        }

        var next = snapshot! with { };
        var newer = await screens.BoardAsync(first, next, Ct);
        Assert.NotSame(a, newer);
        Assert.Equal("新的主题党日", newer!.Recent[0].Title);
    }
}
