using PartyPortal.Model;

namespace PartyPortal.Data.DemoData;

public sealed partial class DemoDataGenerator
{
    private Member NewMember(OrgUnit branch, DateOnly from, CadreLevel? level = null, int? birthYear = null)
    {
        var female = rng.Next(100) < 44;
        var born = birthYear ?? 1964 + (int)Math.Round(Math.Pow(rng.NextDouble(), 0.9) * 37);
        var organ = IsOrgan(branch);
        var cadre = level ?? (rng.Next(100) switch
        {
            var r when r < (organ ? 10 : 3) => CadreLevel.Division,
            var r when r < (organ ? 55 : 36) => CadreLevel.Section,
            _ => CadreLevel.General,
        });
        if (born > 1992 && cadre == CadreLevel.Division)
        {
            cadre = CadreLevel.Section;
        }

        var joined = new DateOnly(Math.Min(born + 21 + rng.Next(10), from.Year), 1 + rng.Next(12), 1 + rng.Next(28));
        var member = set.Add(set.Members, new Member
        {
            Name = DemoNames.Person(rng, female),
            Gender = female ? Gender.Female : Gender.Male,
            BirthYear = born,
            CadreLevel = cadre,
            JoinedPartyOn = joined,
            OrgUnitId = branch.Id,
            Status = MemberStatus.Full,
        }, (m, id) => m.Id = id);
        memberById[member.Id] = member;
        Assign(member, branch, from);
        return member;
    }

    private MemberAssignment Assign(Member member, OrgUnit unit, DateOnly from)
    {
        var a = set.Add(set.Assignments, new MemberAssignment { MemberId = member.Id, OrgUnitId = unit.Id, From = from }, (x, id) => x.Id = id);
        if (!assignmentsByUnit.TryGetValue(unit.Id, out var list))
        {
            assignmentsByUnit[unit.Id] = list = [];
        }

        list.Add(a);
        if (!assignmentsByMember.TryGetValue(member.Id, out var history))
        {
            assignmentsByMember[member.Id] = history = [];
        }

        history.Add(a);
        member.OrgUnitId = unit.Id;
        return a;
    }

    private void BuildMembers()
    {
        foreach (var branch in branches)
        {
            var organ = IsOrgan(branch);
            var size = organ ? 8 + rng.Next(20) : profile.CountyBranchSize.Min + rng.Next(profile.CountyBranchSize.Spread);
            for (var i = 0; i < size; i++)
            {
                NewMember(branch, RollStart);
            }
        }

        // Leadership: the municipal committee's members and each county committee's.
        var organBranches = branches.Where(IsOrgan).ToList();
        for (var i = 0; i < 7; i++)
        {
            var leader = NewMember(organBranches[i % 3], RollStart, CadreLevel.Division, 1966 + rng.Next(14));
            leader.AdministrativePost = AdministrativePost.BureauLeader;
            leaders.Add(leader);
            AddPost(leader, i == 0 ? municipal : organs, i == 0 ? BranchPost.Secretary : BranchPost.CommitteeMember, new DateOnly(2021, 6, 1));
        }

        foreach (var committee in counties)
        {
            var own = BranchesOf(committee);
            for (var i = 0; i < 4; i++)
            {
                var leader = NewMember(own[0], RollStart, i == 0 ? CadreLevel.Division : CadreLevel.Section, 1967 + rng.Next(15));
                leader.AdministrativePost = AdministrativePost.BureauLeader;
                leaders.Add(leader);
                AddPost(leader, committee, i == 0 ? BranchPost.Secretary : BranchPost.CommitteeMember, new DateOnly(2021, 9, 1));
            }
        }

        // A few probationary members join every year.
        for (var year = 2023; year <= today.Year; year++)
        {
            foreach (var branch in branches.Where(_ => rng.Next(100) < 18))
            {
                var from = new DateOnly(year, 1 + rng.Next(12), 1 + rng.Next(28));
                if (from <= today)
                {
                    var m = NewMember(branch, from, CadreLevel.General, 1996 + rng.Next(6));
                    m.JoinedPartyOn = from;
                    m.Status = today.DayNumber - from.DayNumber < 365 ? MemberStatus.Probationary : MemberStatus.Full;
                }
            }
        }
    }

