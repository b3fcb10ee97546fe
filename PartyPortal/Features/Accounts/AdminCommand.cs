using Microsoft.AspNetCore.Identity;
using PartyPortal.Access;
using PartyPortal.Data;
using PartyPortal.Model;

namespace PartyPortal.Features.Accounts;

/// <summary>
/// <c>dotnet run --project PartyPortal -- create-admin &lt;username&gt;</c>: the first PartyOffice account of a
/// real install (outside demo mode there is no default account). The password comes from the
/// <see cref="PasswordVariable"/> environment variable (for automation) or is asked for.
/// </summary>
public static class AdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "PARTYPORTAL_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string userName)
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = ReadSecret($"请输入 {userName} 的密码（至少10位，含大小写字母、数字和符号）：");
            if (ReadSecret("请再次输入密码：") != password)
            {
                await Console.Error.WriteLineAsync("两次输入的密码不一致，未创建账户。");
                return 1;
            }
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            await Console.Error.WriteLineAsync($"账户 {userName} 已存在，未作改动。");
            return 1;
        }

        var admin = new PortalUser { UserName = userName, DisplayName = "机关党委管理员", CreatedAt = DateTimeOffset.UtcNow };
        db.RoleAssignments.Add(new RoleAssignment { UserId = admin.Id, Role = PortalRole.PartyOffice, OrgUnitId = null });
        audit.Add(db, "create-admin", AuditActions.Create, nameof(PortalUser), admin.Id,
            after: new { userName, roles = new[] { new Assignment(PortalRole.PartyOffice, null).ToClaimValue() } });
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync("未创建账户：" + string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }

        Console.WriteLine($"已创建管理员账户 {userName}（机关党委，全市局范围）。");
        return 0;
    }

    private static string ReadSecret(string prompt)
    {
        Console.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? "";
        }

        var chars = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return chars.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && chars.Length > 0)
            {
                chars.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Append(key.KeyChar);
            }
        }
    }
}
