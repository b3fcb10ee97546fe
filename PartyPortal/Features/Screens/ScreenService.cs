using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Live;
using PartyPortal.Live.Metrics;
using PartyPortal.Model;

namespace PartyPortal.Features.Screens;

/// <summary>A screen as the form and the API send it.</summary>
public sealed class ScreenInput
{
    public string? Name { get; set; }
    public int ScopeOrgUnitId { get; set; }
    public ScreenPanels Panels { get; set; } = ScreenPanels.All;
    public int RotationSeconds { get; set; } = 15;
}

/// <summary>One line of the 大屏 list: never the token, which is shown once when it is made.</summary>
public sealed record ScreenRow(
    int Id, string Name, int ScopeOrgUnitId, string ScopeName, ScreenPanels Panels, int RotationSeconds,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, Guid Version)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A new screen: the write's result and, on success, its token (shown this once, never stored).</summary>
public sealed record ScreenIssued(WriteResult Result, string? Token);

/// <summary>What a screen's page needs to know about itself, resolved from its token.</summary>
public sealed record ScreenView(int Id, string Name, int ScopeOrgUnitId, ScreenPanels Panels, int RotationSeconds, bool IsRevoked, string BureauName);

/// <summary>A unit a screen may show, indented by its depth in the tree.</summary>
public sealed record ScreenScopeOption(int Id, string Name, int Depth);

/// <summary>A line of the screen's scrolling board of recent activities.</summary>
public sealed record ScreenActivity(int Id, DateOnly Date, string KindName, string Title, string UnitName);

/// <summary>The lists a screen shows beside the metrics: recent activities and the five-star branches.</summary>
public sealed record ScreenBoard(IReadOnlyList<ScreenActivity> Recent, IReadOnlyList<string> FiveStarBranches);

