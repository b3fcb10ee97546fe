using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

// The folder is named as the brief and the other features are ("Imports", like "Activities"); the clash is with a
// Visual Basic keyword, and no Visual Basic code consumes this application.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:PartyPortal.Features.Imports")]

namespace PartyPortal.Features.Imports;

public enum ImportKind
{
    [Display(Name = "党员")] Members = 1,
    [Display(Name = "活动及出勤")] Activities = 2,
}

/// <summary>One problem of an uploaded file: its row as the spreadsheet numbers it (the header is row 1), and the column.</summary>
public sealed record ImportError(int Row, string Column, string Message)
{
    public string Text => Column.Length == 0 ? $"第{Row}行：{Message}" : $"第{Row}行（{Column}）：{Message}";
}

/// <summary>What an import did: every error of the file, or, when there was none, how much it wrote.</summary>
public sealed record ImportResult(IReadOnlyList<ImportError> Errors, int Rows, int Written, int AttendanceRows = 0)
{
    public bool Succeeded => Errors.Count == 0 && Written > 0;

    public static ImportResult Failed(params ImportError[] errors) => new(errors, 0, 0);
}

public enum ImportStage
{
    [Display(Name = "正在读取文件")] Reading = 1,
    [Display(Name = "正在对照名称")] Matching = 2,
    [Display(Name = "正在校验")] Checking = 3,
    [Display(Name = "正在写入")] Writing = 4,
}

/// <summary>Where a long import is: the stage and, for the row-by-row stages, rows done of the total.</summary>
public sealed record ImportProgress(ImportStage Stage, int Done, int Total)
{
    /// <summary>Matching is the first half of the bar, checking the second; reading and writing have no measure.</summary>
    public int? Percent => Total == 0 ? null : Stage switch
    {
        ImportStage.Matching => Done * 50 / Total,
        ImportStage.Checking => 50 + (Done * 50 / Total),
        _ => null,
    };
}

/// <summary>The column headers of the templates, as secretaries see them; the import reads columns by these names.</summary>
public static class ImportColumns
{
    public const string Name = "姓名";
    public const string Gender = "性别";
    public const string BirthYear = "出生年份";
    public const string CadreLevel = "职级";
    public const string AdministrativePost = "行政职务";
    public const string Status = "党员状态";
    public const string JoinedPartyOn = "入党日期";
    public const string Branch = "所在支部";
    public const string From = "编入日期";

    public const string Kind = "活动类型";
    public const string Unit = "所在组织";
    public const string Date = "日期";
    public const string Title = "标题";
    public const string Quantity = "数量";
    public const string Campaign = "专项主题";
    public const string StudyTopic = "学习专题";
    public const string OrganiserLevel = "主办层级";
    public const string TrainingFor = "面向层级";
    public const string Place = "地点";
    public const string Presenter = "主讲人";
    public const string Notes = "备注";
    public const string Present = "出席";
    public const string Excused = "请假";
    public const string Absent = "缺席";

    public static readonly string[] Members = [Name, Gender, BirthYear, CadreLevel, AdministrativePost, Status, JoinedPartyOn, Branch, From];

    public static readonly string[] Activities =
        [Kind, Unit, Date, Title, Quantity, Campaign, StudyTopic, OrganiserLevel, TrainingFor, Place, Presenter, Notes, Absent, Excused, Present];

    /// <summary>The columns a file must have; the others may be left out.</summary>
    public static readonly string[] RequiredMembers = [Name, Gender, BirthYear, CadreLevel, Branch];

    public static readonly string[] RequiredActivities = [Kind, Unit, Date, Title];

    /// <summary>The sheet the import reads when the file has it; otherwise the first sheet.</summary>
    public static string SheetOf(ImportKind kind) => kind == ImportKind.Members ? "党员" : "活动";

    /// <summary>The column of a service's field error (keys as in <see cref="WriteResult"/>).</summary>
    public static string OfMemberField(string key) => key switch
    {
        "name" => Name,
        "gender" => Gender,
        "birthYear" => BirthYear,
        "cadreLevel" => CadreLevel,
        "administrativePost" => AdministrativePost,
        "status" => Status,
        "joinedPartyOn" => JoinedPartyOn,
        "orgUnitId" => Branch,
        "from" => From,
        _ => "",
    };

    public static string OfActivityField(string key) => key switch
    {
        "kindCode" => Kind,
        "orgUnitId" => Unit,
        "date" => Date,
        "title" => Title,
        "quantity" => Quantity,
        "campaign" => Campaign,
        "studyTopicId" => StudyTopic,
        "organiserLevel" => OrganiserLevel,
        "trainingFor" => TrainingFor,
        "place" => Place,
        "presenterName" => Presenter,
        "notes" => Notes,
        _ => "",
    };
}
