using PartyPortal.Model;

namespace PartyPortal.Features.Activities;

/// <summary>
/// An activity as a secretary records it: the same shape for the form, the JSON API and imports, so all
/// three are validated by the one <see cref="ActivityService"/>.
/// </summary>
public sealed class ActivityInput
{
    public string? KindCode { get; set; }
    public int OrgUnitId { get; set; }
    public DateOnly? Date { get; set; }
    public string? Title { get; set; }
    public int? Quantity { get; set; }

    /// <summary>The code of a campaign (专项主题), e.g. "discipline-style-2023".</summary>
    public string? Campaign { get; set; }
    public int? StudyTopicId { get; set; }
    public int? PresenterMemberId { get; set; }
    public string? PresenterName { get; set; }

    /// <summary>The member a talk or visit concerns (谈话/家访对象), chosen by name like every member.</summary>
    public int? SubjectMemberId { get; set; }
    public string? Place { get; set; }
    [Multiline]
    public string? Notes { get; set; }

    /// <summary>For trainings: who organised it (F07/F08) and the cadre levels it counts for (training coverage).</summary>
    public OrganiserLevel? OrganiserLevel { get; set; }
    public List<CadreLevel> TrainingFor { get; set; } = [];

    public List<AttendanceInput> Attendance { get; set; } = [];
}

public sealed class AttendanceInput
{
    public int MemberId { get; set; }
    public AttendanceStatus Status { get; set; } = AttendanceStatus.Present;
}

/// <summary>The outcome of a write: done (with the id and new version), field errors, a stale version, or not found.</summary>
public sealed record ActivityResult(
    IReadOnlyDictionary<string, string> Errors,
    int? Id = null,
    Guid? Version = null,
    bool Conflict = false,
    bool NotFound = false,
    bool KeyInUse = false)
{
    public bool Succeeded => Errors.Count == 0 && !Conflict && !NotFound && !KeyInUse;

    /// <summary>Another request under the same idempotency key wrote first; this one wrote nothing.</summary>
    public static ActivityResult KeyTaken { get; } = new(new Dictionary<string, string>(), KeyInUse: true);

    public static ActivityResult Invalid(Dictionary<string, string> errors) => new(errors);

    public static ActivityResult Missing { get; } = new(new Dictionary<string, string>(), NotFound: true);

    public static ActivityResult Stale { get; } = new(new Dictionary<string, string>(), Conflict: true);
}

/// <summary>An activity as it is read back: the record, its kind and its attendance.</summary>
public sealed record ActivityView(
    int Id,
    string KindCode,
    string KindName,
    int OrgUnitId,
    string OrgUnitName,
    DateOnly Date,
    string Title,
    int Quantity,
    string? Campaign,
    int? StudyTopicId,
    int? PresenterMemberId,
    string? PresenterName,
    string? Place,
    string? Notes,
    Guid Version,
    IReadOnlyList<AttendanceView> Attendance)
{
    public OrganiserLevel? OrganiserLevel { get; init; }

    /// <summary>The names of the presenter and the subject when they are members, to show and to prefill the pickers.</summary>
    public string? PresenterMemberName { get; init; }
    public int? SubjectMemberId { get; init; }
    public string? SubjectMemberName { get; init; }

    public IReadOnlyList<CadreLevel> TrainingFor { get; init; } = [];

    /// <summary>The title of the linked study topic, for the record page to show (the API gives its id).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? StudyTopicTitle { get; init; }

    /// <summary>A discipline-restricted kind: written only by Discipline (not part of the JSON contract).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Restricted { get; init; }
}

public sealed record AttendanceView(int MemberId, string MemberName, AttendanceStatus Status, DateOnly? MadeUpOn);