/// <summary>
/// 会议室大屏: PartyOffice makes, changes and revokes screens (authorised by ManageScreens on the screen's scope,
/// validated, audited in the same transaction, announced); a screen's page reads through here with its token,
/// which grants the read-only figures of its own scope and nothing else.
/// </summary>
public sealed class ScreenService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    TimeProvider time,
    ChangeBus bus,
    LiveMetrics metrics,
    BureauClock clock,
    ScreenBoards boards)
{
    public const string What = DataChanged.Screen;
    public const int BoardSize = 12;
    private const int TokenBytes = 32;

    /// <summary>The screens in the scopes where the user may manage screens, revoked ones last.</summary>
    public async Task<IReadOnlyList<ScreenRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await guard.DemandSomewhereAsync(user, Operation.ManageScreens, ct);
        var units = await guard.UnitsAllowingAsync(user, Operation.ManageScreens, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Screens.AsNoTracking()
            .Select(s => new ScreenRow(s.Id, s.Name, s.ScopeOrgUnitId, s.ScopeOrgUnit!.Name, s.Panels, s.RotationSeconds, s.CreatedAt, s.CreatedBy, s.RevokedAt, s.Version))
            .ToListAsync(ct);
        return rows.Where(r => units.Contains(r.ScopeOrgUnitId)).OrderBy(r => r.IsRevoked).ThenByDescending(r => r.Id).ToList();
    }

    /// <summary>The open units (not party groups) where the user may put a screen, in tree order.</summary>
    public async Task<IReadOnlyList<ScreenScopeOption>> ScopeOptionsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await guard.DemandSomewhereAsync(user, Operation.ManageScreens, ct);
        var allowed = await guard.UnitsAllowingAsync(user, Operation.ManageScreens, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Type != OrgUnitType.PartyGroup && u.ClosedOn == null).ToListAsync(ct);
        return OrgPath.InTreeOrder(units.Where(u => allowed.Contains(u.Id))).Select(x => new ScreenScopeOption(x.Unit.Id, x.Unit.Name, x.Depth)).ToList();
    }

    public async Task<ScreenRow?> GetAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        await guard.DemandSomewhereAsync(user, Operation.ManageScreens, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Screens.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new ScreenRow(s.Id, s.Name, s.ScopeOrgUnitId, s.ScopeOrgUnit!.Name, s.Panels, s.RotationSeconds, s.CreatedAt, s.CreatedBy, s.RevokedAt, s.Version))
            .SingleOrDefaultAsync(ct);
        return row is not null && await guard.FindsAsync(user, Operation.ManageScreens, row.ScopeOrgUnitId, ct) ? row : null;
    }

    /// <summary>Makes a screen and its token; the token is in the result and nowhere else.</summary>
    public async Task<ScreenIssued> CreateAsync(ClaimsPrincipal user, ScreenInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Authorised before looked up: a unit outside the scope and one that does not exist are refused alike.
        await guard.DemandAsync(user, Operation.ManageScreens, input.ScopeOrgUnitId, ct);
        if (!await db.OrgUnits.AsNoTracking().AnyAsync(u => u.Id == input.ScopeOrgUnitId, ct))
        {
            return new ScreenIssued(WriteResult.Invalid(new() { ["scopeOrgUnitId"] = "请选择大屏显示的组织范围。" }), null);
        }
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new ScreenIssued(WriteResult.Invalid(errors), null);
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var screen = new Screen
        {
            Name = input.Name!.Trim(),
            ScopeOrgUnitId = input.ScopeOrgUnitId,
            Panels = input.Panels,
            RotationSeconds = input.RotationSeconds,
            TokenHash = Hash(token),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = user.UserName(),
        };
        db.Screens.Add(screen);
        bus.Record(db, new DataChanged([screen.ScopeOrgUnitId], What));
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(Screen), Id(screen), screen.ScopeOrgUnitId, after: Snapshot(screen)), ct);
        return new ScreenIssued(WriteResult.Done(screen.Id), token);
    }

    /// <summary>Renames or reconfigures a screen, if nobody changed it since <paramref name="version"/> was read.</summary>
    public async Task<WriteResult> UpdateAsync(ClaimsPrincipal user, int id, ScreenInput input, Guid version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await guard.DemandSomewhereAsync(user, Operation.ManageScreens, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var screen = await db.Screens.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (screen is null || !await guard.FindsAsync(user, Operation.ManageScreens, screen.ScopeOrgUnitId, ct))
        {
            return WriteResult.Missing;
        }
        if (input.ScopeOrgUnitId != screen.ScopeOrgUnitId)
        {
            if (!await db.OrgUnits.AsNoTracking().AnyAsync(u => u.Id == input.ScopeOrgUnitId, ct))
            {
                return WriteResult.Invalid(new() { ["scopeOrgUnitId"] = "请选择大屏显示的组织范围。" });
            }

            await guard.DemandAsync(user, Operation.ManageScreens, input.ScopeOrgUnitId, ct);
        }

        var errors = Validate(input);
        if (screen.IsRevoked)
        {
            errors["name"] = "这块大屏已停用，不能再修改。";
        }
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        if (screen.Version != version)
        {
            return WriteResult.Stale;
        }

        var before = Snapshot(screen);
        var scopes = new[] { screen.ScopeOrgUnitId, input.ScopeOrgUnitId }.Distinct().ToList();
        screen.Name = input.Name!.Trim();
        screen.ScopeOrgUnitId = input.ScopeOrgUnitId;
        screen.Panels = input.Panels;
        screen.RotationSeconds = input.RotationSeconds;
        screen.Version = Guid.NewGuid();
        audit.Add(db, user, AuditActions.Update, nameof(Screen), Id(screen), screen.ScopeOrgUnitId, before, Snapshot(screen));
        bus.Record(db, new DataChanged(scopes, What));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WriteResult.Stale;
        }
        return WriteResult.Done(screen.Id);
    }

    /// <summary>Stops the screen's token for good; its page shows 已停用 at its next check. Revoking twice is no error.</summary>
    public async Task<WriteResult> RevokeAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        await guard.DemandSomewhereAsync(user, Operation.ManageScreens, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var screen = await db.Screens.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (screen is null || !await guard.FindsAsync(user, Operation.ManageScreens, screen.ScopeOrgUnitId, ct))
        {
            return WriteResult.Missing;
        }
        if (screen.IsRevoked)
        {
            return WriteResult.Done(screen.Id);
        }

        screen.RevokedAt = time.GetUtcNow();
        screen.Version = Guid.NewGuid();
        audit.Add(db, user, AuditActions.Disable, nameof(Screen), Id(screen), screen.ScopeOrgUnitId,
            before: new { revoked = false }, after: new { revoked = true });
        bus.Record(db, new DataChanged([screen.ScopeOrgUnitId], What));
        await db.SaveChangesAsync(ct);
        return WriteResult.Done(screen.Id);
    }

    /// <summary>The screen a token opens (revoked ones too, so the page can say so); null for any other string.</summary>
    public async Task<ScreenView?> ResolveAsync(string? token, CancellationToken ct = default)
    {
        if (!LooksLikeToken(token))
        {
            return null;
        }

        var hash = Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var screen = await db.Screens.AsNoTracking().SingleOrDefaultAsync(s => s.TokenHash == hash, ct);
        if (screen is null)
        {
            return null;
        }

        var bureau = await db.BureauSettings.AsNoTracking().OrderBy(s => s.Id).Select(s => s.BureauName).FirstOrDefaultAsync(ct);
        return new ScreenView(screen.Id, screen.Name, screen.ScopeOrgUnitId, screen.Panels, screen.RotationSeconds, screen.IsRevoked,
            string.IsNullOrWhiteSpace(bureau) ? "党建工作" : bureau);
    }

    /// <summary>
    /// The newest activities of the token's scope and its five-star branches of <paramref name="starYear"/>;
    /// null when the token opens no active screen. Restricted (discipline) kinds never reach a wall.
    /// </summary>
    public async Task<ScreenBoard?> BoardAsync(string? token, MetricsSnapshot? snapshot, CancellationToken ct = default)
    {
        if (await ResolveAsync(token, ct) is not { IsRevoked: false } screen)
        {
            return null;
        }

        // Shared by every screen of the scope, so read without one screen's cancellation.
        return await boards.GetAsync(screen.ScopeOrgUnitId, snapshot, () => ReadBoardAsync(screen.ScopeOrgUnitId, snapshot?.StarYear)).WaitAsync(ct);
    }

    private async Task<ScreenBoard> ReadBoardAsync(int scopeOrgUnitId, int? starYear)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var scopePath = await db.OrgUnits.AsNoTracking().Where(u => u.Id == scopeOrgUnitId).Select(u => u.Path).SingleAsync();
        var recent = await db.LiveActivities.AsNoTracking()
            .Where(a => !a.Kind!.Restricted && a.OrgUnit!.Path.StartsWith(scopePath))
            .OrderByDescending(a => a.Date).ThenByDescending(a => a.Id)
            .Take(BoardSize)
            .Select(a => new ScreenActivity(a.Id, a.Date, a.Kind!.Name, a.Title, a.OrgUnit!.Name))
            .ToListAsync();
        var fiveStar = starYear is not { } year ? [] : await db.StarRatings.AsNoTracking()
            .Where(r => r.Year == year && r.Stars == 5 && r.OrgUnit!.Path.StartsWith(scopePath))
            .OrderBy(r => r.OrgUnit!.SortOrder).ThenBy(r => r.OrgUnitId)
            .Select(r => r.OrgUnit!.Name)
            .ToListAsync();
        return new ScreenBoard(recent, fiveStar);
    }

    /// <summary>The period a screen shows: the bureau's current quarter, as the dashboards open on.</summary>
    public Period CurrentPeriod => clock.CurrentQuarter;

    /// <summary>A moment in the bureau's time zone, for the screen's clock and "数据更新于".</summary>
    public DateTimeOffset LocalTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, clock.Zone);

    public DateTimeOffset Now => clock.Now;

    /// <summary>
    /// The current snapshot of the token's scope, and every later one passed to <paramref name="onUpdate"/> until the
    /// subscription is disposed; null when the token opens no active screen. The same engine and snapshots as the dashboards.
    /// </summary>
    public async Task<(MetricsSnapshot Snapshot, IDisposable Subscription)?> WatchAsync(
        string? token, Period period, Func<MetricsSnapshot, Task> onUpdate, CancellationToken ct = default)
    {
        if (await ResolveAsync(token, ct) is not { IsRevoked: false } screen)
        {
            return null;
        }

        var subscription = metrics.Subscribe(screen.ScopeOrgUnitId, period, onUpdate);
        try
        {
            return (await metrics.GetAsync(screen.ScopeOrgUnitId, period, ct), subscription);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    /// <summary>The token's scope's snapshot now; null when the token opens no active screen.</summary>
    public async Task<MetricsSnapshot?> SnapshotAsync(string? token, Period period, CancellationToken ct = default) =>
        await ResolveAsync(token, ct) is { IsRevoked: false } screen ? await metrics.GetAsync(screen.ScopeOrgUnitId, period, ct) : null;

    /// <summary>The address of a screen's page for a token, under the portal's base address.</summary>
    public static string PathFor(string token) => "screen/" + token;

    internal static string Hash(string token) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    private Dictionary<string, string> Validate(ScreenInput input)
    {
        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = "请填写大屏名称，例如“三楼会议室”。";
        }
        else if (name.Length > Screen.NameMax)
        {
            errors["name"] = $"大屏名称不能超过{Screen.NameMax}个字。";
        }

        if (input.Panels == ScreenPanels.None || (input.Panels & ~ScreenPanels.All) != 0)
        {
            errors["panels"] = "请至少选择一个轮播内容。";
        }

        if (input.RotationSeconds is < Screen.MinRotationSeconds or > Screen.MaxRotationSeconds)
        {
            errors["rotationSeconds"] = $"轮播间隔须在{Screen.MinRotationSeconds}到{Screen.MaxRotationSeconds}秒之间。";
        }

        return errors;
    }

    private static string Id(Screen s) => s.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the audit trail keeps of a screen: never its token or the token's hash.</summary>
    private static object Snapshot(Screen s) => new
    {
        name = s.Name,
        scopeOrgUnitId = s.ScopeOrgUnitId,
        panels = s.Panels.ToString(),
        rotationSeconds = s.RotationSeconds,
    };
}
