namespace PartyPortal.Features.Workspace;

/// <summary>Marker for the workspace's texts (WorkspaceText.resx, zh-CN as the neutral culture).</summary>
public sealed class WorkspaceText;
