using Microsoft.Extensions.Localization;

namespace PartyPortal.Features.Audit;

/// <summary>Marker for the audit page's texts (AuditText.resx, zh-CN as the neutral culture).</summary>
public sealed class AuditText;

/// <summary>zh-CN names for the stable strings the audit trail stores; a string without one is shown as stored.</summary>
public static class AuditLabels
{
    public static string ActionLabel(this IStringLocalizer<AuditText> text, string action) => Lookup(text, "Action_" + action, action);

    public static string EntityLabel(this IStringLocalizer<AuditText> text, string entityType) => Lookup(text, "Entity_" + entityType, entityType);

    private static string Lookup(IStringLocalizer<AuditText> text, string key, string fallback)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = text[key];
        return found.ResourceNotFound ? fallback : found.Value;
    }
}
