using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PartyPortal.Access;

namespace PartyPortal.Live;

public sealed class MetricsHubGuardOptions
{
    public const string Section = "MetricsHub";

    /// <summary>How often open hub connections are re-checked against their accounts (1–30 s).</summary>
    public int RevalidationSeconds { get; set; } = 15;
}

/// <summary>
/// Open <c>/hubs/metrics</c> connections, re-authorised as open pages are: every
/// <see cref="MetricsHubGuardOptions.RevalidationSeconds"/> each connection's principal is checked with
/// <see cref="AccountValidity"/> (account disabled or reset, one-time password, roles or scopes changed), and a
/// connection no longer allowed is closed. Its subscriptions end with it.
/// </summary>
public sealed partial class MetricsHubGuard(IServiceScopeFactory scopes, IOptions<MetricsHubGuardOptions> options, ILogger<MetricsHubGuard> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, ClaimsPrincipal User)> open = new();

    public int OpenCount => open.Count;

    public void Opened(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        open[context.ConnectionId] = (context, context.User ?? new ClaimsPrincipal());
    }

    public void Closed(string connectionId) => open.TryRemove(connectionId, out _);

    /// <summary>Checks every open connection once; returns how many were closed.</summary>
    public async Task<int> RevalidateAsync(CancellationToken ct)
    {
        // Many connections share a principal (a wall tool's token): one check per account and stamp.
        var verdicts = new Dictionary<string, bool>();
        var closed = 0;
        await using var scope = scopes.CreateAsyncScope();
        var validity = scope.ServiceProvider.GetRequiredService<AccountValidity>();
        foreach (var (id, (context, user)) in open)
        {
            var key = string.Join('|', user.Claims.Select(c => c.Type + "=" + c.Value));
            if (!verdicts.TryGetValue(key, out var valid))
            {
                verdicts[key] = valid = await validity.IsStillValidAsync(user, ct);
            }

            if (!valid)
            {
                var name = user.Identity?.Name ?? "";
                LogClosed(name, id);
                context.Abort();
                open.TryRemove(id, out _);
                closed++;
            }
        }

        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(options.Value.RevalidationSeconds, 1, 30)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RevalidateAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed round (the database busy) is tried again at the next tick; the guard never stops.
                LogRoundFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics hub connection {ConnectionId} of {UserName} closed: the account no longer allows it")]
    private partial void LogClosed(string userName, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-checking metrics hub connections failed; trying again at the next tick")]
    private partial void LogRoundFailed(Exception exception);
}
