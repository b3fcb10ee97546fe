using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>One stored version of a template, without its bytes.</summary>
public sealed record ReportTemplateVersion(
    int Id, string Name, int Version, string FileName, int Size, string ContentHash, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>A template by name: its newest version, offered for filling, and every version newest first (the newest included).</summary>
public sealed record ReportTemplateSummary(string Name, ReportTemplateVersion Latest, IReadOnlyList<ReportTemplateVersion> History);

/// <summary>A stored version with its bytes, for download or filling.</summary>
public sealed record ReportTemplateFile(ReportTemplateVersion Version, byte[] Content);

/// <summary>
/// The bureau's own report templates (「套用模板」), kept per bureau and versioned. PartyOffice uploads, for the bureau
/// as a whole (its scope must hold the root of the tree); Leader, PartyOffice and Discipline use them. An upload is checked
/// before anything is saved — it must open as a Word document, be no larger than 10 MB, and hold at least one placeholder —
/// and saved with its audit entry in one transaction.
/// </summary>
public sealed partial class ReportTemplateService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    AuditTrail audit,
    TimeProvider time)
{
    public async Task<WriteResult> UploadAsync(ClaimsPrincipal user, string? name, string? fileName, Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bureau = await BureauAsync(db, ct);
        await guard.DemandAsync(user, Operation.ManageReportTemplates, bureau, ct);

        var errors = new Dictionary<string, string>();
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors["name"] = "请填写模板名称。";
        }
        else if (trimmed.Length > ReportTemplate.NameMax)
        {
            errors["name"] = $"模板名称不能超过{ReportTemplate.NameMax}个字。";
        }

        var (bytes, fileError) = await ReadCheckedAsync(content, ct);
        if (fileError is not null)
        {
            errors["file"] = fileError;
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes!));
        var latest = await db.ReportTemplates.AsNoTracking()
            .Where(t => t.BureauOrgUnitId == bureau && t.Name == trimmed)
            .OrderByDescending(t => t.Version).Select(t => new { t.Version, t.ContentHash }).FirstOrDefaultAsync(ct);
        if (latest is not null && latest.ContentHash == hash)
        {
            return WriteResult.Invalid(new() { ["file"] = $"与“{trimmed}”的当前版本（第{latest.Version}版）内容相同，无需再次上传。" });
        }

        var template = new ReportTemplate
        {
            BureauOrgUnitId = bureau,
            Name = trimmed!,
            Version = (latest?.Version ?? 0) + 1,
            FileName = FileNameOf(fileName, trimmed!),
            Content = bytes!,
            ContentHash = hash,
            Size = bytes!.Length,
            UploadedBy = user.UserName(),
            UploadedAt = time.GetUtcNow(),
        };
        db.ReportTemplates.Add(template);
        try
        {
            await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(ReportTemplate),
                template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), bureau, after: new
                {
                    name = template.Name, version = template.Version, fileName = template.FileName, size = template.Size, hash,
                }), ct);
        }
        catch (DbUpdateException)
        {
            if (!await VersionTakenAsync(bureau, template.Name, template.Version, ct))
            {
                throw;
            }

            return WriteResult.Invalid(new() { ["file"] = $"刚刚有人上传了“{template.Name}”的第{template.Version}版，请刷新后重新上传。" });
        }

        return WriteResult.Done(template.Id);
    }

    /// <summary>Every template of the bureau by name, newest version first within each.</summary>
    public async Task<IReadOnlyList<ReportTemplateSummary>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bureau = await BureauAsync(db, ct);
        await guard.DemandAsync(user, Operation.UseReportTemplates, bureau, ct);
        var versions = await db.ReportTemplates.AsNoTracking().Where(t => t.BureauOrgUnitId == bureau)
            .Select(t => new ReportTemplateVersion(t.Id, t.Name, t.Version, t.FileName, t.Size, t.ContentHash, t.UploadedBy, t.UploadedAt))
            .ToListAsync(ct);
        return versions
            .GroupBy(v => v.Name)
            .Select(g => g.OrderByDescending(v => v.Version).ToList())
            .Select(h => new ReportTemplateSummary(h[0].Name, h[0], h))
            .OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"), false))
            .ToList();
    }

    /// <summary>One version with its bytes; null when there is none the user may use (one of another bureau reads as none).</summary>
    public async Task<ReportTemplateFile?> GetAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        await guard.DemandSomewhereAsync(user, Operation.UseReportTemplates, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var t = await db.ReportTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (t is null || !await guard.FindsAsync(user, Operation.UseReportTemplates, t.BureauOrgUnitId, ct))
        {
            return null;
        }

        return new ReportTemplateFile(
            new ReportTemplateVersion(t.Id, t.Name, t.Version, t.FileName, t.Size, t.ContentHash, t.UploadedBy, t.UploadedAt), t.Content);
    }

    /// <summary>
    /// The stored version filled with the caller's values (name → value, null where the user may not see the figure);
    /// null when there is no such version the user may use.
    /// </summary>
    public async Task<(ReportTemplateVersion Version, FilledTemplate Filled)?> FillAsync(
        ClaimsPrincipal user, int id, IReadOnlyDictionary<string, string?> values, CancellationToken ct = default)
    {
        if (await GetAsync(user, id, ct) is not { } file)
        {
            return null;
        }

        return (file.Version, ReportTemplateFiller.Fill(new MemoryStream(file.Content, writable: false), values));
    }

    private async Task<bool> VersionTakenAsync(int bureau, string name, int version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportTemplates.AnyAsync(t => t.BureauOrgUnitId == bureau && t.Name == name && t.Version == version, ct);
    }

    /// <summary>The bureau is the root of the organisation tree: templates belong to it, not to a committee or branch.</summary>
    private static async Task<int> BureauAsync(PortalDbContext db, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
        ?? throw new InvalidOperationException("The organisation tree has no root: a bureau is set up before its templates.");

    private static string FileNameOf(string? uploaded, string name)
    {
        var file = Path.GetFileName(uploaded?.Trim() ?? "");
        if (string.IsNullOrEmpty(file))
        {
            file = name + ".docx";
        }

        return file.Length <= ReportTemplate.FileNameMax ? file : file[^ReportTemplate.FileNameMax..];
    }
}
