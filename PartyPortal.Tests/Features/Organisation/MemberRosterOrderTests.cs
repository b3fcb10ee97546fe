using PartyPortal.Features.Organisation;
using PartyPortal.Model;
using PartyPortal.Tests.Support;

namespace PartyPortal.Tests.Features.Organisation;

/// <summary>A branch's roster in the order a Chinese reader looks for a name: by pinyin, not by code point.</summary>
public sealed class MemberRosterOrderTests : ServiceTestContext
{
    [Fact]
    public async Task ABranchRosterIsInPinyinOrder()
    {
        int branch;
        await using (var db = Database.CreateDbContext())
        {
            var root = await TestTree.AddUnitAsync(db, "市局党委", OrgUnitType.MunicipalCommittee, null);
            branch = (await TestTree.AddUnitAsync(db, "征收管理党支部", OrgUnitType.Branch, root)).Id;
            // By code point 张 (U+5F20) < 王 (U+738B) < 陈 (U+9648); by pinyin chen < song < wang < zhang.
            foreach (var name in new[] { "张三", "王五", "陈四", "宋六" })
            {
                db.Members.Add(new Member { Name = name, BirthYear = 1985, CadreLevel = CadreLevel.General, Gender = Gender.Male, OrgUnitId = branch });
            }

            await db.SaveChangesAsync(Ct);
        }

        var roster = await new MemberService(Database, Guard, Audit, Clock, Bus).ListAsync(TestUsers.PartyOffice, branch, Ct);

        Assert.Equal(["陈四", "宋六", "王五", "张三"], roster.Select(m => m.Name));
    }
}
