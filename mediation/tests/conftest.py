"""Mediation fixtures on the shared district: committees of both streets and 清波's enterprise group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from mediation.models import Case, CaseStatus, DisputeType, MediationLevel, MediationOrg
from orgs.models import Org


@dataclass
class Mediation:
    district: MediationOrg  # 上城区劳动人事争议调解委员会 (the root's)
    qingbo: MediationOrg  # 清波街道劳动争议调解委员会
    qingbo_group: MediationOrg  # 清波示范科技有限公司劳动争议调解小组 (node: 清波示范企业工会)
    hubin: MediationOrg  # 湖滨街道劳动争议调解委员会


def make_case(org: MediationOrg, respondent: Any, **fields: Any) -> Case:
    values = {
        "number": "2024劳调00001", "applicant": "张清波", "dispute_type": DisputeType.PAY,
        "applied_on": dt.date(2024, 3, 1), "status": CaseStatus.APPLIED, "amount": Decimal("12000.00"),
    }
    values.update(fields)
    party = {"respondent_org": respondent} if isinstance(respondent, Org) else {"respondent_employer": respondent}
    case = Case(mediation_org=org, node_id=org.node_id, **party, **values)
    case.full_clean()
    case.save()
    return case


@pytest.fixture
def mediation(district) -> Mediation:
    def org(name: str, level: str, node: Any, **party: Any) -> MediationOrg:
        return MediationOrg.objects.create(name=name, level=level, node=node, founded_on=dt.date(2015, 1, 1), **party)

    return Mediation(
        district=org("上城区劳动人事争议调解委员会", MediationLevel.DISTRICT, district.root, org=district.root),
        qingbo=org("清波街道劳动争议调解委员会", MediationLevel.STREET, district.qingbo, org=district.qingbo),
        qingbo_group=org("清波示范科技有限公司劳动争议调解小组", MediationLevel.ENTERPRISE, district.qingbo_union,
                         employer=district.qingbo_employer),
        hubin=org("湖滨街道劳动争议调解委员会", MediationLevel.STREET, district.hubin, org=district.hubin),
    )


@pytest.fixture
def succeeded_case(district, mediation) -> Case:
    """A 调解成功 case of 清波's enterprise group, with its agreement filled in."""
    return make_case(
        mediation.qingbo_group, district.qingbo_employer, number="2024劳调00007", applicant="张清波",
        applicant_id_number=district.qingbo_worker.id_number, worker=district.qingbo_worker,
        status=CaseStatus.SUCCEEDED, accepted_on=dt.date(2024, 3, 2), closed_on=dt.date(2024, 3, 12),
        amount=Decimal("12345.00"), agreed_amount=Decimal("10005.50"),
        matters="申请人称被申请单位拖欠其2023年10月至12月工资共计12,345元，请求支付。",
        terms="一、被申请单位于2024年3月31日前一次性支付申请人工资10,005.50元。\n二、双方就本争议再无其他纠纷。",
    )
