using PartyPortal.Model;

namespace PartyPortal.Tests.Model;

public class OrgPathTests
{
    [Fact]
    public void TheTreeReadsLikeTheOrgChartWithDepths()
    {
        OrgUnit U(int id, int? parent, int order) => new() { Id = id, ParentId = parent, Name = $"u{id}", SortOrder = order };
        var units = new[] { U(5, 2, 2), U(1, null, 1), U(3, 1, 2), U(2, 1, 1), U(4, 2, 1), U(6, 3, 1), U(9, 77, 1) };

        var ordered = OrgPath.InTreeOrder(units);

        // 9's parent is not in the list: it stands as a root after the others.
        Assert.Equal([(1, 0), (2, 1), (4, 2), (5, 2), (3, 1), (6, 2), (9, 0)], ordered.Select(x => (x.Unit.Id, x.Depth)));
    }

    [Fact]
    public void ASubtreeIsAPathPrefix()
    {
        Assert.True(OrgPath.IsWithin("/1/4/27/", "/1/4/"));
        Assert.False(OrgPath.IsWithin("/1/42/", "/1/4/"));
        Assert.Equal("/1/4/27/", OrgPath.Of("/1/4/", 27));
        Assert.Equal([1, 4, 27], OrgPath.Ids("/1/4/27/"));
    }
}
