using System.Collections.Frozen;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace PartyPortal.Components;

/// <summary>
/// Simplified Chinese (zh-CN) texts for MudBlazor's own UI: data grid filters and column menus,
/// pagers, pickers, dialogs, file upload, input buttons, aria labels and so on.
/// </summary>
/// <remarks>
/// MudBlazor reads every one of its built-in texts through <see cref="MudLocalizer"/>, keyed by the
/// names in its <c>MudBlazor.Resources.LanguageResource</c> resx. The community package
/// MudBlazor.Translations is not available to this project, so the translations live here.
/// Register with <c>services.AddTransient&lt;MudLocalizer, ZhCnMudLocalizer&gt;()</c>.
/// MudBlazor only asks this localizer when the current UI culture is not English.
/// A key missing from the table falls back to the base behaviour (not found), and MudBlazor
/// then shows its English text. Placeholders such as <c>{0}</c> are kept as in the English texts.
/// </remarks>
internal sealed class ZhCnMudLocalizer : MudLocalizer
{
    /// <summary>Every key of MudBlazor 9.12.0's LanguageResource, with its zh-CN text.</summary>
    internal static readonly FrozenDictionary<string, string> Translations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Value converters (validation messages)
        ["Converter_ConversionError"] = "转换错误：{0}",
        ["Converter_ConversionFailed"] = "从 {0} 转换为 {1} 失败：{2}",
        ["Converter_ConversionNotImplemented"] = "尚未实现到类型 {0} 的转换",
        ["Converter_InvalidBoolean"] = "不是有效的布尔值",
        ["Converter_InvalidDateTime"] = "不是有效的日期时间",
        ["Converter_InvalidGUID"] = "不是有效的 GUID",
        ["Converter_InvalidNumber"] = "不是有效的数字",
        ["Converter_InvalidTimeSpan"] = "不是有效的时间间隔",
        ["Converter_InvalidType"] = "不是有效的 {0}",
        ["Converter_NotValueOf"] = "不是 {0} 的有效值",
        ["Converter_UnableToConvert"] = "无法将类型 {1} 转换为 {0}",

        // Heat map legend
        ["HeatMap_Less"] = "少",
        ["HeatMap_More"] = "多",

        ["MudAlert_Close"] = "关闭",

        // Date picker
        ["MudBaseDatePicker_NextMonth"] = "下个月 {0}",
        ["MudBaseDatePicker_NextYear"] = "下一年 {0}",
        ["MudBaseDatePicker_Open"] = "打开日期选择器",
        ["MudBaseDatePicker_PrevMonth"] = "上个月 {0}",
        ["MudBaseDatePicker_PrevYear"] = "上一年 {0}",

        ["MudBreadcrumbs_Label"] = "导航路径",

        // Carousel
        ["MudCarousel_Index"] = "第 {0} 项",
        ["MudCarousel_Next"] = "下一项",
        ["MudCarousel_Previous"] = "上一项",

        ["MudChip_Close"] = "移除",

        // Color picker
        ["MudColorPicker_AlphaSlider"] = "透明度滑块",
        ["MudColorPicker_Close"] = "关闭",
        ["MudColorPicker_GridView"] = "网格",
        ["MudColorPicker_HideSwatches"] = "隐藏色板",
        ["MudColorPicker_HueSlider"] = "色相滑块",
        ["MudColorPicker_ModeSwitch"] = "切换模式",
        ["MudColorPicker_Open"] = "打开颜色选择器",
        ["MudColorPicker_PaletteView"] = "调色板",
        ["MudColorPicker_ShowSwatches"] = "显示色板",
        ["MudColorPicker_SpectrumView"] = "色谱",

        // Data grid pager; MudTablePager uses these texts too
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGridPager_FirstPage"] = "第一页",
        ["MudDataGridPager_InfoFormat"] = "第 {0}-{1} 条，共 {2} 条",
        ["MudDataGridPager_LastPage"] = "最后一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",

        // Data grid: toolbar, column menu, grouping, filters
        ["MudDataGrid_AddFilter"] = "添加筛选条件",
        ["MudDataGrid_Apply"] = "应用",
        ["MudDataGrid_Cancel"] = "取消",
        ["MudDataGrid_Clear"] = "清除",
        ["MudDataGrid_ClearFilter"] = "清除筛选",
        ["MudDataGrid_CollapseAllGroups"] = "折叠所有分组",
        ["MudDataGrid_CollapseGroup"] = "折叠分组",
        ["MudDataGrid_Column"] = "列",
        ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_Contains"] = "包含",
        ["MudDataGrid_EndsWith"] = "结尾是",
        ["MudDataGrid_EqualSign"] = "=",
        ["MudDataGrid_Equals"] = "等于",
        ["MudDataGrid_ExpandAllGroups"] = "展开所有分组",
        ["MudDataGrid_ExpandGroup"] = "展开分组",
        ["MudDataGrid_False"] = "否",
        ["MudDataGrid_Filter"] = "筛选",
        ["MudDataGrid_FilterValue"] = "筛选值",
        ["MudDataGrid_GreaterThanOrEqualSign"] = "≥",
        ["MudDataGrid_GreaterThanSign"] = ">",
        ["MudDataGrid_Group"] = "分组",
        ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_HideAll"] = "全部隐藏",
        ["MudDataGrid_Is"] = "是",
        ["MudDataGrid_IsAfter"] = "晚于",
        ["MudDataGrid_IsAnyOf"] = "是其中之一",
        ["MudDataGrid_IsBefore"] = "早于",
        ["MudDataGrid_IsEmpty"] = "为空",
        ["MudDataGrid_IsNot"] = "不是",
        ["MudDataGrid_IsNotEmpty"] = "不为空",
        ["MudDataGrid_IsOnOrAfter"] = "不早于",
        ["MudDataGrid_IsOnOrBefore"] = "不晚于",
        ["MudDataGrid_LessThanOrEqualSign"] = "≤",
        ["MudDataGrid_LessThanSign"] = "<",
        ["MudDataGrid_Loading"] = "加载中…",
        ["MudDataGrid_MoveDown"] = "下移",
        ["MudDataGrid_MoveUp"] = "上移",
        ["MudDataGrid_NotContains"] = "不包含",
        ["MudDataGrid_NotEqualSign"] = "≠",
        ["MudDataGrid_NotEquals"] = "不等于",
        ["MudDataGrid_OpenFilters"] = "打开筛选",
        ["MudDataGrid_Operator"] = "运算符",
        ["MudDataGrid_RefreshData"] = "刷新数据",
        ["MudDataGrid_RemoveFilter"] = "移除筛选条件",
        ["MudDataGrid_ReorderColumn"] = "调整列顺序",
        ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_SelectAllRows"] = "选择所有行",
        ["MudDataGrid_SelectRow"] = "选择行",
        ["MudDataGrid_ShowAll"] = "全部显示",
        ["MudDataGrid_ShowColumnOptions"] = "列选项",
        ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_StartsWith"] = "开头是",
        ["MudDataGrid_ToggleGroupExpansion"] = "展开/折叠分组",
        ["MudDataGrid_True"] = "是",
        ["MudDataGrid_Ungroup"] = "取消分组",
        ["MudDataGrid_Unsort"] = "取消排序",
        ["MudDataGrid_Value"] = "值",

