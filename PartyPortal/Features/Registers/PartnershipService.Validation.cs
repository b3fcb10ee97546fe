using Microsoft.EntityFrameworkCore;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Registers;

/// <summary>The rules a partnership must meet before it is saved (zh-CN messages keyed like the form's fields).</summary>
public sealed partial class PartnershipService
{
    private void ValidateUnitAndDates(PartnershipInput input, OrgUnit? unit, Dictionary<string, string> errors)
    {
        var today = clock.Today;
        if (!Enum.IsDefined(input.Type))
        {
            errors["type"] = "请选择共建类型。";
        }

        if (unit is null)
        {
            errors["orgUnitId"] = "请选择党支部。";
        }
        else if (!unit.IsBranch)
        {
            errors["orgUnitId"] = $"{unit.Name}不是党支部：结对共建按党支部登记。";
        }

        if (input.StartsOn is not { } start)
        {
            errors["startsOn"] = "请填写开始日期。";
        }
        else if (start > today)
        {
            errors["startsOn"] = $"开始日期不能晚于今天（{today:yyyy-MM-dd}）。";
        }
        else if (unit is not null && !unit.ExistedOn(start))
        {
            errors["startsOn"] = $"{unit.Name}在{start:yyyy-MM-dd}不存在（成立或撤销日期之外）。";
        }
    }

    /// <summary>Exactly one partner: another unit, a known outside organisation, or a new one named here.</summary>
    private static async Task<(OrgUnit? Unit, OutsideOrganisation? Organisation, string? NewName)> ResolvePartnerAsync(
        PortalDbContext db, PartnershipInput input, Dictionary<string, string> errors, CancellationToken ct)
    {
        var newName = string.IsNullOrWhiteSpace(input.NewOrganisationName) ? null : input.NewOrganisationName.Trim();
        var given = (input.PartnerOrgUnitId is null ? 0 : 1) + (input.PartnerOrganisationId is null ? 0 : 1) + (newName is null ? 0 : 1);
        if (given != 1)
        {
            errors["partner"] = given == 0 ? "请选择共建对象：系统内单位，或外部单位（可直接输入新单位名称）。" : "共建对象只能选择一个。";
            return (null, null, null);
        }

        if (input.PartnerOrgUnitId is { } partnerId)
        {
            var partner = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == partnerId, ct);
            if (partner is null)
            {
                errors["partner"] = "所选共建单位不存在。";
            }
            else if (partner.Id == input.OrgUnitId)
            {
                errors["partner"] = "不能与本支部自己结对共建。";
            }
            else if (partner.ClosedOn is { } closed && closed < (input.StartsOn ?? closed))
            {
                errors["partner"] = $"{partner.Name}已于{closed:yyyy-MM-dd}撤销。";
            }

            return (partner, null, null);
        }

        if (input.PartnerOrganisationId is { } organisationId)
        {
            var known = await db.OutsideOrganisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, ct);
            if (known is null)
            {
                errors["partner"] = "所选外部单位不存在。";
            }

            return (null, known, null);
        }

        if (newName!.Length > OrganisationNameMax)
        {
            errors["newOrganisationName"] = $"单位名称不能超过{OrganisationNameMax}个字。";
            return (null, null, null);
        }

        // A name already known is that organisation, not a second one (the name is unique).
        var existing = await db.OutsideOrganisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == newName, ct);
        if (existing is null && (input.NewOrganisationKind is not { } kind || !Enum.IsDefined(kind)))
        {
            errors["newOrganisationKind"] = "请选择外部单位类别。";
        }

        return (null, existing, newName);
    }
}
