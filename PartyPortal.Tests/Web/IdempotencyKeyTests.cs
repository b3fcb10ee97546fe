using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Web;

/// <summary>
/// <c>Idempotency-Key</c> on <c>POST /api/v1/activities</c>: a client whose answer was lost retries with the same
/// key and gets the first answer; nothing is written twice.
/// </summary>
public class IdempotencyKeyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARetryWithTheSameKeyReturnsTheFirstAnswerAndWritesNothing()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var first = await PostAsync(client, bureau.ThemedPartyDay("学习党章"), "retry-7f3a");
        using var second = await PostAsync(client, bureau.ThemedPartyDay("学习党章"), "retry-7f3a");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(1, await db.Activities.CountAsync(Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "create" && a.EntityType == "Activity", Ct));
    }

    [Fact]
    public async Task ConcurrentRetriesWithOneKeyWriteOnce()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, bureau.ThemedPartyDay("学习党章"), "burst-1")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location).Distinct());
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(1, await db.Activities.CountAsync(Ct));
        foreach (var a in answers)
        {
            a.Dispose();
        }
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsRefused()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var first = await PostAsync(client, bureau.ThemedPartyDay("学习党章"), "k-1");
        using var other = await PostAsync(client, bureau.ThemedPartyDay("另一个主题"), "k-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(1, await db.Activities.CountAsync(Ct));
    }

    [Fact]
    public async Task KeysBelongToTheirUserAndDifferentKeysWriteTwice()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var sec = await bureau.ClientAsync("sec");
        using var office = await bureau.ClientAsync("office");

        using var a = await PostAsync(sec, bureau.ThemedPartyDay("一"), "shared");
        using var b = await PostAsync(office, bureau.ThemedPartyDay("一"), "shared");
        using var c = await PostAsync(sec, bureau.ThemedPartyDay("二"), "another");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created], new[] { a.StatusCode, b.StatusCode, c.StatusCode });
        Assert.NotEqual(a.Headers.Location, b.Headers.Location);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(3, await db.Activities.CountAsync(Ct));
    }

    [Fact]
    public async Task AnInvalidFirstAttemptIsNotRememberedSoTheCorrectedRetrySaves()
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var invalid = await PostAsync(client, bureau.ThemedPartyDay(""), "fix-then-retry");
        using var valid = await PostAsync(client, bureau.ThemedPartyDay("学习党章"), "fix-then-retry");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("x\u007f")]
    [InlineData("中文键")]
    public async Task AMalformedKeyIsA400(string key)
    {
        await using var bureau = await ApiBureau.CreateAsync();
        using var client = await bureau.ClientAsync("sec");

        using var response = await PostAsync(client, bureau.ThemedPartyDay("学习党章"), key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = bureau.Portal.CreateDbContext();
        Assert.Equal(0, await db.Activities.CountAsync(Ct));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/activities", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }
}
