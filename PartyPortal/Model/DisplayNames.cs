using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace PartyPortal.Model;

/// <summary>The zh-CN name of a domain enum value, from its <see cref="DisplayAttribute"/>.</summary>
public static class DisplayNames
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Display(this Enum value) =>
        Cache.GetOrAdd(value, v =>
            v.GetType().GetField(v.ToString())?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? v.ToString());
}
