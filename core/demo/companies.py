"""What employers are called and what they do: 字号 characters, kinds of company and shop with
their 行业 (GB/T 4754 门类) and typical posts, and the schools, health bodies, bureaus and social
organisations of a district."""

from __future__ import annotations

from dataclasses import dataclass

# Characters of a 字号 (trade name): two of them make 华盛, 恒达, 云启 …
BRAND = "华盛恒鑫达源泰新宏博创正信联和嘉瑞汇通远天海明安康优美锦云智启领航德金隆丰祥运朗诚越卓星辰晟峰腾飞凯润弘迅捷合众立易昌益"

# 行业 (GB/T 4754-2017 门类) as the employers register writes it
IT = "信息传输、软件和信息技术服务业"
TRADE = "批发和零售业"
FOOD = "住宿和餐饮业"
PROPERTY = "房地产业"
BUILD = "建筑业"
CULTURE = "文化、体育和娱乐业"
BUSINESS = "租赁和商务服务业"
LOGISTICS = "交通运输、仓储和邮政业"
MAKING = "制造业"
RESEARCH = "科学研究和技术服务业"
FINANCE = "金融业"
RESIDENT = "居民服务、修理和其他服务业"
HEALTH = "卫生和社会工作"
EDUCATION = "教育"
PUBLIC = "公共管理、社会保障和社会组织"

# Posts (岗位) by line of work
POSTS: dict[str, tuple[str, ...]] = {
    "it": ("软件工程师", "测试工程师", "产品经理", "运维工程师", "数据分析师", "UI设计师", "项目经理", "销售经理", "行政专员"),
    "trade": ("销售员", "店长", "收银员", "理货员", "采购员", "客服专员", "仓管员", "会计"),
    "food": ("厨师", "服务员", "领班", "前台接待", "客房服务员", "店长", "收银员", "帮厨"),
    "office": ("行政专员", "人事专员", "会计", "出纳", "客户经理", "咨询顾问", "设计师", "文案策划"),
    "build": ("施工员", "安全员", "资料员", "预算员", "电工", "木工", "项目经理", "监理员"),
    "logistics": ("快递员", "配送员", "驾驶员", "分拣员", "仓管员", "调度员", "网约配送员"),
    "making": ("操作工", "质检员", "机修工", "工艺员", "仓管员", "班组长", "设备管理员"),
    "service": ("物业管理员", "保安员", "保洁员", "维修工", "美发师", "家政服务员", "汽车维修工", "客服专员"),
    "finance": ("客户经理", "柜员", "风控专员", "理财经理", "会计"),
    "school": ("教师", "班主任", "教研组长", "保育员", "校医", "后勤管理员", "财务人员"),
    "health": ("医师", "主治医师", "护士", "护师", "药剂师", "检验技师", "收费员", "行政管理人员"),
    "agency": ("科员", "一级科员", "四级主任科员", "科长", "副科长", "办事员", "编外聘用人员"),
    "social": ("社工", "项目专员", "护理员", "培训讲师", "秘书长", "办公室主任"),
}


@dataclass(frozen=True)
class Kind:
    word: str  # 科技 → 杭州华盛科技有限公司
    industry: str
    posts: str  # key of POSTS


# Companies big enough to have a union of their own
COMPANY_KINDS: tuple[Kind, ...] = (
    Kind("科技", IT, "it"), Kind("网络科技", IT, "it"), Kind("信息技术", IT, "it"),
    Kind("数字科技", IT, "it"), Kind("软件", IT, "it"), Kind("电子商务", TRADE, "trade"),
    Kind("商贸", TRADE, "trade"), Kind("百货", TRADE, "trade"), Kind("医药连锁", TRADE, "trade"),
    Kind("酒店管理", FOOD, "food"), Kind("餐饮管理", FOOD, "food"), Kind("物业管理", PROPERTY, "service"),
    Kind("房地产开发", PROPERTY, "office"), Kind("建设工程", BUILD, "build"), Kind("装饰工程", BUILD, "build"),
    Kind("文化传媒", CULTURE, "office"), Kind("文化创意", CULTURE, "office"), Kind("旅游", BUSINESS, "office"),
    Kind("人力资源", BUSINESS, "office"), Kind("会展服务", BUSINESS, "office"), Kind("企业管理咨询", BUSINESS, "office"),
    Kind("物流", LOGISTICS, "logistics"), Kind("供应链管理", LOGISTICS, "logistics"), Kind("丝绸", MAKING, "making"),
    Kind("食品", MAKING, "making"), Kind("服饰", MAKING, "making"), Kind("生物科技", RESEARCH, "it"),
    Kind("工程设计", RESEARCH, "office"), Kind("检测技术", RESEARCH, "office"), Kind("资产管理", FINANCE, "finance"),
    Kind("健康管理", HEALTH, "service"), Kind("家政服务", RESIDENT, "service"), Kind("汽车服务", RESIDENT, "service"),
)

