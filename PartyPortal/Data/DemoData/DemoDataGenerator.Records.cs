using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

public sealed partial class DemoDataGenerator
{
    private RegisterEntry AddRegister(RegisterKind kind, string name, OrgUnit unit, DateOnly starts, DateOnly? ends = null, int? memberId = null) =>
        set.Add(set.Registers, new RegisterEntry { Kind = kind, Name = name, OrgUnitId = unit.Id, StartsOn = starts, EndsOn = ends, MemberId = memberId }, (r, id) => r.Id = id);

    private void BuildRegistersAndPartnerships()
    {
        var organBranches = branches.Where(b => IsOrgan(b) && !b.IsTemporary).ToList();
        var countyBranches = branches.Where(b => !IsOrgan(b) && !b.IsTemporary).ToList();

        // Each leadership member keeps a grassroots contact point (基层联系点) in their own part of the tree.
        foreach (var (leader, i) in leaders.Select((l, i) => (l, i)))
        {
            var committee = set.Posts.First(p => p.MemberId == leader.Id).OrgUnitId;
            var pool = committee == municipal.Id || committee == organs.Id ? countyBranches : countyBranches.Where(b => committeeOf[b.Id].Id == committee).ToList();
            var branch = pool[(i * 7 + 3) % pool.Count];
            contactPointOf[leader.Id] = AddRegister(RegisterKind.LeaderContactPoint, $"{leader.Name}同志基层党建联系点：{branch.Name}", branch, new DateOnly(2022, 1, 1), memberId: leader.Id);
        }

        foreach (var half in HalfYears())
        {
            for (var i = 0; i < Wide(8 + rng.Next(8)); i++)
            {
                var collective = rng.Next(100) < 70;
                var unit = branches[rng.Next(branches.Count)];
                var honour = AddRegister(RegisterKind.Honour, DemoNames.HonourNames[rng.Next(DemoNames.HonourNames.Length)], unit, DayIn(half));
                honour.IsCollective = collective;
                honour.HonourLevel = (HonourLevel)(1 + rng.Next(4));
                honour.MemberId = collective ? null : MembersOn(unit.Id, honour.StartsOn).FirstOrDefault()?.Id;
            }
        }

        var circleStart = new DateOnly(2022, 6, 1);
        for (var i = 0; i < Wide(26); i++)
        {
            var b = countyBranches[(i * 5) % countyBranches.Count];
            var opened = circleStart.AddDays(rng.Next(540));
            AddRegister(RegisterKind.ServiceCircle, $"{Local(committeeOf[b.Id], DemoNames.Communities[i % DemoNames.Communities.Length])}“10分钟税费服务圈”", b, ClampToToday(opened), i % 9 == 8 ? ClampToToday(opened.AddYears(2)) : null);
        }

        for (var i = 0; i < Wide(17); i++)
        {
            var b = countyBranches[(i * 3 + 1) % countyBranches.Count];
            AddRegister(RegisterKind.VolunteerPoint, $"{Local(committeeOf[b.Id], DemoNames.Communities[(i + 3) % DemoNames.Communities.Length])}党群服务中心税费志愿服务点", b, ClampToToday(circleStart.AddDays(rng.Next(500))));
        }

        foreach (var half in HalfYears())
        {
            for (var i = 0; i < Wide(3 + rng.Next(6)); i++)
            {
                var youth = rng.Next(2) == 0;
                var b = branches[rng.Next(branches.Count)];
                AddRegister(youth ? RegisterKind.YouthCommandoTeam : RegisterKind.VanguardTeam,
                    $"{DemoNames.TemporaryProjects[rng.Next(DemoNames.TemporaryProjects.Length)]}{(youth ? "青年突击队" : "党员先锋队")}", b, DayIn(half));
            }
        }

        var studios = organBranches.Where((_, i) => i % 5 == 1).Take(4).Concat(countyBranches.Where((_, i) => i % 20 == 2).Take(Wide(3))).ToList();
        foreach (var b in studios)
        {
            var secretary = PostsOf(b.Id).First(p => p.Post == BranchPost.Secretary);
            AddRegister(RegisterKind.SecretaryStudio, $"{memberById[secretary.MemberId].Name}出彩书记工作室", b, new DateOnly(2021 + rng.Next(2), 1 + rng.Next(12), 1), memberId: secretary.MemberId);
        }

        // 党建共建: organ branches with branches of the district bureau named in the settings, from early 2023.
        var district = committees.First(c => c.Name.Contains(DemoNames.District, StringComparison.Ordinal));
        var districtBranches = countyBranches.Where(b => committeeOf[b.Id] == district).ToList();
        for (var i = 0; i < 12; i++)
        {
            AddPartnership(PartnershipType.CoBuilding, organBranches[(i * 2) % organBranches.Count], new DateOnly(2023, 2 + rng.Next(4), 1 + rng.Next(28)),
                partnerUnit: districtBranches[i % districtBranches.Count]);
        }

        foreach (var (b, i) in countyBranches.Where((_, i) => i % 9 == 4).Select((b, i) => (b, i)))
        {
            var community = AddOutside(Local(committeeOf[b.Id], DemoNames.Communities[i % DemoNames.Communities.Length]), OutsideOrganisationKind.Community);
            AddPartnership(PartnershipType.CoBuilding, b, new DateOnly(2022 + rng.Next(3), 1 + rng.Next(12), 1), partnerOrganisation: community);
        }

        // 一支部护航一行业: organ branches paired with industry associations.
        for (var i = 0; i < 11; i++)
        {
            // A province's branches escort its provincial associations (东江省软件行业协会), a city's the city's.
            var association = AddOutside(DemoNames.IndustryAssociations[i % DemoNames.IndustryAssociations.Length].Replace(DemoNames.City, profile.Place, StringComparison.Ordinal), OutsideOrganisationKind.IndustryAssociation);
            AddPartnership(PartnershipType.IndustryEscort, organBranches[(i * 3 + 1) % organBranches.Count], new DateOnly(2023, 3 + rng.Next(4), 1 + rng.Next(28)), partnerOrganisation: association);
        }
    }