        // Date range picker
        ["MudDateRangePicker_End"] = "结束日期",
        ["MudDateRangePicker_Start"] = "开始日期",

        ["MudDialog_Close"] = "关闭",

        // Leave-page prompt
        ["MudExitPrompt_Cancel"] = "取消",
        ["MudExitPrompt_Exit"] = "确定",
        ["MudExitPrompt_Text"] = "确定要离开此页面吗？您所做的更改可能不会保存。",
        ["MudExitPrompt_Title"] = "确认离开",

        // File upload
        ["MudFileUpload_Button"] = "选择文件",
        ["MudFileUpload_DragAndDrop"] = "将文件拖放到此处，或点击选择文件",
        ["MudFileUpload_FileSizeError"] = "文件“{0}”超过了允许的最大大小 {1} 字节。",
        ["MudFileUpload_MaximumFileCountExceeded"] = "已选择 {0} 个文件，超过了上限 {1} 个",

        ["MudFormComponent_Required"] = "必填",

        // Text and numeric inputs
        ["MudInput_Clear"] = "清除",
        ["MudInput_Decrement"] = "减少",
        ["MudInput_Increment"] = "增加",

        ["MudNavGroup_ToggleExpand"] = "展开/折叠{0}",
        ["MudPageContentNavigation_NavMenu"] = "目录",

        // Pagination
        ["MudPagination_CurrentPage"] = "当前第 {0} 页",
        ["MudPagination_FirstPage"] = "第一页",
        ["MudPagination_LastPage"] = "最后一页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_PageIndex"] = "第 {0} 页",
        ["MudPagination_PreviousPage"] = "上一页",

        // Range input
        ["MudRangeInput_End"] = "结束",
        ["MudRangeInput_Start"] = "开始",

        // Rating
        ["MudRatingItem_Label"] = "{0} 分",
        ["MudRating_Label"] = "评分",

        ["MudSelect_SelectAll"] = "全选",
        ["MudSnackbar_Close"] = "关闭",
        ["MudSplitPanel_ResizePanels"] = "调整面板大小",

        // Stepper
        ["MudStepper_Complete"] = "完成",
        ["MudStepper_Next"] = "下一步",
        ["MudStepper_Previous"] = "上一步",
        ["MudStepper_Reset"] = "重置",
        ["MudStepper_Skip"] = "跳过",

        // Table pager buttons (MudTablePager takes its "Rows per page:", "All" and "1-10 of 30"
        // texts from the MudDataGridPager_* keys above)
        ["MudTablePager_FirstPage"] = "第一页",
        ["MudTablePager_LastPage"] = "最后一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_PreviousPage"] = "上一页",

        // Table
        ["MudTable_CancelEditRow"] = "取消编辑",
        ["MudTable_CollapseGroup"] = "折叠分组",
        ["MudTable_CommitRow"] = "保存编辑",
        ["MudTable_EditRow"] = "编辑行",
        ["MudTable_ExpandGroup"] = "展开分组",
        ["MudTable_Loading"] = "加载中…",
        ["MudTable_SelectAllRows"] = "选择所有行",
        ["MudTable_SelectGroup"] = "选择分组",
        ["MudTable_SelectRow"] = "选择行",

        // Tabs
        ["MudTabs_AddTab"] = "添加标签页",
        ["MudTabs_CloseTab"] = "关闭标签页",
        ["MudTabs_ScrollDown"] = "向下滚动标签页",
        ["MudTabs_ScrollLeft"] = "向左滚动标签页",
        ["MudTabs_ScrollRight"] = "向右滚动标签页",
        ["MudTabs_ScrollUp"] = "向上滚动标签页",

        ["MudTimePicker_Open"] = "打开时间选择器",

        // Tree view
        ["MudTreeView_CollapseItem"] = "折叠",
        ["MudTreeView_ExpandItem"] = "展开",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <inheritdoc />
    public override LocalizedString this[string key] =>
        Translations.TryGetValue(key, out var value)
            ? new LocalizedString(key, value, resourceNotFound: false)
            : base[key];
}
