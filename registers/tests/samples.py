"""A good row of every register over the shared `district` (conftest.py), for the tests that walk
every register the same way (test_every_register.py).

`row(n)` is the n-th distinct record of the register (its key changes with n, nothing else
needs to), written as a qingbo_admin fills the form or the template: 清波's employer and union,
dates of last year. `change` is an edit a person would make to it; `needs` are the registers whose
first sample row must exist first (an entry names its competition). A register declared without a
sample here fails the first test of test_every_register.py, which says to add one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from conftest import District, make_credit_code, make_id_number

YEAR = 2025


@dataclass(frozen=True)
class Sample:
    row: Callable[[District, int], dict[str, str]]
    change: dict[str, str]  # an edit of a column outside the key, still a good row
    needs: tuple[str, ...] = ()
    setup: Callable[[District], None] | None = None  # what the register's workflow needs besides rows


def scoring_tables(d: District) -> None:
    """A scoring table for each sample year, so an assessment's steps can score it."""
    from harmony.models import ScoringItem, ScoringTable

    for year in range(YEAR - 4, YEAR + 1):
        table, _ = ScoringTable.objects.get_or_create(year=year, defaults={"pass_mark": 10, "node": d.root})
        ScoringItem.objects.get_or_create(table=table, name="已建立工会", defaults={"source": "已建工会", "points": 10})


def person_id(n: int) -> str:
    """A valid 身份证号 per n, none of them the fixture's workers'."""
    return make_id_number(born=f"1985{(n % 12) + 1:02d}{(n % 28) + 1:02d}", seq=f"{700 + n % 300:03d}")


def employer(d: District) -> str:
    return d.qingbo_employer.credit_code


def unionless(d: District, n: int) -> str:
    """The 信用代码 of the n-th employer of 清波 without a union (made on first use): a founding
    founds one union per employer, so each sample founding needs its own."""
    from orgs.models import Employer, EmployerType

    code = make_credit_code(f"92330102MA2C{n:05d}")
    Employer.objects.get_or_create(credit_code=code, defaults={
        "name": f"清波样例{n}号商店", "employer_type": EmployerType.ENTERPRISE, "street": d.qingbo, "node": d.qingbo})
    return code