    private OutsideOrganisation AddOutside(string name, OutsideOrganisationKind kind) =>
        set.OutsideOrganisations.FirstOrDefault(o => o.Name == name)
        ?? set.Add(set.OutsideOrganisations, new OutsideOrganisation { Name = name, Kind = kind }, (o, id) => o.Id = id);

    private void AddPartnership(PartnershipType type, OrgUnit unit, DateOnly starts, OrgUnit? partnerUnit = null, OutsideOrganisation? partnerOrganisation = null)
    {
        if (starts > today)
        {
            return;
        }

        set.Add(set.Partnerships, new Partnership
        {
            Type = type,
            OrgUnitId = unit.Id,
            PartnerOrgUnitId = partnerUnit?.Id,
            PartnerOrganisationId = partnerOrganisation?.Id,
            StartsOn = starts,
        }, (p, id) => p.Id = id);
    }

    private ClosedLoopItem AddClosedLoop(ClosedLoopSource source, OrgUnit owner, DateOnly found, string title, int measures)
    {
        var deadline = found.AddDays(60 + rng.Next(120));
        var item = set.Add(set.ClosedLoopItems, new ClosedLoopItem { Source = source, Title = title, OwnerOrgUnitId = owner.Id, FoundOn = found, Deadline = deadline }, (x, id) => x.Id = id);
        AddEvent(item, found, ClosedLoopStatus.Open, "登记问题，明确责任单位和整改时限");
        var written = new List<RectificationMeasure>(measures);
        for (var i = 0; i < measures; i++)
        {
            written.Add(set.Add(set.Measures, new RectificationMeasure { ItemId = item.Id, Description = $"{MeasureTexts[rng.Next(MeasureTexts.Length)]}（措施{i + 1}）", WrittenOn = found.AddDays(rng.Next(10)) }, (m, id) => m.Id = id));
        }

        var started = found.AddDays(5 + rng.Next(10));
        if (started <= today)
        {
            item.Status = ClosedLoopStatus.InProgress;
            AddEvent(item, started, ClosedLoopStatus.InProgress, "制定整改措施，启动整改");
        }

        // Most close before the deadline, some late, some still open past it (overdue).
        var closeDay = found.AddDays(30 + rng.Next(rng.Next(100) < 85 ? 90 : 220));
        if (closeDay <= today && rng.Next(100) < 92)
        {
            item.Status = ClosedLoopStatus.Closed;
            item.ClosedOn = closeDay;
            item.ClosingEvidence = "整改报告及相关制度文件、会议记录已归档";
            AddEvent(item, closeDay, ClosedLoopStatus.Closed, "整改完成，经审核同意销号");
            foreach (var m in written)
            {
                m.DoneOn = closeDay;
            }
        }

        return item;
    }

