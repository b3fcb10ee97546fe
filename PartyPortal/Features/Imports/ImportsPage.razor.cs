using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using PartyPortal.Access;
using PartyPortal.Features.Organisation;

namespace PartyPortal.Features.Imports;

public sealed partial class ImportsPage
{
    private List<ImportKind>? kinds;
    private List<OrgUnitDto> units = [];
    private ImportKind kind;
    private bool busy;
    private string? fileName;
    private string? failure;
    private ImportResult? result;
    private ImportProgress? stage;
    private int? exportUnitId;
    private DateOnly? exportFrom;
    private DateOnly? exportTo;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private string TemplateUrl => kind == ImportKind.Members ? "/imports/templates/members.xlsx" : "/imports/templates/activities.xlsx";

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        var found = new List<ImportKind>();
        if ((await Access.UnitsAllowingAsync(user, Operation.RecordActivity)).Count > 0)
        {
            found.Add(ImportKind.Activities);
        }

        if ((await Access.UnitsAllowingAsync(user, Operation.ManageOrganisation)).Count > 0)
        {
            found.Add(ImportKind.Members);
        }

        kind = found.FirstOrDefault();
        units = [.. await Organisation.ListUnitsAsync(user)];
        kinds = found;
    }

    private void SelectKind(ImportKind value)
    {
        kind = value;
        result = null;
        failure = null;
        fileName = null;
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        fileName = file.Name;
        result = null;
        failure = null;
        if (file.Size > SheetReader.MaxFileBytes)
        {
            failure = "文件超过 10 MB，请把文件拆成几份分别导入。";
            return;
        }

        busy = true;
        stage = new ImportProgress(ImportStage.Reading, 0, 0);
        try
        {
            var user = (await AuthState).User;
            await using var stream = file.OpenReadStream(SheetReader.MaxFileBytes);
            result = await Imports.ImportAsync(user, kind, stream, new Reporter(this));
        }
        catch (AccessDeniedException ex)
        {
            failure = ex.Message;
        }
        catch (IOException)
        {
            failure = "文件上传中断，请重新上传。";
        }
        finally
        {
            busy = false;
            stage = null;
        }
    }

    private string Summary(ImportResult r) => kind == ImportKind.Members
        ? $"已导入 {r.Written} 名党员。"
        : $"已导入 {r.Written} 次活动，出勤记录 {r.AttendanceRows} 条。";

    private string UnitName(int? id) => units.FirstOrDefault(u => u.Id == id)?.Name ?? "";

    private static DateTime? AsDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    /// <summary>Shows each stage as the import reaches it; the import awaits the database between reports, so the page renders.</summary>
    private sealed class Reporter(ImportsPage page) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            page.stage = value;
            _ = page.InvokeAsync(page.StateHasChanged);
        }
    }
}
