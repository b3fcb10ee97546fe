using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Access;

/// <summary>
/// Adds audit entries to a context, so they are saved in the same transaction as the change they describe.
/// Nothing edits or deletes them afterwards.
/// </summary>
public sealed class AuditTrail(TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public AuditEntry Add(PortalDbContext db, ClaimsPrincipal? user, string action, string entityType, string? entityId = null,
        int? orgUnitId = null, object? before = null, object? after = null) =>
        Add(db, user?.UserName() ?? "匿名", action, entityType, entityId, orgUnitId, before, after);

    /// <summary>
    /// An entry about a discipline-restricted record: who, when, what was done to which record, and nothing of its
    /// content, so the trail cannot leak what the record keeps; only Discipline reads it (<see cref="AuditEntry.Restricted"/>).
    /// </summary>
    public AuditEntry AddRestricted(PortalDbContext db, ClaimsPrincipal? user, string action, string entityType, string? entityId, int? orgUnitId)
    {
        var entry = Add(db, user, action, entityType, entityId, orgUnitId);
        entry.Restricted = true;
        return entry;
    }

    /// <summary>
    /// Saves new rows and, once the database has given them their ids, whatever needs those ids (the audit
    /// entry, a path): both saves in one transaction, so a create and its audit entry land together or not at all.
    /// </summary>
    public static Task SaveNewAsync(PortalDbContext db, Action withIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(withIds);
        return SaveNewAsync(db, () =>
        {
            withIds();
            return Task.CompletedTask;
        }, ct);
    }

    /// <inheritdoc cref="SaveNewAsync(PortalDbContext, Action, CancellationToken)"/>
    public static async Task SaveNewAsync(PortalDbContext db, Func<Task> withIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(withIds);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await withIds();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public AuditEntry Add(PortalDbContext db, string userName, string action, string entityType, string? entityId = null,
        int? orgUnitId = null, object? before = null, object? after = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = new AuditEntry
        {
            At = time.GetUtcNow(),
            UserName = userName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OrgUnitId = orgUnitId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}

/// <summary>The actions the audit trail records, as stable strings.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInLockedOut = "sign-in-locked-out";
    public const string SignOut = "sign-out";
    public const string TokenIssued = "token-issued";
    public const string TokenRefused = "token-refused";
    public const string Refused = "refused";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Disable = "disable";
    public const string Enable = "enable";
    public const string ResetPassword = "reset-password";
    public const string ChangePassword = "change-password";
    public const string Submit = "submit";
    public const string Return = "return";
    public const string Approve = "approve";
    public const string Publish = "publish";
}
