using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// The closed-loop tracker over the API: an item registered and its measures written as the 整改闭环 page does it, with
/// a stale or missing version refused, bad input named field by field, and a secretary kept to their own branch.
/// </summary>
public class RectificationApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnItemAndItsMeasuresAreWrittenWithTheirVersionAndRefusedWithoutIt()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var office = await bureau.ClientAsync("office");
        using var created = await office.PostAsJsonAsync("/api/v1/rectification", Item(bureau.BranchA), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var first = created.Headers.ETag!;

        using (var noVersion = await office.PostAsJsonAsync(location + "/measures", new { description = "修订学习制度" }, Ct))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, noVersion.StatusCode);
        }

        using (var written = await SendMeasureAsync(office, location, first, "修订学习制度"))
        {
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);
            Assert.NotEqual(first, written.Headers.ETag);
        }

        // The first version again: someone has written since, and nothing is added.
        using (var stale = await SendMeasureAsync(office, location, first, "重复的措施"))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }

        using var read = await office.GetAsync(new Uri(location, UriKind.Relative), Ct);
        var detail = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var measures = detail.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("description").GetString()).ToList();
        Assert.Equal(["修订学习制度"], measures);

        using (var empty = await SendMeasureAsync(office, location, read.Headers.ETag!, "  "))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            var problem = await empty.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("请填写整改措施。", problem.GetProperty("errors").GetProperty("measure")[0].GetString());
        }

        using var invalid = await office.PostAsJsonAsync("/api/v1/rectification", new { ownerOrgUnitId = bureau.BranchA }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _), errors.ToString());

        using var secretary = await bureau.ClientAsync("sec");
        using var otherBranch = await secretary.PostAsJsonAsync("/api/v1/rectification", Item(bureau.BranchB), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, otherBranch.StatusCode);
        // Another branch's item reads exactly as one that does not exist.
        using var theirs = await office.PostAsJsonAsync("/api/v1/rectification", Item(bureau.BranchB), Ct);
        using var elsewhere = await secretary.GetAsync(theirs.Headers.Location, Ct);
        using var missing = await secretary.GetAsync(new Uri("/api/v1/rectification/999999", UriKind.Relative), Ct);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], [elsewhere.StatusCode, missing.StatusCode]);
        Assert.Equal(
            (await elsewhere.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString(),
            (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }

    private static object Item(int unit) => new
    {
        source = "inspectionSelfCheck", title = "学习制度执行不严", ownerOrgUnitId = unit,
        foundOn = ApiBureau.Day(ApiBureau.Today.AddDays(-1)), deadline = ApiBureau.Day(ApiBureau.Today.AddDays(30)),
    };

    private static async Task<HttpResponseMessage> SendMeasureAsync(HttpClient client, string item, System.Net.Http.Headers.EntityTagHeaderValue version, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, item + "/measures") { Content = JsonContent.Create(new { description = text }) };
        request.Headers.IfMatch.Add(version);
        return await client.SendAsync(request, Ct);
    }
}
