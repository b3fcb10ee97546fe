using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>An objection as the committee records it from the notice.</summary>
public sealed class StarObjectionInput
{
    public int? BranchId { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? Content { get; set; }
}

/// <summary>Objections raised during the notice (公示异议) and their handling: the committee's record of them.</summary>
public sealed partial class StarDecisionService
{
    public const int ObjectionMax = 1000;

    public async Task<WriteResult> RecordObjectionAsync(ClaimsPrincipal user, int year, StarObjectionInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await guard.DemandAsync(user, Operation.ReviewStarRating, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decision = await db.StarDecisions.SingleOrDefaultAsync(d => d.Rubric!.Year == year, ct);
        if (decision is null)
        {
            return WriteResult.Missing;
        }

        var errors = new Dictionary<string, string>();
        InputRules.Check(input, errors, clock);
        if (decision.PublishedOn is not null)
        {
            errors["decision"] = "评定结果已发布，公示异议不再受理。";
        }

        TextError(errors, "content", input.Content, "请填写异议内容。");
        if (input.ReceivedOn is not { } received)
        {
            errors.TryAdd("receivedOn", "请选择收到异议的日期。");
        }
        else if (received < decision.DecidedOn || received > clock.Today)
        {
            errors.TryAdd("receivedOn", $"收到日期应在评定日（{decision.DecidedOn:yyyy-MM-dd}）至今天之间。");
        }

        if (input.BranchId is { } branch && !await db.StarAssessments.AnyAsync(a => a.RubricId == decision.RubricId && a.OrgUnitId == branch && a.FinalStars != null, ct))
        {
            errors.TryAdd("branchId", "所选支部不在本次评定结果中。");
        }

        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var objection = new StarObjection { DecisionId = decision.Id, OrgUnitId = input.BranchId, ReceivedOn = input.ReceivedOn!.Value, Content = input.Content!.Trim() };
        db.StarObjections.Add(objection);
        await AuditTrail.SaveNewAsync(db, () => audit.Add(db, user, AuditActions.Create, nameof(StarObjection), Id(objection.Id), input.BranchId, after: new
        {
            year, receivedOn = IsoDate.Day(objection.ReceivedOn), content = objection.Content,
        }), ct);
        return WriteResult.Done(objection.Id);
    }

    /// <summary>Records how an objection was handled; changing the result itself is a return and a new review, then 评定 again.</summary>
    public async Task<WriteResult> HandleObjectionAsync(ClaimsPrincipal user, int objectionId, string? handling, CancellationToken ct = default)
    {
        await guard.DemandAsync(user, Operation.ReviewStarRating, null, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var objection = await db.StarObjections.Include(o => o.Decision).SingleOrDefaultAsync(o => o.Id == objectionId, ct);
        if (objection is null)
        {
            return WriteResult.Missing;
        }

        var errors = new Dictionary<string, string>();
        if (objection.Decision!.PublishedOn is not null)
        {
            errors["decision"] = "评定结果已发布，异议处理情况不能再修改。";
        }

        TextError(errors, "handling", handling, "请填写处理情况。");
        if (errors.Count > 0)
        {
            return WriteResult.Invalid(errors);
        }

        var before = new { handling = objection.Handling, handledOn = objection.HandledOn is { } h ? IsoDate.Day(h) : null };
        objection.Handling = handling!.Trim();
        objection.HandledOn = clock.Today;
        audit.Add(db, user, AuditActions.Update, nameof(StarObjection), Id(objection.Id), objection.OrgUnitId, before,
            new { handling = objection.Handling, handledOn = IsoDate.Day(clock.Today) });
        await db.SaveChangesAsync(ct); // one SaveChanges: the handling and its audit entry commit together
        return WriteResult.Done(objection.Id);
    }

    private static void TextError(Dictionary<string, string> errors, string key, string? text, string missing)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.TryAdd(key, missing);
        }
        else if (text.Trim().Length > ObjectionMax)
        {
            errors.TryAdd(key, $"不能超过{ObjectionMax}个字。");
        }
        else if (!InputRules.IsClean(text, multiline: true))
        {
            errors.TryAdd(key, InputRules.HiddenCharactersMessage);
        }
    }
}
