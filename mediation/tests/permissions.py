"""The mediation URLs in the permission walk (core/tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.tests.matrix import READ_QINGBO


def _succeeded_case(d) -> dict:
    """A 调解成功 case of 清波示范科技有限公司's mediation group (node: 清波示范企业工会)."""
    from mediation.models import Case, CaseStatus, DisputeType, MediationLevel, MediationOrg

    org = MediationOrg.objects.create(name="清波示范科技有限公司劳动争议调解小组", level=MediationLevel.ENTERPRISE,
                                      employer=d.qingbo_employer, node=d.qingbo_union, founded_on=dt.date(2015, 1, 1))
    case = Case.objects.create(
        number="2024劳调00001", applicant="张清波", respondent_employer=d.qingbo_employer, dispute_type=DisputeType.PAY,
        applied_on=dt.date(2024, 3, 1), accepted_on=dt.date(2024, 3, 1), closed_on=dt.date(2024, 3, 8),
        status=CaseStatus.SUCCEEDED, agreed_amount=Decimal("3000"), matters="拖欠工资", terms="一次性支付",
        mediation_org=org, node=org.node,
    )
    return {"pk": case.pk, "fmt": "docx"}


MATRIX = {
    "mediation:agreement": ("get", lambda d: (_succeeded_case(d), ""), READ_QINGBO),
}
