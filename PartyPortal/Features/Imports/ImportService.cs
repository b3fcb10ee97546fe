using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Features.Activities;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using static PartyPortal.Model.IsoDate;

namespace PartyPortal.Features.Imports;

/// <summary>
/// Imports members and activities from .xlsx (issue #4, point 6). The whole file is read and every row checked —
/// names matched to kinds, units, topics and members, then the rules of <see cref="MemberService"/> and
/// <see cref="ActivityService"/> — before anything is written; any error of any row and nothing is imported. The
/// writing, authorisation, audit and announcement are those services' batch writes, so a row obeys exactly what
/// the form obeys.
/// </summary>
public sealed partial class ImportService(
    IDbContextFactory<PortalDbContext> dbFactory,
    AccessGuard guard,
    MemberService members,
    ActivityService activities,
    BureauClock clock)
{
    public async Task<ImportResult> ImportAsync(ClaimsPrincipal user, ImportKind kind, Stream file, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(file);
        var operation = kind == ImportKind.Members ? Operation.ManageOrganisation : Operation.RecordActivity;
        if ((await guard.UnitsAllowingAsync(user, operation, ct)).Count == 0)
        {
            await guard.DemandAsync(user, operation, null, ct);
        }

        progress?.Report(new ImportProgress(ImportStage.Reading, 0, 0));

        // MiniExcel reads by seeking; an upload stream cannot seek.
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var (rows, error) = SheetReader.Read(buffer, ImportColumns.SheetOf(kind), kind == ImportKind.Members ? ImportColumns.RequiredMembers : ImportColumns.RequiredActivities);
        if (error is not null)
        {
            return ImportResult.Failed(error);
        }

        return kind == ImportKind.Members
            ? await ImportMembersAsync(user, rows, progress, ct)
            : await ImportActivitiesAsync(user, rows, progress, ct);
    }

    /// <summary>The errors of the file (cells that could not be read) and of the service (its rules), by row and column, in row order.</summary>
    private static List<ImportError> Merge(IReadOnlyList<SheetRow> rows, List<ImportError> parseErrors, BatchWriteResult result, Func<int, string, string> column)
    {
        var all = new List<ImportError>(parseErrors);
        var seen = parseErrors.Select(e => (e.Row, e.Column)).ToHashSet();
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var (key, message) in result.Errors[i].OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var col = column(i, key);

                // A cell that could not be read already says so; the service's "please fill in" adds nothing.
                if (seen.Add((rows[i].Number, col)))
                {
                    all.Add(new ImportError(rows[i].Number, col, message));
                }
            }
        }

        return all.OrderBy(e => e.Row).ToList();
    }

    /// <summary>The batch writes check every row, then write: the last row checked is where writing begins.</summary>
    private static Progress Checking(IProgress<ImportProgress>? progress, int total) =>
        new(done => progress?.Report(new ImportProgress(done == total ? ImportStage.Writing : ImportStage.Checking, done, total)));

    private static void Matching(IProgress<ImportProgress>? progress, int done, int total, int step)
    {
        if (done % step == 0 || done == total)
        {
            progress?.Report(new ImportProgress(ImportStage.Matching, done, total));
        }
    }

    /// <summary>Passes the batch writes' row counts on without capturing a synchronisation context (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    /// <summary>
    /// A unit named in a cell: its id, or its name. Names may repeat across the tree (every county has an
    /// 办公室党支部), so a name is read among the units the user may write to first, then among all units.
    /// </summary>
    private sealed class UnitDirectory(IReadOnlyList<OrgUnit> units, IReadOnlySet<int> writable)
    {
        private readonly Dictionary<int, OrgUnit> byId = units.ToDictionary(u => u.Id);

        public OrgUnit? Find(RowReader row, string column)
        {
            if (row.Text(column) is not { } text)
            {
                row.Error(column, "请填写党组织的名称或编号。");
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                if (byId.TryGetValue(id, out var found))
                {
                    return found;
                }

                row.Error(column, $"没有编号为{id}的党组织。");
                return null;
            }

            var named = units.Where(u => u.Name == text).ToList();
            var candidates = named.Where(u => writable.Contains(u.Id)).ToList() is { Count: > 0 } mine ? mine : named;
            return row.One(column, candidates,
                $"没有名为“{text}”的党组织，请按“党组织”表中的名称填写。",
                $"有{candidates.Count}个名为“{text}”的党组织，请改填编号（见“党组织”表）。",
                out var unit)
                ? unit
                : null;
        }
    }

    private async Task<UnitDirectory> UnitsAsync(PortalDbContext db, ClaimsPrincipal user, Operation operation, CancellationToken ct) =>
        new(await db.OrgUnits.AsNoTracking().ToListAsync(ct), await guard.UnitsAllowingAsync(user, operation, ct));

}
