using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;

namespace PartyPortal.Features.Screens;

/// <summary>大屏 (PartyOffice): make a screen and get its address and QR code once; rename, change and revoke screens.</summary>
public sealed partial class ScreensPage
{
    private IReadOnlyList<ScreenRow>? rows;
    private IReadOnlyList<ScreenScopeOption> scopes = [];
    private ScreenInput? editing;
    private int? editingId;
    private Guid editingVersion;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private (string Name, string Url, string Qr)? issued;
    private string? refusal;
    private string? error;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = (await AuthState).User;
            scopes = await Screens.ScopeOptionsAsync(user);
            rows = await Screens.ListAsync(user);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private void StartCreate()
    {
        editingId = null;
        errors = new Dictionary<string, string>();
        editing = new ScreenInput { ScopeOrgUnitId = scopes.Count > 0 ? scopes[0].Id : 0 };
    }

    private void StartEdit(ScreenRow row)
    {
        editingId = row.Id;
        editingVersion = row.Version;
        errors = new Dictionary<string, string>();
        editing = new ScreenInput { Name = row.Name, ScopeOrgUnitId = row.ScopeOrgUnitId, Panels = row.Panels, RotationSeconds = row.RotationSeconds };
    }

    private void Cancel()
    {
        editing = null;
        editingId = null;
    }

    private async Task SaveAsync()
    {
        if (editing is null)
        {
            return;
        }

        var user = (await AuthState).User;
        error = null;
        try
        {
            if (editingId is { } id)
            {
                var result = await Screens.UpdateAsync(user, id, editing, editingVersion);
                errors = result.Conflict
                    ? new Dictionary<string, string> { ["version"] = "这块大屏已被他人修改，请取消后重新打开再修改。" }
                    : result.Errors;
                if (!result.Succeeded)
                {
                    return;
                }
            }
            else
            {
                var created = await Screens.CreateAsync(user, editing);
                errors = created.Result.Errors;
                if (!created.Result.Succeeded)
                {
                    return;
                }

                var url = Navigation.ToAbsoluteUri(ScreenService.PathFor(created.Token!)).ToString();
                issued = (editing.Name!.Trim(), url, ScreenQr.DataUri(url));
            }

            Cancel();
            rows = await Screens.ListAsync(user);
        }
        catch (AccessDeniedException e)
        {
            error = e.Message;
        }
    }

    private async Task RevokeAsync(ScreenRow row)
    {
        if (!await Dialogs.ConfirmAsync("停用大屏",
                $"停用后，“{row.Name}”的链接和二维码永久失效，会议室里打开的大屏在30秒内显示“已停用”，不能重新启用；如需继续使用，须新建大屏并重新打开新链接。",
                "停用"))
        {
            return;
        }

        var user = (await AuthState).User;
        try
        {
            await Screens.RevokeAsync(user, row.Id);
            rows = await Screens.ListAsync(user);
        }
        catch (AccessDeniedException e)
        {
            error = e.Message;
        }
    }
}