    private void AddPost(Member member, OrgUnit unit, BranchPost post, DateOnly from, DateOnly? to = null)
    {
        var p = set.Add(set.Posts, new MemberPost { MemberId = member.Id, OrgUnitId = unit.Id, Post = post, From = from, To = to }, (p, id) => p.Id = id);
        if (!postsByUnit.TryGetValue(unit.Id, out var list))
        {
            postsByUnit[unit.Id] = list = [];
        }

        list.Add(p);
    }

    private List<MemberPost> PostsOf(int unitId) => postsByUnit.TryGetValue(unitId, out var list) ? list : [];

    private void BuildPosts()
    {
        foreach (var branch in branches)
        {
            // The committee is elected from the founding roll, not from members who join later.
            var roll = assignmentsByUnit[branch.Id].Where(a => a.From == RollStart).Select(a => memberById[a.MemberId])
                .Where(m => m.AdministrativePost != AdministrativePost.BureauLeader).ToList();
            // Committees are re-elected every three years; about one in eleven is overdue.
            var elected = rng.Next(100) < 9
                ? today.AddMonths(-(37 + rng.Next(24))).AddDays(-rng.Next(28))
                : today.AddMonths(-rng.Next(34)).AddDays(-rng.Next(28));
            branch.CommitteeElectedOn = elected;
            var from = elected < LedgerStart ? elected : RollStart;

            var seniors = roll.OrderByDescending(m => m.CadreLevel).ThenBy(m => m.BirthYear).ToList();
            var head = seniors[0];
            head.AdministrativePost = AdministrativePost.DepartmentHead;
            var deputy = seniors[1];
            deputy.AdministrativePost = AdministrativePost.DepartmentDeputy;

            // Most branches follow "一肩挑"; some do not, which the organisation page should flag.
            var secretary = rng.Next(100) < 88 ? head : seniors[Math.Min(2, seniors.Count - 1)];
            AddPost(secretary, branch, BranchPost.Secretary, from);
            if (roll.Count >= BranchStandards.CommitteeThreshold)
            {
                var rest = roll.Where(m => m != secretary && m != deputy).OrderBy(_ => rng.Next()).ToList();
                if (rng.Next(100) < 94)
                {
                    AddPost(secretary == deputy ? rest[^1] : deputy, branch, BranchPost.DisciplineCommissioner, from);
                }

                AddPost(rest[0], branch, BranchPost.OrganisationCommissioner, from);
                AddPost(rest[1], branch, BranchPost.PropagandaCommissioner, from);
                if (roll.Count >= 20)
                {
                    AddPost(rest[2], branch, BranchPost.CommitteeMember, from);
                }
            }
        }

        // Party-building instructors and liaisons (党建工作指导员、联络员) from the 党建工作科 go to county branches.
        var officeName = profile.OrganDepartments.First(d => d.StartsWith("党建工作", StringComparison.Ordinal));
        var office = branches.First(b => b.DepartmentName == officeName);
        var instructors = assignmentsByUnit[office.Id].Select(a => memberById[a.MemberId]).Take(4 * profile.Breadth).ToList();
        foreach (var (branch, i) in branches.Where(b => !IsOrgan(b)).Where((_, i) => i % 5 == 0).Select((b, i) => (b, i)))
        {
            AddPost(instructors[i % instructors.Count], branch, i % 2 == 0 ? BranchPost.Instructor : BranchPost.Liaison, new DateOnly(2022, 3, 1));
        }
    }

