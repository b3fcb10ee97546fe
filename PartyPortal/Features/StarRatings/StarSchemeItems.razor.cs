using System.Globalization;
using Microsoft.AspNetCore.Components;
using PartyPortal.Model;

namespace PartyPortal.Features.StarRatings;

/// <summary>
/// The scheme's items, listed in their saved order with a heading wherever the group changes, so moving a row up or
/// down is also how it moves between groups. Edits the list it is given; the page owns it.
/// </summary>
public sealed partial class StarSchemeItems
{
    [Parameter, EditorRequired]
    public List<StarItemInput> Items { get; set; } = default!;

    [Parameter]
    public IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();

    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>Rows were moved or removed: errors keyed by position are stale.</summary>
    [Parameter]
    public EventCallback OnLayoutChanged { get; set; }

    /// <summary>The 100-point scale the validator checks: basic and appraisal items only.</summary>
    private decimal Scale => Items.Where(i => i.Kind is CriterionKind.Basic or CriterionKind.Appraisal).Sum(i => i.MaxScore);

    private bool ScaleIsRight => Scale == 100;

    private decimal Bonus => Items.Where(i => i.Kind == CriterionKind.Bonus).Sum(i => i.MaxScore);

    private decimal Deduction => Items.Where(i => i.Kind == CriterionKind.Deduction).Sum(i => i.MaxScore);

    private bool Has(string key) => Errors.ContainsKey(key);

    private string? Of(string key) => Errors.GetValueOrDefault(key);

    private static string Key(int index, string field) => $"items[{index}].{field}";

    private static string Points(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string GroupOf(StarItemInput item) => item.Group?.Trim() ?? "";

    // The model's name for None is 人工评分; as a link it reads better as "none", and the validator's hint still matches.
    private static string MeasureName(CriterionMeasure measure) => measure == CriterionMeasure.None ? "无（人工评分）" : measure.Display();

    private bool StartsGroup(int index) => index == 0 || GroupOf(Items[index - 1]) != GroupOf(Items[index]);

    private decimal RunTotal(int start)
    {
        var group = GroupOf(Items[start]);
        return Items.Skip(start).TakeWhile(i => GroupOf(i) == group).Sum(i => i.MaxScore);
    }

    /// <summary>Only basic items can be measured (the validator's rule), so another kind drops its link at once.</summary>
    private static void SelectKind(StarItemInput item, CriterionKind kind)
    {
        item.Kind = kind;
        if (kind != CriterionKind.Basic)
        {
            item.Measure = CriterionMeasure.None;
        }
    }

    /// <summary>A new row under the last one's group and kind: items are usually entered group by group.</summary>
    private void AddAtEnd()
    {
        var last = Items.Count > 0 ? Items[^1] : null;
        Items.Add(new StarItemInput { Group = last?.Group, Kind = last?.Kind ?? CriterionKind.Basic });
    }

    private async Task AddToGroup(int start)
    {
        var group = GroupOf(Items[start]);
        var end = start;
        while (end + 1 < Items.Count && GroupOf(Items[end + 1]) == group)
        {
            end++;
        }

        Items.Insert(end + 1, new StarItemInput { Group = Items[end].Group, Kind = Items[end].Kind });
        await OnLayoutChanged.InvokeAsync();
    }

    private async Task MoveAsync(int index, int by)
    {
        var target = index + by;
        if (target < 0 || target >= Items.Count)
        {
            return;
        }

        (Items[index], Items[target]) = (Items[target], Items[index]);
        await OnLayoutChanged.InvokeAsync();
    }

    private async Task RemoveAsync(int index)
    {
        Items.RemoveAt(index);
        await OnLayoutChanged.InvokeAsync();
    }
}
