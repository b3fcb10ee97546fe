using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features;

/// <summary>A request's <c>Idempotency-Key</c>, its owner and the hash of its body, as a write stores it.</summary>
public sealed record IdempotencyClaim(string UserName, string Key, string RequestHash);

/// <summary>
/// <c>Idempotency-Key</c> for API writes that create (IETF httpapi-idempotency-key-header): the same key from the
/// same user within 24 hours gets the first answer again, marked <c>Idempotent-Replayed: true</c>, and writes
/// nothing; the same key with another body is a 422. The key is stored by the write itself, in its transaction
/// (<see cref="IdempotentRequest"/>), so two concurrent retries cannot both write.
/// </summary>
public sealed class IdempotencyKeys(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>
    /// What a request comes to before the write: a claim to write with (or none: no key), a refusal to answer with
    /// (a bad key, a key used for another body), or the first answer to replay (its body and the record's id).
    /// </summary>
    public sealed record Reading(IdempotencyClaim? Claim, IResult? Refusal = null, string? ReplayBody = null, int ReplayId = 0);

    public async Task<Reading> ReadAsync<TBody>(HttpRequest request, ClaimsPrincipal user, TBody body, Func<int, Task<object?>> current, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(current);
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return new Reading(null);
        }

        var key = values.ToString();
        if (key.Length is 0 or > IdempotentRequest.KeyMax || !key.All(c => c is > ' ' and < '\u007f'))
        {
            return new Reading(null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [Header] = [$"幂等键应为1至{IdempotentRequest.KeyMax}个可见的 ASCII 字符（不含空格），例如一个 UUID。"] },
                title: "请求头有误"));
        }

        var claim = new IdempotencyClaim(user.UserName(), key, Hash(body));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = time.GetUtcNow() - IdempotentRequest.Lifetime;
        var first = await db.IdempotentRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.UserName == claim.UserName && r.Key == key && r.CreatedAt >= since, ct);
        if (first is null)
        {
            return new Reading(claim);
        }

        if (first.RequestHash != claim.RequestHash)
        {
            return new Reading(null, TypedResults.Problem(
                title: "这个幂等键已用于另一条内容不同的请求：新的请求请使用新的幂等键。",
                statusCode: StatusCodes.Status422UnprocessableEntity));
        }

        // The first answer, or (if it was never stored: the process stopped after the commit) the record as it is.
        var answer = first.ResponseBody ?? (await current(first.ResourceId) is { } view ? Serialize(view) : null);
        return answer is null
            ? new Reading(null, TypedResults.Problem(title: "这个幂等键对应的记录已不存在。", statusCode: StatusCodes.Status404NotFound))
            : new Reading(null, ReplayBody: answer, ReplayId: first.ResourceId);
    }

    /// <summary>Adds the claim to a write's context, to be saved in its transaction; expired keys are cleared on the way.</summary>
    public static async Task AddAsync(PortalDbContext db, IdempotencyClaim claim, int resourceId, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claim);
        var cutoff = now - IdempotentRequest.Lifetime;
        await db.IdempotentRequests.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        db.IdempotentRequests.Add(new IdempotentRequest
        {
            UserName = claim.UserName, Key = claim.Key, RequestHash = claim.RequestHash, CreatedAt = now, ResourceId = resourceId,
        });
    }

    /// <summary>Stores the first answer's body, so that a replay is the very same answer.</summary>
    public async Task<string> RememberAsync(IdempotencyClaim claim, object view, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var body = Serialize(view);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IdempotentRequests.Where(r => r.UserName == claim.UserName && r.Key == claim.Key)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.ResponseBody, body), ct);
        return body;
    }

    public static IResult Created(string location, string body, string? etag, bool replayed) => new Answer(location, body, etag, replayed);

    private string Serialize(object view) => JsonSerializer.Serialize(view, view.GetType(), json.Value.SerializerOptions);

    private string Hash<TBody>(TBody body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, json.Value.SerializerOptions))));

    private sealed class Answer(string location, string body, string? etag, bool replayed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status201Created;
            response.Headers.Location = location;
            if (etag is not null)
            {
                response.Headers.ETag = etag;
            }

            if (replayed)
            {
                response.Headers[ReplayedHeader] = "true";
            }

            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