    private void AddEvent(ClosedLoopItem item, DateOnly day, ClosedLoopStatus status, string note) =>
        set.Add(set.ClosedLoopEvents, new ClosedLoopEvent
        {
            ItemId = item.Id,
            At = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)),
            By = "demo",
            Status = status,
            Note = note,
        }, (e, id) => e.Id = id);

    private void BuildClosedLoops()
    {
        var style = campaigns["discipline-style-2023"];
        foreach (var half in HalfYears())
        {
            // 巡视自查 each spring; 检视查摆 with the year's discipline education.
            var selfChecks = half.Index == 1 ? Wide(20 + rng.Next(12)) : 0;
            for (var i = 0; i < selfChecks; i++)
            {
                var owner = i % 3 == 0 ? committees[rng.Next(committees.Count)] : branches[rng.Next(branches.Count)];
                AddClosedLoop(ClosedLoopSource.InspectionSelfCheck, owner, DayIn(half), $"巡视自查：{SelfCheckProblems[rng.Next(SelfCheckProblems.Length)]}", 2 + rng.Next(3));
            }

            for (var i = 0; i < Wide(half.Index == 1 ? 12 + rng.Next(10) : 4 + rng.Next(5)); i++)
            {
                var item = AddClosedLoop(ClosedLoopSource.SelfReview, branches[rng.Next(branches.Count)], DayIn(half), $"检视查摆：{SelfReviewProblems[rng.Next(SelfReviewProblems.Length)]}", 1 + rng.Next(3));
                item.CampaignId = half.Year == 2023 && half.Index == 1 ? style.Id : null;
            }

            for (var i = 0; i < Wide(4 + rng.Next(4)); i++)
            {
                AddClosedLoop(ClosedLoopSource.Directive, committees[rng.Next(committees.Count)], DayIn(half), "落实上级政治要件：贯彻重要指示批示精神", 1);
                AddClosedLoop(ClosedLoopSource.SupervisedTask, committees[rng.Next(committees.Count)], DayIn(half), $"重点工作督办：{DemoNames.TemporaryProjects[rng.Next(DemoNames.TemporaryProjects.Length)]}", 2);
            }
        }
    }

    private void BuildDiscipline()
    {
        var units = committees.Where(c => c != organs).ToList();
        foreach (var half in HalfYears())
        {
            for (var i = 0; i < Wide(3 + rng.Next(7)); i++)
            {
                AddDiscipline(DisciplineRecordType.ClueHandled, units[rng.Next(units.Count)], DayIn(half), "处置信访举报问题线索", null, 1);
            }

            for (var i = 0; i < Wide(1 + rng.Next(3)); i++)
            {
                AddDiscipline(DisciplineRecordType.CaseOpened, units[rng.Next(units.Count)], DayIn(half), "违反中央八项规定精神问题立案审查调查", null, 1);
            }

            for (var i = 0; i < Wide(12 + rng.Next(10)); i++)
            {
                var form = rng.Next(100) switch { < 78 => DispositionForm.First, < 93 => DispositionForm.Second, < 98 => DispositionForm.Third, _ => DispositionForm.Fourth };
                AddDiscipline(DisciplineRecordType.Disposition, units[rng.Next(units.Count)], DayIn(half), $"运用“四种形态”{form.Display()}处理", form, form == DispositionForm.First ? 1 + rng.Next(3) : 1);
            }
        }
    }

    private void AddDiscipline(DisciplineRecordType type, OrgUnit unit, DateOnly date, string summary, DispositionForm? form, int personTimes) =>
        set.Add(set.DisciplineRecords, new DisciplineRecord
        {
            Type = type,
            OrgUnitId = unit.Id,
            Date = date,
            Summary = summary,
            Form = form,
            PersonTimes = personTimes,
            Reference = $"JJ{date.Year}-{set.DisciplineRecords.Count + 1:D4}",
            RecordedBy = "demo",
            RecordedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(8)),
        }, (d, id) => d.Id = id);

    private static readonly string[] MeasureTexts =
    [
        "修订完善相关制度并组织学习", "开展专项检查并建立问题台账", "召开专题会议研究部署整改", "加强督促检查，纳入绩效考评",
        "对相关责任人进行提醒谈话", "组织专题培训提升业务能力",
    ];

    private static readonly string[] SelfCheckProblems =
    [
        "“第一议题”学习后跟进落实不够有力", "党委议事规则执行不够严格", "意识形态工作责任制落实存在薄弱环节",
        "基层党组织“三会一课”记录不规范", "对“一把手”监督的手段不够丰富", "选人用人工作程序不够规范",
        "政府采购内控流程存在漏洞", "党建与业务融合不够紧密",
    ];

    private static readonly string[] SelfReviewProblems =
    [
        "纪律规矩意识有所淡化", "作风不够扎实，深入基层调研不够", "对身边典型案例警示教育不够深入",
        "执行请示报告制度不够严格", "落实“八小时以外”监督措施不够有力",
    ];
}
