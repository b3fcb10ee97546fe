using System.Globalization;

namespace PartyPortal.Features.Organisation;

/// <summary>
/// The order in which people's names are listed: zh-CN collation, which ICU (the globalization library .NET uses
/// on Linux; the app does not run invariant) defines as pinyin order — 陈 before 宋 before 王 before 张 — where a
/// code-point sort would put 张 (U+5F20) before 王 (U+738B) and 陈 (U+9648).
/// </summary>
public static class MemberNames
{
    public static StringComparer Comparer { get; } = CultureInfo.GetCultureInfo("zh-CN").CompareInfo.GetStringComparer(CompareOptions.None);
}
