using PartyPortal.Model;

namespace PartyPortal.Features.Study;

/// <summary>A study topic as the form sends it: the same shape for publishing and editing.</summary>
public sealed class StudyTopicInput
{
    public string? Title { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public DateOnly? DueOn { get; set; }
    public StudyAudience Audience { get; set; } = StudyAudience.AllMembers;
    public CadreLevel? AudienceCadreLevel { get; set; }
}


/// <summary>One line of the year's topic list, with how many (not deleted) activities link to the topic.</summary>
public sealed record StudyTopicRow(
    int Id, string Title, DateOnly PublishedOn, DateOnly DueOn, StudyAudience Audience, CadreLevel? AudienceCadreLevel, int LinkedActivities)
{
    public string AudienceLabel => StudyTopicService.AudienceLabel(Audience, AudienceCadreLevel);
}
