using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PartyPortal.Access;

namespace PartyPortal.Features.Audit;

public partial class AuditPage
{
    private static readonly int[] PageSizes = [20, 50, 100, AuditQuery.MaxTake];

    private MudTable<AuditRow>? table;
    private ClaimsPrincipal user = new(new ClaimsIdentity());
    private AuditFilterOptions? options;
    private AuditQuery filter = new();
    private string? denied;
    private long? expandedId;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            user = (await AuthState).User;
        }

        try
        {
            options = await Audit.GetFilterOptionsAsync(user);
        }
        catch (AccessDeniedException e)
        {
            denied = e.Message;
        }
    }

    private async Task<TableData<AuditRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        try
        {
            var page = await Audit.SearchAsync(user, filter with { Skip = state.Page * state.PageSize, Take = state.PageSize }, ct);
            return new TableData<AuditRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // MudTable cancels a load it has superseded (a newer filter or page) and does not catch the
            // exception itself; the newer load fills the table.
            return new TableData<AuditRow> { Items = [], TotalItems = 0 };
        }
        catch (AccessDeniedException e)
        {
            // The account lost the right while the page was open.
            denied = e.Message;
            StateHasChanged();
            return new TableData<AuditRow> { Items = [], TotalItems = 0 };
        }
    }

    private async Task OnFilterChangedAsync(AuditQuery next)
    {
        filter = next;
        expandedId = null;
        if (table is null)
        {
            return;
        }

        // A new filter starts from its first page; moving the table to page 0 reloads it by itself.
        if (table.CurrentPage == 0)
        {
            await table.ReloadServerData();
        }
        else
        {
            table.NavigateTo(0);
        }
    }

    private void ToggleDetail(TableRowClickEventArgs<AuditRow> args) =>
        expandedId = args.Item is { } row && row.Id != expandedId ? row.Id : null;
}