    private void BuildTemporaryBranches()
    {
        // Seven in the first half of 2023 (the seed: "成立7个临时党支部"), and a few since; a province as many
        // times more as it is larger. Committee members stay with their branch: only rank-and-file members are seconded.
        var postHolders = set.Posts.Select(p => p.MemberId).ToHashSet();
        var foundings = new List<DateOnly>();
        for (var i = 0; i < 7 * profile.Breadth; i++)
        {
            foundings.Add(new DateOnly(2023, 1 + rng.Next(6), 1 + rng.Next(28)));
        }

        for (var year = 2024; year <= today.Year; year++)
        {
            for (var k = 0; k < profile.Breadth; k++)
            {
                foundings.Add(new DateOnly(year, 2 + rng.Next(5), 1 + rng.Next(28)));
            }
        }

        for (var i = 0; i < foundings.Count; i++)
        {
            var founded = foundings[i];
            if (founded > today)
            {
                continue;
            }

            var committee = i % 3 == 0 ? organs : counties[i % counties.Count];
            var closed = founded.AddMonths(8 + rng.Next(8));
            var unit = AddUnit($"{Local(committee, DemoNames.TemporaryProjects[i % DemoNames.TemporaryProjects.Length])}临时党支部", OrgUnitType.Branch, committee);
            unit.IsTemporary = true;
            unit.FoundedOn = founded;
            unit.ClosedOn = closed < today ? closed : null;
            unit.CommitteeElectedOn = founded;
            TrackBranch(unit, committee, 0.93);

            // Members are seconded from the committee's branches for the project and return when it closes.
            var donors = BranchesOf(committee).Where(b => !b.IsTemporary).ToList();
            var secretaryNamed = false;
            for (var k = 0; k < 5 + rng.Next(5); k++)
            {
                var donor = donors[rng.Next(donors.Count)];
                var current = assignmentsByUnit[donor.Id]
                    .Where(a => a.To is null && a.From < founded && memberById[a.MemberId].AdministrativePost == AdministrativePost.None && !postHolders.Contains(a.MemberId))
                    .ToList();
                if (current.Count < 4)
                {
                    continue;
                }

                var move = current[rng.Next(current.Count)];
                var member = memberById[move.MemberId];
                move.To = founded.AddDays(-1);
                Assign(member, unit, founded);
                // The first seconded leads it; the first donor asked may have had too few members to spare.
                if (!secretaryNamed)
                {
                    AddPost(member, unit, BranchPost.Secretary, founded, unit.ClosedOn);
                    secretaryNamed = true;
                }

                if (unit.ClosedOn is { } end)
                {
                    assignmentsByUnit[unit.Id][^1].To = end;
                    Assign(member, donor, end.AddDays(1));
                }
            }
        }
    }

    private void BuildTransfersAndRetirements()
    {
        var permanent = branches.Where(b => !b.IsTemporary).ToList();
        var postHolders = set.Posts.Select(p => p.MemberId).ToHashSet();
        for (var year = 2023; year <= today.Year; year++)
        {
            foreach (var member in set.Members.ToList())
            {
                var roll = rng.Next(1000);
                if (member.AdministrativePost != AdministrativePost.None || member.Status == MemberStatus.Retired || postHolders.Contains(member.Id))
                {
                    continue;
                }

                var day = new DateOnly(year, 1 + rng.Next(12), 1 + rng.Next(28));
                var current = assignmentsByMember[member.Id].LastOrDefault(a => a.To is null);
                if (day > today || current is null || current.From >= day || member.OrgUnitId != current.OrgUnitId
                    || set.OrgUnits[current.OrgUnitId - 1].IsTemporary)
                {
                    continue;
                }

                if (roll < 35)
                {
                    var target = permanent[rng.Next(permanent.Count)];
                    if (target.Id != current.OrgUnitId)
                    {
                        current.To = day.AddDays(-1);
                        Assign(member, target, day);
                    }
                }
                else if (roll < 45 && member.BirthYear < 1967)
                {
                    current.To = day;
                    member.Status = MemberStatus.Retired;
                }
            }
        }
    }
}
