using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyPortal.Access;
using PartyPortal.Live;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.ScaleOut;

/// <summary>
/// What a node learns only from the shared outbox, because another node made the change: its cached org-tree paths
/// (scope checks) follow a unit moved elsewhere.
/// </summary>
public sealed class AnotherNodesChangesTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new(demoData: false, new Dictionary<string, string> { ["LiveMetrics:PollMilliseconds"] = "100" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task AUnitMovedByAnotherNodeIsInItsNewCommitteeForThisNodesScopeChecks()
    {
        var branchId = await portal.AddBranchAsync("甲党支部");
        OrgUnit second;
        await using (var db = portal.CreateDbContext())
        {
            var root = await db.OrgUnits.SingleAsync(u => u.ParentId == null, Ct);
            second = await TestTree.AddUnitAsync(db, "乙分局党委", OrgUnitType.CountyCommittee, root);
        }

        var tree = portal.Services.GetRequiredService<OrgTree>();
        tree.Invalidate();
        Assert.False(await tree.IsWithinAsync(branchId, second.Id, Ct));

        // Another node moves the branch: its row and its change record, committed together; this node's bus never rings.
        await using (var other = portal.CreateDbContext())
        {
            var branch = await other.OrgUnits.SingleAsync(u => u.Id == branchId, Ct);
            var oldParent = branch.ParentId!.Value;
            branch.ParentId = second.Id;
            branch.Path = OrgPath.Of(second.Path, branch.Id);
            other.ChangeRecords.Add(new DataChanged([oldParent, second.Id, branch.Id], DataChanged.OrgTree).ToRecord(DateTimeOffset.UtcNow));
            await other.SaveChangesAsync(Ct);
        }

        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await tree.IsWithinAsync(branchId, second.Id, Ct))
        {
            Assert.True(DateTime.UtcNow < until, "this node's scope checks still place the branch where it was before another node moved it");
            await Task.Delay(50, Ct);
        }
    }
}
