using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;
using PartyPortal.Model;

namespace PartyPortal.Features.Organisation;

public sealed partial class BranchPostsPanel
{
    private IReadOnlyList<PostRow>? posts;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private PostInput input = new();
    private int loadedFor;
    private IReadOnlyList<MemberRow>? loadedWith;
    private bool appointing;
    private bool busy;
    private string? message;

    [Parameter, EditorRequired] public int BranchId { get; set; }

    /// <summary>The branch's current members: the only people who can be appointed.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<MemberRow> Members { get; set; } = [];

    [Parameter] public bool CanManage { get; set; }

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == BranchId && ReferenceEquals(loadedWith, Members))
        {
            return;
        }

        // The page hands a new member list after each of its writes: a renamed or retired member shows here too.
        if (loadedFor != BranchId)
        {
            posts = null;
            appointing = false;
            message = null;
            errors = new Dictionary<string, string>();
        }

        (loadedFor, loadedWith) = (BranchId, Members);
        posts = await Service.ListPostsAsync((await AuthState).User, BranchId);
    }

    private bool Has(string key) => errors.ContainsKey(key);

    private string? Of(string key) => errors.GetValueOrDefault(key);

    private string MemberName(int? id) => Members.FirstOrDefault(m => m.Id == id)?.Name ?? "";

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private static string Term(PostRow p) => p.To is { } to ? $"{p.From:yyyy-MM-dd} 至 {to:yyyy-MM-dd}" : $"自{p.From:yyyy-MM-dd}起";

    private void StartAppointing()
    {
        input = new PostInput { OrgUnitId = BranchId, From = Clock.Today };
        errors = new Dictionary<string, string>();
        message = null;
        appointing = true;
    }

    private async Task AppointAsync()
    {
        var name = MemberName(input.MemberId);
        var post = input.Post;
        if (await RunAsync(user => Service.AppointAsync(user, input)))
        {
            message = $"{name}已任{post?.Display()}。";
            appointing = false;
        }
    }

    /// <summary>免职 asks first, in the portal's one dated confirmation, for the post's last day.</summary>
    private async Task EndAsync(PostRow post)
    {
        message = null;
        appointing = false;
        var today = Clock.Today;
        var ended = await Dialogs.ConfirmOnDayAsync(new DayConfirmation(
            $"免去{post.MemberName}的{post.Post.Display()}职务",
            $"免职后，{post.MemberName}的{post.Post.Display()}职务至免职日期结束，此后不再计入支部班子和规范化建设的检查；此操作记入审计日志，不能在此撤销。",
            "免职日期（最后一天）", "免职", today, today, day => EndOnAsync(post, day))
        {
            Earliest = (post.From, "任职日期"),
        });
        if (ended is { } on)
        {
            message = $"{post.MemberName}的{post.Post.Display()}职务至{on:yyyy-MM-dd}结束。";
        }
    }

    /// <summary>The write behind the dialog; returns the reason it was refused, null when saved.</summary>
    private async Task<string?> EndOnAsync(PostRow post, DateOnly day)
    {
        if (!await RunAsync(user => Service.EndPostAsync(user, post.Id, day)))
        {
            return string.Join(" ", errors.Values);
        }

        errors = new Dictionary<string, string>();
        return null;
    }

    /// <summary>Runs a write; on errors the form stays open with what was chosen and the reasons beside the fields.</summary>
    private async Task<bool> RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<WriteResult>> write)
    {
        busy = true;
        try
        {
            var user = (await AuthState).User;
            var result = await write(user);
            errors = result.NotFound ? new Dictionary<string, string> { ["postId"] = "该职务记录不存在，请刷新页面。" } : result.Errors;
            if (!result.Succeeded)
            {
                return false;
            }

            posts = await Service.ListPostsAsync(user, BranchId);
            return true;
        }
        catch (AccessDeniedException e)
        {
            errors = new Dictionary<string, string> { ["orgUnitId"] = e.Message };
            return false;
        }
        finally
        {
            busy = false;
        }
    }
}