SAMPLES: dict[str, Sample] = {
    "orgs": Sample(lambda d, n: {
        "组织名称": f"清波样例{n}号企业工会", "组织类型": "基层工会", "上级组织": d.qingbo.name, "成立日期": "2020-01-01",
        "工会主席": "张样例", "联系电话": f"1390571{n:04d}"},
        change={"工会主席": "李改名"}),
    "employers": Sample(lambda d, n: {
        "统一社会信用代码": make_credit_code(f"91330102MA2C{n:05d}"), "单位名称": f"清波样例{n}号有限公司",
        "单位类型": "企业", "所属街道": "清波街道", "所属工会": d.qingbo_union.name, "行业": "制造业",
        "职工人数": "20", "女职工人数": "8"},
        change={"行业": "批发和零售业"}),
    "workers": Sample(lambda d, n: {
        "姓名": f"样例{n}", "身份证号": person_id(n), "所在单位": employer(d), "手机号": "13912345678",
        "是否会员": "是", "入会日期": "2021-03-01", "劳动合同": "已签订", "合同起始日期": "2021-01-01", "岗位": "技术员"},
        change={"岗位": "工程师"}),
    "competitions": Sample(lambda d, n: {
        "竞赛名称": f"清波样例{n}号技能竞赛", "年度": str(YEAR), "竞赛类型": "技能竞赛", "级别": "街道",
        "主办单位": d.qingbo.name, "开始日期": f"{YEAR}-05-01", "结束日期": f"{YEAR}-05-20", "参与人数": "30"},
        change={"协办单位": "清波街道团工委"}),
    "entries": Sample(lambda d, n: {
        "竞赛名称": "清波样例1号技能竞赛", "年度": str(YEAR), "大类": "电工", "项目": f"样例项目{n}",
        "姓名": d.qingbo_worker.name, "身份证号": d.qingbo_worker.id_number, "代表队": "清波队", "成绩": "90", "奖项": "金奖"},
        change={"成绩": "95"},
        needs=("competitions",)),
    "courses": Sample(lambda d, n: {
        "项目名称": f"清波样例{n}号培训", "培训类别": "技术培训", "主办单位": employer(d), "开始日期": f"{YEAR}-03-01",
        "结束日期": f"{YEAR}-03-05", "培训人次": "40"},
        change={"结束日期": f"{YEAR}-03-06"}),
    "attendance": Sample(lambda d, n: {
        "项目名称": "清波样例1号培训", "开始日期": f"{YEAR}-03-01", "姓名": f"样例{n}", "身份证号": person_id(n), "是否结业": "是"},
        change={"是否结业": "否"},
        needs=("courses",)),
    "certificates": Sample(lambda d, n: {
        "证书编号": f"ZS{YEAR}-{n:04d}", "姓名": f"样例{n}", "身份证号": person_id(n), "证书名称": "电工", "等级": "中级",
        "发证日期": f"{YEAR}-03-10", "培训项目": "清波样例1号培训", "培训开始日期": f"{YEAR}-03-01"},
        change={"等级": "高级"},
        needs=("courses",)),
    "proposals": Sample(lambda d, n: {
        "建议编号": f"JY{YEAR}-{n:04d}", "标题": f"改进排班{n}", "提出人": d.qingbo_worker.name,
        "提出人身份证号": d.qingbo_worker.id_number, "所在单位": employer(d), "提出日期": f"{YEAR}-04-01", "状态": "已提交"},
        change={"标题": "改进排班（修订）"}),
    "honours": Sample(lambda d, n: {
        "类型": "工人先锋号", "对象": f"样例{n}号班组", "所在单位": employer(d), "级别": "区级", "年度": str(YEAR)},
        change={"撤销年度": str(YEAR)}),
    "facilities": Sample(lambda d, n: {
        "类型": "职工书屋", "名称": f"样例{n}号书屋", "所在单位": employer(d), "级别": "区级", "建成日期": f"{YEAR}-06-01",
        "专项经费(万元)": "1.5"},
        change={"专项经费(万元)": "2.5"}),
    "meetings": Sample(lambda d, n: {
        "会议类型": "街道三方协调会议", "届次": str(n), "召开日期": f"{YEAR}-06-01", "召集组织": d.qingbo.name,
        "议题": "工资集体协商", "形成文件": "会议纪要"},
        change={"形成文件": "会议纪要；备忘录"}),
    "instructors": Sample(lambda d, n: {
        "姓名": f"样例{n}", "身份证号": person_id(n), "聘任日期": f"{YEAR}-01-01", "联系单位": d.qingbo.name},
        change={"聘任日期": f"{YEAR}-01-02"}),
    "contracts": Sample(lambda d, n: {
        "合同编号": f"HT{YEAR}-{n:04d}", "合同类型": "综合性集体合同", "签订方式": "新签", "签约单位": employer(d),
        "签订日期": f"{YEAR}-02-01", "期限(年)": "3", "覆盖职工人数": "10", "女职工人数": "4"},
        change={"女职工人数": "5"}),
    "mediation_orgs": Sample(lambda d, n: {
        "名称": f"清波样例{n}号调解委员会", "层级": "街道调解委员会", "所属组织或单位": d.qingbo.name, "成立日期": "2015-03-01"},
        change={"成立日期": "2016-03-01"}),
    "cases": Sample(lambda d, n: {
        "案件编号": f"{YEAR}劳调{n:04d}", "申请人": d.qingbo_worker.name, "申请人身份证号": d.qingbo_worker.id_number,
        "被申请单位": employer(d), "争议类型": "劳动报酬", "涉及人数": "1", "涉及金额(元)": "5000", "申请日期": f"{YEAR}-07-01",
        "调解组织": "清波样例1号调解委员会", "状态": "已申请"},
        change={"涉及金额(元)": "6000"},
        needs=("mediation_orgs",)),
    "inspections": Sample(lambda d, n: {
        "检查编号": f"JC{YEAR}-{n:04d}", "检查日期": f"{YEAR}-08-01", "被检查单位": employer(d), "监督组织": d.qingbo.name,
        "检查事项": "劳动合同；工资支付", "发现问题": "未按时发放加班费", "整改期限": f"{YEAR}-09-01", "整改结果": "已整改"},
        change={"发现问题": "未签订劳动合同"}),
    "assistance": Sample(lambda d, n: {
        "申请编号": f"BF{YEAR}-{n:04d}", "申请人": f"样例{n}", "身份证号": person_id(n),
        "救助类型": "职工急难救助", "申请日期": f"{YEAR}-09-01", "申请金额(元)": "3000", "状态": "已申请"},
        change={"申请金额(元)": "3500"}),
    "leads": Sample(lambda d, n: {
        "线索编号": f"XS{YEAR}-{n:04d}", "单位": employer(d), "类型": "欠薪", "来源": "职工来信",
        "发现日期": f"{YEAR}-10-01", "涉及人数": "12", "核实结果": "待核实"},
        change={"核实结果": "属实"}),
    "foundings": Sample(lambda d, n: {
        "组建编号": f"ZJ{YEAR}-{n:04d}", "拟建工会名称": f"清波样例{n}号商店工会", "组建形式": "单独建会",
        "涉及单位": unionless(d, n), "所属街道": "清波街道", "启动日期": f"{YEAR}-03-01", "状态": "筹建中"},
        change={"启动日期": f"{YEAR}-04-01"}),
    "assessments": Sample(lambda d, n: {
        "单位": employer(d), "年度": str(YEAR - n % 5), "申报级别": ("区级", "市级", "省级")[n // 5 % 3], "自评分": "88",
        "状态": "申报中"},
        change={"自评分": "90"},
        setup=scoring_tables),
    "members": Sample(lambda d, n: {
        "姓名": f"样例{n}", "身份证号": person_id(n), "所在工会": d.qingbo_union.name, "所在单位": employer(d),
        "入会日期": f"{YEAR}-03-01", "会籍状态": "在籍", "就业形态": "单位职工", "是否农民工": "否", "手机号": "13912345678"},
        change={"是否农民工": "是"}),
}
