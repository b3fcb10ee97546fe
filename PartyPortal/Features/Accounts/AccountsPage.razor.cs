using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PartyPortal.Access;
using PartyPortal.Components.Common;

namespace PartyPortal.Features.Accounts;

/// <summary>账户管理 (PartyOffice): create accounts and hand over their one-time passwords; disable, enable, reset.</summary>
public sealed partial class AccountsPage
{
    private IReadOnlyList<AccountRow>? rows;
    private IReadOnlyList<ScopeOption> scopes = [];
    private IReadOnlyDictionary<string, string> formErrors = new Dictionary<string, string>();
    private bool creating;
    private bool saving;
    private string? currentUserName;
    private string? refusal;
    private string? error;
    private (string Message, string Password)? oneTimePassword;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = (await AuthState).User;
            currentUserName = user.Identity?.Name;
            scopes = await Accounts.ScopeOptionsAsync(user);
            rows = await Accounts.ListAsync(user);
        }
        catch (AccessDeniedException e)
        {
            refusal = e.Message;
        }
    }

    private void StartCreating()
    {
        formErrors = new Dictionary<string, string>();
        creating = true;
    }

    private async Task CreateAsync(NewAccount account)
    {
        // A second press arrives while the first is saving (the disabled button has not reached the browser yet):
        // it must not try the same user name again.
        if (saving)
        {
            return;
        }

        saving = true;
        error = null;
        try
        {
            var result = await Accounts.CreateAsync((await AuthState).User, account);
            formErrors = result.Errors;
            if (result.Succeeded)
            {
                creating = false;
                oneTimePassword = ($"已创建账户 {account.UserName.Trim()}，初始密码：", result.TemporaryPassword!);
                await ReloadAsync();
            }
        }
        catch (AccessDeniedException e)
        {
            error = e.Message;
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DisableAsync(AccountRow row)
    {
        if (await Dialogs.ConfirmAsync("停用账户",
                $"停用后，{row.DisplayName}（{row.UserName}）立即不能登录，已打开的页面在一分钟内退出，API 令牌随即失效。"
                + "账户及其历史记录保留，可随时重新启用。", "停用"))
        {
            await RunAsync(user => Accounts.DisableAsync(user, row.Id), null);
        }
    }

    private Task EnableAsync(AccountRow row) => RunAsync(user => Accounts.EnableAsync(user, row.Id), null);

    private async Task ResetAsync(AccountRow row)
    {
        if (await Dialogs.ConfirmAsync("重置密码",
                $"重置后，{row.DisplayName}（{row.UserName}）的原密码立即失效，已登录的页面和 API 令牌随之退出；"
                + "系统生成一个临时密码，只显示这一次，本人首次登录须修改。", "重置密码"))
        {
            await RunAsync(user => Accounts.ResetPasswordAsync(user, row.Id), $"已重置 {row.UserName} 的密码，临时密码：");
        }
    }

    private async Task RunAsync(Func<ClaimsPrincipal, Task<AccountResult>> action, string? passwordMessage)
    {
        error = null;
        try
        {
            var result = await action((await AuthState).User);
            if (!result.Succeeded)
            {
                error = string.Join(" ", result.Errors.Values);
                return;
            }

            if (passwordMessage is not null && result.TemporaryPassword is not null)
            {
                oneTimePassword = (passwordMessage, result.TemporaryPassword);
            }

            await ReloadAsync();
        }
        catch (AccessDeniedException e)
        {
            error = e.Message;
        }
    }

    private async Task ReloadAsync() => rows = await Accounts.ListAsync((await AuthState).User);
}
