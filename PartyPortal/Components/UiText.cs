namespace PartyPortal.Components;

/// <summary>Marker for the portal's own UI texts (UiText.resx, zh-CN as the neutral culture).</summary>
public sealed class UiText;
