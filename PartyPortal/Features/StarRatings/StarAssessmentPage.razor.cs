using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>
/// A branch's assessment for a year: the secretary scores each item beside the ledger's proposal, saves drafts and
/// submits; the committee reviews a submitted one item by item, then returns it with a reason or approves it. What was
/// typed stays on the page on every error and on a conflict; only a successful write reloads.
/// </summary>
public sealed partial class StarAssessmentPage
{
    private StarAssessmentView? view;
    private StarAssessmentInput input = new();
    private StarReviewInput review = new();
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? returnReason;
    private string? message;
    private string? refusal;
    private bool loading = true;
    private bool editing;
    private bool reviewing;
    private bool committee;
    private bool bureau;
    private bool busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Parameter] public int Year { get; set; }

    [Parameter] public int BranchId { get; set; }

    /// <summary>The total as typed: the committee's scores where it enters them, else the branch's.</summary>
    private decimal Total => view is null ? 0 : StarScoring.Total(view.Items.Select((item, i) => (item.Criterion.Kind, ScoreOf(item, i))));

    private int Stars => view is null ? 0 : StarScoring.Stars(Total, view.Rubric.Bands, view.Findings.Select(f => f.Veto.MaxStars).DefaultIfEmpty(5).Min());

    /// <summary>
    /// The line above the items: an error that belongs to no single item (the assessment's state, a conflict), else how
    /// many items still want a score, else a pointer to the red fields.
    /// </summary>
    private string? Summary
    {
        get
        {
            if (errors.Count == 0)
            {
                return null;
            }

            var general = errors.Where(e => !e.Key.Contains('.', StringComparison.Ordinal) && e.Key is not ("reason" or "weakAndLax")).Select(e => e.Value).FirstOrDefault();
            var unscored = editing ? Enumerable.Range(0, input.Scores.Count).Count(i => input.Scores[i].SelfScore is null && errors.ContainsKey($"scores[{i}].selfScore")) : 0;
            return general ?? (unscored > 0
                ? $"还有{unscored}个项目未评分，全部评分后才能提交；已填写的内容都已保留。"
                : "有填写不正确的项目，请按红色提示修改；已填写的内容都已保留。");
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        await RunAsync(LoadAsync);
        loading = false;
    }

    private decimal ScoreOf(StarItemView item, int i) =>
        (reviewing ? review.Lines[i].ReviewedScore : null)
        ?? (editing ? input.Scores[i].SelfScore : item.Score?.ReviewedScore ?? item.Score?.SelfScore) ?? 0;

    private Dictionary<string, string> ErrorsOf(int i)
    {
        var prefix = reviewing ? $"lines[{i}]." : $"scores[{i}].";
        return errors.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(e => e.Key[prefix.Length..], e => e.Value);
    }

    private async Task LoadAsync(ClaimsPrincipal user)
    {
        view = await Assessments.OpenAsync(user, Year, BranchId);
        committee = await Access.AllowsAsync(user, Operation.ReviewStarRating, BranchId);
        var assesses = await Access.AllowsAsync(user, Operation.AssessStarRating, BranchId);
        editing = view is { Editable: true } && assesses;
        // The bureau reviews what is submitted or pre-reviewed; a county committee pre-reviews, where the scheme has it.
        bureau = await Access.AllowsAsync(user, Operation.ReviewStarRating);
        reviewing = committee && view?.Assessment?.Status switch
        {
            AssessmentStatus.Submitted => bureau || view.Rubric.CountyPreReview,
            AssessmentStatus.PreReviewed => bureau,
            _ => false,
        };
        if (view is null)
        {
            return;
        }

        input = new StarAssessmentInput
        {
            Version = view.Assessment?.Version,
            Scores = [.. view.Items.Select(i => new StarScoreInput
            {
                CriterionId = i.Criterion.Id, SelfScore = i.Score?.SelfScore, SelfNote = i.Score?.SelfNote, Evidence = i.Score?.Evidence,
                Links = [.. (i.Score?.EvidenceLinks ?? []).Where(e => e.RecordId is not null).Select(e => new StarEvidenceRef(e.Source, e.RecordId!.Value))],
            })],
        };
        review = new StarReviewInput
        {
            Version = view.Assessment?.Version,
            WeakAndLax = view.Assessment?.WeakAndLaxFinding,
            Lines = [.. view.Items.Select(i => new StarReviewLine { CriterionId = i.Criterion.Id, ReviewedScore = i.Score?.ReviewedScore, Reason = i.Score?.AdjustmentReason })],
        };
        returnReason = null;
    }

    private void AcceptAllProposals()
    {
        for (var i = 0; i < input.Scores.Count; i++)
        {
            input.Scores[i].SelfScore ??= view!.Items[i].Proposed;
        }
    }

    private Task SaveDraftAsync() => WriteAsync(user => Assessments.SaveDraftAsync(user, Year, BranchId, input), "草稿已保存。");

    private async Task ConfirmSubmitAsync()
    {
        if (await Dialogs.ConfirmAsync("提交自评", "提交后由党委审核，审核期间不能修改；如需修改，须由党委办公室退回。", "提交"))
        {
            await SubmitAsync();
        }
    }

    private Task SubmitAsync() => WriteAsync(user => Assessments.SubmitAsync(user, Year, BranchId, input), "自评已提交，等待党委审核。");

    /// <summary>
    /// 退回修改 asks first once a reason is written (without one the server says a reason is needed): the branch's
    /// submission goes back to it and the committee's review scores of this round are set aside.
    /// </summary>
    private async Task ReturnAsync()
    {
        if (!string.IsNullOrWhiteSpace(returnReason)
            && !await Dialogs.ConfirmAsync("退回修改", $"退回后，{view!.Branch.Name}的自评回到“退回修改”，由支部书记按退回理由修改后重新提交；此操作记入审计日志。", "退回"))
        {
            return;
        }

        await WriteAsync(user => Reviews.ReturnAsync(user, Year, BranchId, returnReason, review.Version), $"已退回{view!.Branch.Name}修改。");
    }

    private Task ApproveAsync() =>
        WriteAsync(user => Reviews.ApproveAsync(user, Year, BranchId, review), $"{view!.Branch.Name}的自评已{(bureau ? "审核通过" : "通过县局预审，待机关党委审核")}。");

    /// <summary>Writes; on success reloads with the message, otherwise keeps every typed value and shows why.</summary>
    private async Task WriteAsync(Func<ClaimsPrincipal, Task<WriteResult>> write, string done)
    {
        busy = true;
        message = null;
        try
        {
            await RunAsync(async user =>
            {
                var result = await write(user);
                errors = result switch
                {
                    { NotFound: true } => new Dictionary<string, string> { ["assessment"] = "未找到该支部的自评，或您没有权限修改。" },
                    { Conflict: true } => new Dictionary<string, string> { ["assessment"] = "该自评已被他人修改。请复制您填写的内容后刷新页面，再重新填写。" },
                    _ => result.Errors,
                };
                        if (result.Succeeded)
                {
                    await LoadAsync(user);
                    message = done;
                }
            });
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RunAsync(Func<ClaimsPrincipal, Task> action)
    {
        try
        {
            await action((await AuthState).User);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }
}
