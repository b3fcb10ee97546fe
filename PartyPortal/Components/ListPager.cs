using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace PartyPortal.Components;

/// <summary>
/// Pages a long list 50 rows at a time (issue #14: every list over 50 rows is paged), rendered into the list that
/// shows it: <c>@pager.Fragment</c>. Plain buttons rather than a row of page numbers: they fit a 390 px phone and say in
/// words where the reader is. A fragment, not a component (as <see cref="StatTile"/>): a 看板 that stays open all day
/// shows six lists, and each component costs its circuit its bookkeeping and two render buffers of at least 32 frames.
/// The buttons are plain elements dressed as MudBlazor's small outlined buttons.
/// </summary>
/// <param name="Page">The page shown, counted from 1.</param>
/// <param name="Pages">How many pages there are; the pager shows only when more than one.</param>
/// <param name="PageChanged">Asked for the page to show (counted from 1); the list's own callback, so the list re-renders.</param>
public sealed record ListPager(int Page, int Pages, EventCallback<int> PageChanged)
{
    public const int PageSize = 50;

    private const string ButtonClass = "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-small";

    /// <summary>How many rows the list has, when the reader should see it beside the page.</summary>
    public int? Total { get; init; }

    /// <summary>What is paged, for the navigation's accessible name (e.g. 党员).</summary>
    public string Label { get; init; } = "列表";

    /// <summary>The data attribute that marks this pager for tests and scripts (e.g. <c>data-pager</c>).</summary>
    public string Marker { get; init; } = "data-pager";

    public RenderFragment Fragment => Build;

    /// <summary>How many pages <paramref name="count"/> rows fill.</summary>
    public static int PagesFor(int count) => Math.Max(1, (count + PageSize - 1) / PageSize);

    /// <summary>The rows of one page (counted from 1) of an in-memory list.</summary>
    public static IEnumerable<T> Slice<T>(IReadOnlyList<T> rows, int page) => rows.Skip((Math.Clamp(page, 1, PagesFor(rows.Count)) - 1) * PageSize).Take(PageSize);

    private void Build(RenderTreeBuilder builder)
    {
        if (Pages <= 1)
        {
            return;
        }

        builder.OpenElement(0, "nav");
        builder.AddAttribute(1, "class", "d-flex flex-wrap align-center gap-2 my-2");
        builder.AddAttribute(2, "aria-label", Label + "分页");
        builder.AddAttribute(3, Marker, "true");
        builder.OpenRegion(4);
        Button(builder, "上一页", "previous-page", Page <= 1, Page - 1);
        builder.CloseRegion();

        builder.OpenElement(20, "span");
        builder.AddAttribute(21, "class", "mud-typography mud-typography-body2");
        builder.AddAttribute(22, "data-page", Page);
        builder.AddContent(23, $"第 {Page} / {Pages} 页" + (Total is { } total ? $"（共 {total:N0} 条）" : ""));
        builder.CloseElement();

        builder.OpenRegion(30);
        Button(builder, "下一页", "next-page", Page >= Pages, Page + 1);
        builder.CloseRegion();
        builder.CloseElement();
    }

    // Each call sits in a region of its own, so both buttons may use the same sequence numbers.
    private void Button(RenderTreeBuilder builder, string text, string action, bool disabled, int target)
    {
        builder.OpenElement(0, "button");
        builder.AddAttribute(1, "type", "button");
        builder.AddAttribute(2, "class", ButtonClass);
        builder.AddAttribute(3, "disabled", disabled);
        // The list's callback carries the list as its receiver: invoking it re-renders the list.
        builder.AddAttribute(4, "onclick", EventCallback.Factory.Create(this, () => PageChanged.InvokeAsync(target)));
        builder.AddAttribute(5, "data-action", action);
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", "mud-button-label");
        builder.AddContent(8, text);
        builder.CloseElement();
        builder.CloseElement();
    }
}
