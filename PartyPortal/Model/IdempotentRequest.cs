namespace PartyPortal.Model;

/// <summary>
/// A write sent with an <c>Idempotency-Key</c>: saved in the same transaction as the record it made, so a retry
/// of a request whose answer was lost finds it and gets the first answer instead of a second record. Kept 24 hours.
/// </summary>
public class IdempotentRequest
{
    public const int KeyMax = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string Key { get; set; }

    /// <summary>SHA-256 of the request body as read: the same key with another body is refused, not replayed.</summary>
    public required string RequestHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The record the first request made.</summary>
    public int ResourceId { get; set; }

    /// <summary>The first answer's body, once it was sent; until then a retry reads the record afresh.</summary>
    public string? ResponseBody { get; set; }
}
