using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace PartyPortal.Model;

/// <summary>Marks a text that may hold line breaks and tabs (notes, measures, evidence); every other text is one line.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultilineAttribute : Attribute;

/// <summary>Marks a date that may lie before the bureau was founded (the day a member joined the Party).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MayPrecedeBureauAttribute : Attribute;

/// <summary>
/// The one input policy of forms, the API and imports, applied by every feature service before its own rules:
/// no text carries control characters, direction overrides or broken surrogates (they hide or reorder what a
/// reader sees: a title can display differently from what is stored), and no date lies before the bureau's
/// founding year or absurdly far ahead. A service calls <see cref="Check"/> on its input object, and the
/// single-value helpers for values that arrive as parameters.
/// </summary>
public static class InputRules
{
    public const string HiddenCharactersMessage = "含有不可见的控制字符或改变文字方向的字符，请删除后重新输入。";

    /// <summary>How far ahead a date may lie: deadlines and plans, not typing slips such as 2205 or 9999.</summary>
    public const int YearsAhead = 10;

    private static readonly ConcurrentDictionary<Type, Field[]> Fields = new();

    private sealed record Field(PropertyInfo Property, string Name, bool Multiline, bool MayPrecedeBureau);

    /// <summary>
    /// Adds an error for every text property of <paramref name="input"/> (and of the objects in its lists) that
    /// <see cref="IsClean"/> refuses, and every date outside <see cref="DateError"/>'s bounds; a field that already
    /// has an error keeps it. Keys are the camelCase property names, as the forms and the API name fields.
    /// </summary>
    public static void Check(object input, IDictionary<string, string> errors, BureauClock clock, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(clock);
        foreach (var field in Fields.GetOrAdd(input.GetType(), Describe))
        {
            var key = prefix + field.Name;
            switch (field.Property.GetValue(input))
            {
                case string text:
                    CheckText(errors, key, text, field.Multiline);
                    break;
                case DateOnly date when !field.MayPrecedeBureau:
                    CheckDate(errors, key, date, clock);
                    break;
                case IList list when field.Property.PropertyType.IsGenericType
                    && field.Property.PropertyType.GetGenericArguments()[0] is { IsClass: true } itemType && itemType != typeof(string):
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is { } item)
                        {
                            Check(item, errors, clock, $"{key}[{i}].");
                        }
                    }

                    break;
                case IList strings when field.Property.PropertyType.IsGenericType
                    && field.Property.PropertyType.GetGenericArguments()[0] == typeof(string):
                    for (var i = 0; i < strings.Count; i++)
                    {
                        CheckText(errors, $"{key}[{i}]", strings[i] as string, multiline: false);
                    }

                    break;
            }
        }
    }

    public static void CheckText(IDictionary<string, string> errors, string field, string? text, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsClean(text, multiline))
        {
            errors.TryAdd(field, HiddenCharactersMessage);
        }
    }

    public static void CheckDate(IDictionary<string, string> errors, string field, DateOnly? date, BureauClock clock)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (date is { } d && DateError(d, clock) is { } error)
        {
            errors.TryAdd(field, error);
        }
    }

    /// <summary>Null when the date is within the bureau's lifetime (its founding year to <see cref="YearsAhead"/> years from now).</summary>
    public static string? DateError(DateOnly date, BureauClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return date < clock.FirstDay ? $"日期不能早于{clock.FoundedYear}年1月1日（本局成立之年），请检查年份。"
            : date.Year > clock.Today.Year + YearsAhead ? $"日期不能晚于{clock.Today.Year + YearsAhead}年，请检查年份。"
            : null;
    }

    /// <summary>
    /// No C0/C1 control character (a line break or tab only where <paramref name="multiline"/>), no bidirectional
    /// embedding, override, isolate or mark, and no unpaired surrogate.
    /// </summary>
    public static bool IsClean(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsBidiControl(c) || (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static Field[] Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => new Field(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p.IsDefined(typeof(MultilineAttribute)), p.IsDefined(typeof(MayPrecedeBureauAttribute))))
            .ToArray();
}
