using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using PartyPortal.Access;
using PartyPortal.Model;

namespace PartyPortal.Features.Reports;

/// <summary>
/// The Word half of the report page: download the report in the 公文 format, fill a stored template, or (PartyOffice)
/// upload a new template or a new version of one. The files are made on the circuit from what the page already holds and
/// saved through a small module, so what is downloaded is what the page shows.
/// </summary>
public sealed partial class ReportWordActions : ComponentBase, IAsyncDisposable
{
    public const string ModulePath = "./js/download.js";

    private IReadOnlyList<ReportTemplateSummary>? templates;
    private int? templateId;
    private bool canUpload;
    private bool busy;
    private string? uploadName;
    private string? message;
    private Severity severity = Severity.Info;
    private IJSObjectReference? module;

    /// <summary>The report as the page shows it.</summary>
    [Parameter, EditorRequired]
    public ReportDocument Report { get; set; } = default!;

    /// <summary>Placeholder name → value for the same user, period and scope; null for a figure the user may not see.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyDictionary<string, string?> Values { get; set; } = default!;

    /// <summary>The downloaded files' name without extension, e.g. "2023年上半年全面从严治党工作报告".</summary>
    [Parameter, EditorRequired]
    public string FileStem { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        canUpload = (await Access.UnitsAllowingAsync(user, Operation.ManageReportTemplates)).Count > 0;
        if ((await Access.UnitsAllowingAsync(user, Operation.UseReportTemplates)).Count > 0)
        {
            await LoadTemplatesAsync();
        }
    }

    private async Task LoadTemplatesAsync()
    {
        templates = await Templates.ListAsync((await AuthState).User);
        templateId ??= templates.Count > 0 ? templates[0].Latest.Id : null;
    }

    private Task ExportAsync() => SaveAsync(FileStem + ".docx", ReportWordWriter.Write(Report));

    private async Task FillAsync()
    {
        if (templateId is not { } id)
        {
            return;
        }

        busy = true;
        try
        {
            if (await Templates.FillAsync((await AuthState).User, id, Values) is not { } done)
            {
                Show(Severity.Warning, "该模板已不存在，请刷新后重新选择。");
                return;
            }

            var (version, filled) = done;
            await SaveAsync($"{FileStem}（{version.Name}）.docx", filled.Content);
            Show(filled.Unknown.Count + filled.Withheld.Count == 0 ? Severity.Success : Severity.Warning, FillSummary(version, filled));
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>What a fill left undone, by name: the file marks the same places, so the reader can find them in it.</summary>
    public static string FillSummary(ReportTemplateVersion version, FilledTemplate filled)
    {
        var parts = new List<string> { $"已按“{version.Name}”第{version.Version}版生成。" };
        if (filled.Unknown.Count > 0)
        {
            parts.Add($"模板中有门户不认识的占位符：{string.Join("、", filled.Unknown)}，文中标为【未知：…】，请核对拼写。");
        }

        if (filled.Withheld.Count > 0)
        {
            parts.Add($"以下数字您无权查看，文中标为【无权查看：…】：{string.Join("、", filled.Withheld)}。");
        }

        return string.Concat(parts);
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (file.Size > ReportTemplate.MaxBytes)
        {
            Show(Severity.Warning, ReportTemplateService.TooLargeMessage);
            return;
        }

        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(ReportTemplate.MaxBytes);
            var name = string.IsNullOrWhiteSpace(uploadName) ? Path.GetFileNameWithoutExtension(file.Name) : uploadName;
            var result = await Templates.UploadAsync((await AuthState).User, name, file.Name, stream);
            if (result.Succeeded)
            {
                templateId = result.Id;
                await LoadTemplatesAsync();
                Show(Severity.Success, $"已上传“{name.Trim()}”。");
            }
            else
            {
                Show(Severity.Warning, string.Join(" ", result.Errors.Values));
            }
        }
        catch (AccessDeniedException ex)
        {
            Show(Severity.Error, ex.Message);
        }
        catch (IOException)
        {
            Show(Severity.Warning, "文件上传中断，请重新上传。");
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SaveAsync(string name, byte[] content)
    {
        module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        using var stream = new DotNetStreamReference(new MemoryStream(content));
        await module.InvokeVoidAsync("save", name, ReportWordWriter.ContentType, stream);
    }

    private void Show(Severity level, string text) => (severity, message) = (level, text);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
