namespace PartyPortal.Data.DemoData;

/// <summary>Names for the demo bureau: realistic, fictional, and the same for the same seed.</summary>
internal static class DemoNames
{
    public const string Province = "东江省";
    public const string City = "江城市";
    public const string District = "滨江区";

    /// <summary>Surnames weighted roughly by how common they are (the first ones appear most).</summary>
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
        "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
    ];

    private static readonly string[] MaleGiven =
    [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫", "波", "宇", "浩",
        "建华", "建国", "志强", "志明", "海涛", "俊杰", "文博", "子轩", "浩然", "宇航", "晓东", "国庆", "振华", "立新", "永刚",
        "德明", "学军", "卫东", "红军", "少华", "家豪", "思远", "天佑", "一鸣", "子豪", "俊峰", "博文", "明轩", "嘉诚", "承泽",
    ];

    private static readonly string[] FemaleGiven =
    [
        "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "琳", "倩", "颖", "慧", "洁", "佳", "欣", "悦",
        "秀英", "桂英", "玉兰", "丽华", "晓燕", "海燕", "春梅", "雪梅", "婷婷", "欣怡", "雨桐", "梓涵", "诗涵", "思彤", "佳怡",
        "晓丽", "文静", "美玲", "丹丹", "莉莉", "晨曦", "若溪", "雅琪", "梦瑶", "紫萱", "可馨", "心怡", "语嫣", "安琪", "静怡",
    ];

    public static string Person(Random rng, bool female)
    {
        var s = rng.Next(100) < 70 ? Surnames[rng.Next(30)] : Surnames[rng.Next(Surnames.Length)];
        var given = female ? FemaleGiven : MaleGiven;
        return s + given[rng.Next(given.Length)];
    }

    /// <summary>The municipal bureau's own departments, each with a branch (市局机关).</summary>
    public static readonly string[] OrganDepartments =
    [
        "办公室", "法制科", "税政一科", "税政二科", "货物和劳务税科", "所得税科", "财产和行为税科", "社会保险费和非税收入科",
        "国际税务管理科", "纳税服务科", "征管和科技发展科", "大企业税收管理局", "收入核算科", "税收经济分析科", "财务管理科",
        "督察内审科", "考核考评科", "人事教育科", "党建工作科", "机关党委办公室", "纪检组", "信息中心", "12366纳税缴费服务中心",
        "机关服务中心", "离退休干部科", "税务干部学校", "电子税务管理中心",
    ];

    /// <summary>The inspection bureau (稽查局) has a general branch (党总支) over its branches.</summary>
    public static readonly string[] InspectionDepartments = ["第一稽查局", "第二稽查局", "第三稽查局", "稽查局综合科"];

    public static readonly string[] Counties =
    [
        District, "东湖区", "西山区", "南港区", "北塘区", "临溪县", "青石县", "云川县", "白沙市",
    ];

    public static readonly string[] CountyDepartments =
    [
        "办公室", "第一税务分局", "第二税务分局", "第三税务分局", "纳税服务股", "征收管理股", "税政股", "法制股",
        "社会保险费和非税收入股", "风险管理股", "稽查局", "机关综合", "离退休干部", "第四税务分局", "办税服务厅",
    ];

    /// <summary>A provincial bureau's own departments are 处 where a city's are 科 (法制科 → 法制处).</summary>
    public static string ProvincialDepartment(string department) =>
        department.EndsWith('科') ? department[..^1] + "处" : department;

    /// <summary>
    /// A province's county bureau with about 29 branches: more 税务分局 and the back-office departments a
    /// city's smaller county bureaus fold into 机关综合.
    /// </summary>
    public static readonly string[] ProvinceCountyDepartments =
    [
        .. CountyDepartments,
        "第五税务分局", "第六税务分局", "第七税务分局", "第八税务分局", "第九税务分局", "第十税务分局", "收入核算股",
        "财务管理股", "人事教育股", "督察内审股", "信息中心", "纳税服务中心", "第二办税服务厅", "税收经济分析股",
        "考核考评股", "社会保险费征收服务中心",
    ];

    /// <summary>The province's cities; the first is the capital, 江城市, whose counties are the municipal demo's.</summary>
    public static readonly string[] ProvinceCities =
    [
        City, "北湖市", "南屏市", "云岭市", "青岚市", "石湾市", "丰源市", "临港市", "梅岭市", "松川市", "安澜市",
    ];

    // Counties per city after the capital: 91, so the province has 100 county committees.
    private static readonly int[] CountiesPerCity = [10, 8, 9, 11, 9, 8, 10, 9, 8, 9];

    private static readonly string[] UrbanDistricts = ["城关区", "城东区", "城西区", "城南区", "城北区", "湖滨区", "江北区", "新城区", "高新区"];
    private static readonly string[] CountyHeads = ["临", "青", "云", "安", "永", "清", "平", "嘉", "长", "兴", "宁", "龙", "凤", "石", "桃", "双", "柳", "乐", "金", "松", "玉", "泰", "丰", "德"];
    private static readonly string[] CountyTails = ["溪", "川", "宁", "河", "阳", "禾", "远", "泉", "台", "门", "源", "峰", "江", "山", "和", "丰", "兴", "昌", "城", "林"];

    /// <summary>
    /// The province's ~100 county committees, city by city: two or three urban districts, then counties, the
    /// last of a larger city a county-level city. County names are unique in the province. Drawn from a fixed
    /// generator, not the demo's seed, so the province's map is the same whatever the seed.
    /// </summary>
    public static readonly IReadOnlyList<DemoCounty> ProvinceCounties = BuildProvinceCounties();

    private static List<DemoCounty> BuildProvinceCounties()
    {
        var rng = new Random(1949);
        var taken = new HashSet<string>(Counties.Concat(ProvinceCities).Select(c => c[..^1]));
        var stems = CountyHeads.SelectMany(h => CountyTails.Where(t => t != h).Select(t => h + t))
            .Where(s => !taken.Contains(s)).OrderBy(_ => rng.Next()).ToList();
        var list = Counties.Select(c => new DemoCounty(City, c, City + c)).ToList();
        var next = 0;
        for (var c = 1; c < ProvinceCities.Length; c++)
        {
            var city = ProvinceCities[c];
            var count = CountiesPerCity[c - 1];
            var districts = count >= 10 ? 3 : 2;
            foreach (var district in UrbanDistricts.OrderBy(_ => rng.Next()).Take(districts))
            {
                list.Add(new DemoCounty(city, district, city + district));
            }

            for (var k = districts; k < count; k++)
            {
                var name = stems[next++] + (k == count - 1 && count >= 9 ? "市" : "县");
                list.Add(new DemoCounty(city, name, city + name));
            }
        }

        return list;
    }

    public static readonly string[] TemporaryProjects =
    [
        "金税四期上线攻坚", "个人所得税汇算清缴专班", "社保费征管改革", "税费优惠政策直达快享", "重点税源企业服务专班",
        "出口退税提速专班", "数电发票推广", "稽查案件攻坚专案", "大型项目税收服务专班", "征管数字化转型",
    ];

    public static readonly string[] IndustryAssociations =
    [
        "江城市软件行业协会", "江城市建筑业协会", "江城市物流协会", "江城市餐饮行业协会", "江城市汽车流通协会",
        "江城市医药行业协会", "江城市房地产业协会", "江城市跨境电商协会", "江城市纺织服装行业协会", "江城市新能源产业协会",
        "江城市文化旅游协会", "江城市小微企业协会",
    ];

    public static readonly string[] Communities =
    [
        "滨江街道江岸社区", "滨江街道望湖社区", "东湖街道桂园社区", "西山街道枫林社区", "南港街道港湾社区", "北塘街道新村社区",
        "临溪镇中心社区", "青石镇兴业社区", "云川街道东门社区", "白沙街道沙洲社区",
    ];

    public static readonly string[] StudyTopicThemes =
    [
        "学习贯彻习近平新时代中国特色社会主义思想", "学习党的二十大报告", "学习《中国共产党章程》", "学习全国两会精神",
        "学习习近平总书记关于税收工作的重要论述", "学习《中国共产党纪律处分条例》", "学习习近平总书记关于作风建设的重要论述",
        "学习《中国共产党支部工作条例（试行）》", "学习中央经济工作会议精神", "学习习近平总书记“七一”重要讲话精神",
        "学习二十届中央纪委全会精神", "学习习近平总书记关于调查研究的重要论述",
    ];

    public static readonly string[] WarningEducationTitles =
    [
        "观看警示教育片《零容忍》", "观看警示教育片《持续发力 纵深推进》", "税务系统违纪违法典型案例通报学习",
        "参观廉政教育基地", "以案说纪：违规吃喝典型案例剖析", "“八小时以外”监督警示教育", "观看庭审直播接受警示教育",
    ];

    public static readonly string[] HonourNames =
    [
        "全国巾帼建功先进集体", "东江省巾帼文明岗", "东江省青年文明号", "全国税务系统先进集体", "东江省五一劳动奖章",
        "江城市优秀共产党员", "江城市先进基层党组织", "全省税务系统优秀党务工作者", "江城市三八红旗手", "全省纳税服务标兵",
        "江城市青年岗位能手", "全省税务系统业务能手", "江城市文明单位", "全国税务系统办税服务厅示范单位",
    ];
}
