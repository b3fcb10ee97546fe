using System.Security.Claims;
using PartyPortal.Access;
using PartyPortal.Features.Organisation;
using PartyPortal.Model;

namespace PartyPortal.Features.Imports;

public sealed partial class ImportService
{
    private async Task<ImportResult> ImportMembersAsync(ClaimsPrincipal user, IReadOnlyList<SheetRow> rows, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var inputs = new List<MemberInput>(rows.Count);
        var firstSeen = new Dictionary<(int, string, int), int>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var units = await UnitsAsync(db, user, Operation.ManageOrganisation, ct);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = new RowReader(rows[i], errors);
                var input = new MemberInput
                {
                    OrgUnitId = units.Find(row, ImportColumns.Branch)?.Id ?? 0,
                    Name = row.Text(ImportColumns.Name),
                    Gender = row.Choice<Gender>(ImportColumns.Gender),
                    BirthYear = row.Whole(ImportColumns.BirthYear),
                    CadreLevel = row.Choice<CadreLevel>(ImportColumns.CadreLevel),
                    AdministrativePost = row.Choice<AdministrativePost>(ImportColumns.AdministrativePost, AdministrativePost.None) ?? AdministrativePost.None,
                    Status = row.Choice<MemberStatus>(ImportColumns.Status, MemberStatus.Full) ?? MemberStatus.Full,
                    JoinedPartyOn = row.Date(ImportColumns.JoinedPartyOn),
                    From = row.Date(ImportColumns.From),
                };
                if (input is { OrgUnitId: > 0, Name: { } name, BirthYear: { } year }
                    && !firstSeen.TryAdd((input.OrgUnitId, name, year), row.Number))
                {
                    row.Error(ImportColumns.Name, $"与第{firstSeen[(input.OrgUnitId, name, year)]}行重复（同一支部、同名、同出生年份）。");
                }

                inputs.Add(input);
                Matching(progress, i + 1, rows.Count, MemberService.BatchStep);
            }
        }

        var checking = Checking(progress, rows.Count);
        var result = await members.AddManyAsync(user, inputs, checkOnly: errors.Count > 0, checking, ct);
        var all = Merge(rows, errors, result, (_, key) => ImportColumns.OfMemberField(key));
        return new ImportResult(all, rows.Count, all.Count == 0 ? result.Ids.Count : 0);
    }
}
