"""The vocabulary of 创建劳动关系和谐企业 (SPEC §9), which the models and the rules both speak."""

from django.db import models


class Level(models.TextChoices):
    """申报级别: 区级 is named by the district; 市级 and 省级 by the higher body on its recommendation."""

    DISTRICT = "区级", "区级"
    CITY = "市级", "市级"
    PROVINCE = "省级", "省级"


#: levels a higher body names: the district recommends, 已命名 records that body's 命名日期 and 文号
RECOMMENDED = (Level.CITY, Level.PROVINCE)


class Status(models.TextChoices):
    APPLIED = "申报中", "申报中"
    STREET_REVIEWED = "街道初审", "街道初审"  # the street has reviewed and scored it
    DISTRICT_REVIEWED = (
        "区总评审",
        "区总评审",
    )  # the district has reviewed and scored it: the decision waits
    NAMED = "已命名", "已命名"
    FAILED = "未通过", "未通过"
    REVOKED = "已撤销", "已撤销"


#: the steps that score an assessment: computed items and the score are frozen on each
SCORED_STEPS = (Status.STREET_REVIEWED, Status.DISTRICT_REVIEWED)
#: the decisions, which stand on the district's frozen score
DECISIONS = (Status.NAMED, Status.FAILED)
#: states whose assessment carries the honour 劳动关系和谐企业
HONOURED = (Status.NAMED, Status.REVOKED)


class Source(models.TextChoices):
    """How a scoring item is scored: a query over the registers, or by hand with evidence."""

    LABOUR_CONTRACTS = "劳动合同签订率", "劳动合同签订率（在职职工，达标线%）"
    COLLECTIVE_CONTRACT = "集体合同", "综合性（区域性、行业性）集体合同在有效期内"
    WAGE_AGREEMENT = "工资专项集体协议", "工资专项集体协议在有效期内"
    UNION = "已建工会", "已建立工会"
    MEMBERS_RATE = "入会率", "在职职工入会率（达标线%）"
    MEDIATION_ORG = "调解组织", "设有劳动争议调解组织"
    CASES = "调解案件扣分", "年度内被申请调解的劳动争议案件（每件扣分）"
    OVERDUE = "整改逾期扣分", "年度内整改逾期的法律监督检查（每次扣分）"
    MANUAL = "人工评分", "人工评分（须上传证明材料）"


#: sources compared with the item's 达标线 (percent)
RATE_SOURCES = (Source.LABOUR_CONTRACTS, Source.MEMBERS_RATE)
#: sources that deduct the item's points once per record found
DEDUCTIONS = (Source.CASES, Source.OVERDUE)
#: sources that hold or not
YES_NO = (Source.COLLECTIVE_CONTRACT, Source.WAGE_AGREEMENT, Source.UNION, Source.MEDIATION_ORG)
