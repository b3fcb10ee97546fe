using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Access;

/// <summary>Refusals are audited per user, operation and minute with a count, never a row each.</summary>
public sealed class RefusalLogTests : ServiceTestContext
{
    [Fact]
    public async Task AThousandRefusalsInAMinuteAreTwoEntriesWithTheCount()
    {
        var secretary = TestUsers.Secretary(1);
        for (var i = 0; i < 1_000; i++)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Guard.DemandAsync(secretary, Operation.ManageAccounts, null, Ct));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => Guard.DemandAsync(secretary, Operation.ViewAudit, null, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Guard.DemandAsync(TestUsers.Leader, Operation.ManageAccounts, null, Ct));
        Assert.Equal(3, await RefusalsAsync());

        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Services.GetRequiredService<RefusalLog>().FlushAsync(ct: Ct));

        await using var db = Database.CreateDbContext();
        var entries = await db.AuditEntries.Where(e => e.Action == AuditActions.Refused).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(4, entries.Count);
        Assert.Contains("\"count\":999", entries[^1].After!, StringComparison.Ordinal);
        Assert.Equal(("secretary", nameof(Operation.ManageAccounts)), (entries[^1].UserName, entries[^1].EntityId));
    }

    [Fact]
    public async Task ANewMinuteStartsWithAnEntryAtOnce()
    {
        var secretary = TestUsers.Secretary(1);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Guard.DemandAsync(secretary, Operation.ManageAccounts, null, Ct));
        Time.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Guard.DemandAsync(secretary, Operation.ManageAccounts, null, Ct));

        Assert.Equal(2, await RefusalsAsync());
        Assert.Equal(0, await Services.GetRequiredService<RefusalLog>().FlushAsync(all: true, Ct));
    }

    [Fact]
    public async Task HammeringTheApiWithRefusedRequestsWritesAtMostTwoRows()
    {
        await using var portal = new PortalFactory(demoData: false);
        var branch = await portal.AddBranchAsync();
        await portal.CreateAccountAsync("sec", "Correct#Horse9", (PortalRole.Secretary, branch));
        using var client = await portal.CreateTokenClientAsync("sec", "Correct#Horse9");

        for (var i = 0; i < 300; i++)
        {
            using var response = await client.GetAsync(new Uri("/api/v1/screens", UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        await using var db = portal.CreateDbContext();
        Assert.InRange(await db.AuditEntries.CountAsync(e => e.Action == AuditActions.Refused, Ct), 1, 2);
    }

    private async Task<int> RefusalsAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEntries.CountAsync(e => e.Action == AuditActions.Refused, Ct);
    }
}
