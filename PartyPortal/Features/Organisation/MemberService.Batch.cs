using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Live;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

public sealed partial class MemberService
{
    /// <summary>How many inputs are checked between two progress reports.</summary>
    public const int BatchStep = 100;

    /// <summary>
    /// Adds many members at once (imports): every input is checked by the rules of <see cref="AddAsync"/>, and only
    /// when all are valid are they all saved,
    /// each with its branch assignment and audit entry, in one transaction, then announced once for every branch
    /// touched. A branch outside the user's scope is an error of its input, not an exception.
    /// </summary>
    /// <param name="checkOnly">The caller already knows of an error (a cell it could not read): check every input, write nothing.</param>
    /// <param name="progress">Receives the number of inputs checked so far, every <see cref="BatchStep"/> inputs.</param>
    public async Task<BatchWriteResult> AddManyAsync(ClaimsPrincipal user, IReadOnlyList<MemberInput> inputs,
        bool checkOnly = false, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unitIds = inputs.Select(i => i.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var allowed = await guard.UnitsAllowingAsync(user, Operation.ManageOrganisation, ct);

        // A file imported twice would add everyone twice: the same name and birth year already in the branch is refused.
        var existing = (await db.Members.AsNoTracking()
                .Where(m => unitIds.Contains(m.OrgUnitId) && m.Status != MemberStatus.Retired)
                .Select(m => new { m.OrgUnitId, m.Name, m.BirthYear })
                .ToListAsync(ct))
            .Select(m => (m.OrgUnitId, m.Name, m.BirthYear)).ToHashSet();

        var refused = new HashSet<(int, Operation)>();
        var errors = new List<IReadOnlyDictionary<string, string>>(inputs.Count);
        var froms = new DateOnly[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var rowErrors = new Dictionary<string, string>();
            errors.Add(rowErrors);
            var input = inputs[i];
            if (!units.TryGetValue(input.OrgUnitId, out var unit))
            {
                rowErrors["orgUnitId"] = "请选择党支部。";
            }
            else if (!allowed.Contains(unit.Id))
            {
                rowErrors["orgUnitId"] = AuditedRefusals.Message(Operation.ManageOrganisation, unit.Name);
                refused.Add((unit.Id, Operation.ManageOrganisation));
            }
            else
            {
                froms[i] = ValidateNew(unit, input, rowErrors);
                if (!rowErrors.ContainsKey("name") && input.BirthYear is { } year && existing.Contains((unit.Id, input.Name!.Trim(), year)))
                {
                    rowErrors["name"] = $"{unit.Name}已有{year}年出生的党员{input.Name.Trim()}：可能是重复导入。";
                }
            }

            if ((i + 1) % BatchStep == 0 || i == inputs.Count - 1)
            {
                progress?.Report(i + 1);
            }
        }

        await guard.AuditRefusalsAsync(user, refused, ct);
        if (checkOnly || errors.Any(e => e.Count > 0) || inputs.Count == 0)
        {
            return BatchWriteResult.Refused(errors);
        }

        var added = new List<(Member Member, DateOnly From)>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var member = new Member { Name = "", OrgUnitId = input.OrgUnitId };
            Apply(member, input);
            member.Assignments.Add(new MemberAssignment { OrgUnitId = input.OrgUnitId, From = froms[i] });
            db.Members.Add(member);
            added.Add((member, froms[i]));
        }

        bus.Record(db, new DataChanged(added.Select(a => a.Member.OrgUnitId).Distinct().ToList(), What));
        await AuditTrail.SaveNewAsync(db, () =>
        {
            foreach (var (member, from) in added)
            {
                audit.Add(db, user, AuditActions.Create, nameof(Member), Id(member), member.OrgUnitId, after: Snapshot(member, from));
            }
        }, ct);
        return new BatchWriteResult(errors, added.Select(a => a.Member.Id).ToList());
    }
}
