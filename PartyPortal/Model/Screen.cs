using System.ComponentModel.DataAnnotations;

namespace PartyPortal.Model;

/// <summary>What a meeting-room screen rotates through.</summary>
[Flags]
public enum ScreenPanels
{
    None = 0,
    [Display(Name = "核心指标")] Headline = 1,
    [Display(Name = "星级分布")] Stars = 2,
    [Display(Name = "覆盖情况")] Coverage = 4,
    [Display(Name = "最新活动")] Activities = 8,
    [Display(Name = "五星级支部")] FiveStar = 16,
    All = Headline | Stars | Coverage | Activities | FiveStar,
}

/// <summary>
/// A wall display (会议室大屏): shows the headline metrics of one scope, unattended. It is opened by a long
/// random token in its URL; only the token's SHA-256 is kept, so a stolen database opens no screen.
/// </summary>
public class Screen
{
    public const int NameMax = 60;
    public const int MinRotationSeconds = 5;
    public const int MaxRotationSeconds = 300;

    public int Id { get; set; }
    public required string Name { get; set; }
    public int ScopeOrgUnitId { get; set; }
    public OrgUnit? ScopeOrgUnit { get; set; }
    public ScreenPanels Panels { get; set; } = ScreenPanels.All;
    public int RotationSeconds { get; set; } = 15;

    /// <summary>Base64url SHA-256 of the token.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsRevoked => RevokedAt is not null;
}