# Small firms in an office building (楼宇联合工会)
OFFICE_KINDS: tuple[Kind, ...] = tuple(k for k in COMPANY_KINDS if k.posts in ("it", "office", "finance"))

# Shops and small firms of a neighbourhood (社区联合工会); a shop is a 个体工商户 (credit code 92…)
SHOP_KINDS: tuple[Kind, ...] = (
    Kind("便利店", TRADE, "trade"), Kind("面馆", FOOD, "food"), Kind("餐馆", FOOD, "food"),
    Kind("小吃店", FOOD, "food"), Kind("茶叶店", TRADE, "trade"), Kind("水果店", TRADE, "trade"),
    Kind("理发店", RESIDENT, "service"), Kind("美容院", RESIDENT, "service"), Kind("花店", TRADE, "trade"),
    Kind("五金店", TRADE, "trade"), Kind("服装店", TRADE, "trade"), Kind("眼镜店", TRADE, "trade"),
    Kind("洗衣店", RESIDENT, "service"), Kind("汽车美容店", RESIDENT, "service"), Kind("药房", TRADE, "trade"),
    Kind("书店", CULTURE, "trade"), Kind("茶馆", FOOD, "food"), Kind("快餐店", FOOD, "food"),
)

# 行业联合工会: the trades that organise one per street, and the kinds of employer each covers
TRADE_UNIONS: dict[str, tuple[Kind, ...]] = {
    "餐饮": tuple(k for k in SHOP_KINDS if k.industry == FOOD),
    "商贸": tuple(k for k in SHOP_KINDS if k.industry == TRADE),
    "美容美发": (Kind("理发店", RESIDENT, "service"), Kind("美容院", RESIDENT, "service")),
    "快递物流": (Kind("快递服务", LOGISTICS, "logistics"), Kind("物流", LOGISTICS, "logistics"),
             Kind("网约配送", LOGISTICS, "logistics")),
    "家政服务": (Kind("家政服务", RESIDENT, "service"), Kind("保洁服务", RESIDENT, "service")),
}

# Social organisations: (name ending, 机构类别码 after the 5 of 民政: 1 社会团体, 2 民办非企业单位)
SOCIAL_KINDS: tuple[tuple[str, str, str], ...] = (
    ("商会", "1", PUBLIC), ("行业协会", "1", PUBLIC), ("志愿者协会", "1", PUBLIC), ("文化促进会", "1", PUBLIC),
    ("社会工作服务中心", "2", PUBLIC), ("养老服务中心", "2", HEALTH), ("培训学校", "2", EDUCATION),
    ("青少年服务中心", "2", PUBLIC),
)

# 系统工会 directly under a district: (name after the district, what its grassroots unions are)
SYSTEM_UNIONS: tuple[tuple[str, str], ...] = (
    ("教育系统工会", "school"), ("卫生健康系统工会", "health"), ("机关工会", "agency"),
)
SYSTEM_SHARE = {"school": 0.45, "health": 0.25, "agency": 0.30}

SCHOOL_STEMS = (
    "清泰", "胜利", "天长", "崇文", "采荷", "凯旋", "春芽", "景华", "钱江", "复兴", "海潮", "金都",
    "育才", "建兰", "惠兴", "开元", "行知", "青蓝", "笕桥", "彭埠", "九堡", "濮家", "丁兰", "新城",
    "城东", "江滨", "紫金", "秋涛", "澎博", "南肖埠", "夏衍", "大成", "明德", "求知", "文澜", "星海",
)
SCHOOL_KINDS = ("小学", "小学", "实验小学", "中学", "初级中学", "幼儿园", "幼儿园", "实验幼儿园")
HEALTH_BODIES = (
    "人民医院", "中医院", "妇幼保健院", "疾病预防控制中心", "卫生健康监督所", "精神卫生中心",
    "康复医院", "口腔医院", "中西医结合医院", "第二人民医院", "急救站", "皮肤病防治所",
)
BUREAUS = (
    "财政局", "教育局", "卫生健康局", "人力资源和社会保障局", "市场监督管理局", "民政局", "司法局",
    "住房和城乡建设局", "商务局", "文化和广电旅游体育局", "科学技术局", "统计局", "应急管理局",
    "退役军人事务局", "医疗保障局", "审计局", "发展和改革局", "人民政府办公室", "城市管理局", "农业农村局",
)
