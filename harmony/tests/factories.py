"""What the harmony tests build: a scoring table of every computed kind, assessments in any state
(reached through the real steps), and the records the computed items read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from harmony.choices import Source, Status
from harmony.models import Assessment, ScoringItem, ScoringTable
from workflows.services import move

YEAR = 2024
DAY = dt.date(2024, 3, 1)

#: name, source, points, threshold: every computed kind, and one manual item
ITEMS = [
    ("劳动合同签订率达标", Source.LABOUR_CONTRACTS, "20", "90"),
    ("集体合同有效", Source.COLLECTIVE_CONTRACT, "15", None),
    ("工资专项集体协议有效", Source.WAGE_AGREEMENT, "15", None),
    ("已建立工会", Source.UNION, "10", None),
    ("入会率达标", Source.MEMBERS_RATE, "10", "60"),
    ("设有调解组织", Source.MEDIATION_ORG, "10", None),
    ("被申请调解案件", Source.CASES, "5", None),
    ("整改逾期", Source.OVERDUE, "10", None),
    ("职工满意度", Source.MANUAL, "20", None),
]


def scoring_table(district, year: int = YEAR, passing: str = "40") -> ScoringTable:
    table = ScoringTable.objects.create(year=year, pass_mark=Decimal(passing), node=district.root)
    for position, (name, source, points, threshold) in enumerate(ITEMS, start=1):
        ScoringItem.objects.create(
            table=table,
            position=position,
            name=name,
            source=source,
            points=Decimal(points),
            threshold=None if threshold is None else Decimal(threshold),
        )
    return table


def assessment(district, *, employer=None, level: str = "区级", year: int = YEAR) -> Assessment:
    employer = employer or district.qingbo_employer
    return Assessment.objects.create(
        employer=employer, year=year, level=level, self_score=Decimal(90), node=employer.node
    )


#: the steps to each state from 申报中, with what each asks for
ROUTE = {
    Status.APPLIED: [],
    Status.STREET_REVIEWED: [Status.STREET_REVIEWED],
    Status.DISTRICT_REVIEWED: [Status.STREET_REVIEWED, Status.DISTRICT_REVIEWED],
    Status.NAMED: [Status.STREET_REVIEWED, Status.DISTRICT_REVIEWED, Status.NAMED],
    Status.FAILED: [Status.STREET_REVIEWED, Status.DISTRICT_REVIEWED, Status.FAILED],
    Status.REVOKED: [
        Status.STREET_REVIEWED,
        Status.DISTRICT_REVIEWED,
        Status.NAMED,
        Status.REVOKED,
    ],
}


def changes_for(to: str) -> dict:
    if to == Status.NAMED:
        return {"named_on": dt.date(2025, 1, 20), "named_doc": "上总〔2025〕3号"}
    if to == Status.REVOKED:
        return {"revoked_on": dt.date(2025, 9, 1), "revoke_reason": "发生集体劳动争议"}
    return {}


def reach(record: Assessment, state: str, user) -> Assessment:
    """Move the record to `state` by the real steps, as `user` (the district may make them all)."""
    for to in ROUTE[state]:
        record = move(
            record,
            to,
            user=user,
            reason="未达标" if to == Status.FAILED else "",
            changes=changes_for(to),
        )
    return record
