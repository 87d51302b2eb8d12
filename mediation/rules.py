"""The mediation rules that forms, imports, services and pages share (SPEC §3, §4).

Plain functions of a record and a date, so a test passes `today` and never waits a day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from orgs.models import GRASSROOTS, Employer, Org, OrgType

from .choices import CLOSED_STATES, OPEN_STATES, CaseStatus, MediationLevel

if TYPE_CHECKING:
    from .models import Case

#: 劳动争议调解仲裁法 §14: no agreement within 15 days of the application → arbitration may follow
TIME_LIMIT_DAYS = 15
#: how many days before the limit a case is flagged (the to-do list and the page)
WARN_DAYS = 5
ARBITRATION_NOTICE = (
    f"本案自调解组织收到申请之日（{{applied}}）起{TIME_LIMIT_DAYS}日内未达成调解协议，已超期：申请人可以依法向劳动人事争议仲裁委员会"
    "申请仲裁（《中华人民共和国劳动争议调解仲裁法》第十四条）。"
)
DUE_NOTICE = f"{TIME_LIMIT_DAYS}日调解期限至{{deadline}}，还剩{{left}}天；期满未达成调解协议的，申请人可以申请仲裁。"
FAILED_NOTICE = "本案调解不成功：申请人可以依法向劳动人事争议仲裁委员会申请仲裁（《中华人民共和国劳动争议调解仲裁法》第十四条）。"


# --- mediation organisations --------------------------------------------------------------------

def level_refusal(level: str, party: Employer | Org) -> str:
    """Why a mediation organisation of this 层级 cannot belong to this employer or org ("" if it can).

    A district committee sits with the district federation, a street committee with a street's,
    an enterprise group with an employer (or the grassroots union of one); a people's mediation
    organisation may be set up anywhere."""
    org_type = party.org_type if isinstance(party, Org) else None
    if level == MediationLevel.DISTRICT and org_type not in (OrgType.DISTRICT, OrgType.CITY):
        return "区级调解委员会应属于区总工会"
    if level == MediationLevel.STREET and org_type != OrgType.STREET:
        return "街道调解委员会应属于街道总工会"
    if level == MediationLevel.ENTERPRISE and not (isinstance(party, Employer) or org_type in GRASSROOTS):
        return "企业调解小组应属于单位或基层工会"
    return ""


# --- cases -------------------------------------------------------------------------------------

def deadline(applied_on: dt.date) -> dt.date:
    """The last day of the time limit counted from 申请日期 (the day after it is day 1)."""
    return applied_on + dt.timedelta(days=TIME_LIMIT_DAYS)


def applied_for_deadline(day: dt.date) -> dt.date:
    """The 申请日期 whose limit ends on `day` (deadline turned round, for a query: deadline(d) < day
    exactly when d < applied_for_deadline(day))."""
    return day - dt.timedelta(days=TIME_LIMIT_DAYS)


def is_overdue(case: Case, today: dt.date) -> bool:
    """Still open (已申请/已受理/调解中) after its time limit: 超期."""
    return case.status in OPEN_STATES and today > deadline(case.applied_on)


def days_left(case: Case, today: dt.date) -> int | None:
    """Days until the limit (negative once past) for an open case; None for a closed one."""
    return (deadline(case.applied_on) - today).days if case.status in OPEN_STATES else None


def notices(case: Case, today: dt.date) -> list[tuple[str, str]]:
    """What the case's page says above everything else, as (severity, text): 超期 and the way on
    to arbitration, or how many days of the limit are left."""
    if is_overdue(case, today):
        return [("bad", ARBITRATION_NOTICE.format(applied=f"{case.applied_on:%Y-%m-%d}"))]
    left = days_left(case, today)
    if left is not None and left <= WARN_DAYS:
        return [("warn", DUE_NOTICE.format(deadline=f"{deadline(case.applied_on):%Y-%m-%d}", left=left))]
    if case.status == CaseStatus.FAILED:
        return [("warn", FAILED_NOTICE)]
    return []


def page_notices(case: Case) -> list[tuple[str, str]]:
    """The notices as of today, for the record page (Register.notices)."""
    return notices(case, timezone.localdate())


def case_problems(case: Case) -> dict[str, list[str]]:
    """Each field's problems whatever the form, move or file: the dates' order (SPEC §3)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if case.accepted_on and case.applied_on and case.accepted_on < case.applied_on:
        add("accepted_on", "受理日期不能早于申请日期")
    if case.closed_on and case.applied_on and case.closed_on < case.applied_on:
        add("closed_on", "结案日期不能早于申请日期")
    elif case.closed_on and case.accepted_on and case.closed_on < case.accepted_on:
        add("closed_on", "结案日期不能早于受理日期")
    return errors


def case_requirements(case: Case) -> dict[str, list[str]]:
    """Beyond SPEC's rules (core.notices): what each state holds, and the mediation
    organisation's own dates. A form refuses them; an imported row keeps them as notices (a
    调解成功 case without 结案日期 is 逻辑检查 case.settled_without_date, SPEC §8)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    status = case.status
    if status in (CaseStatus.ACCEPTED, CaseStatus.MEDIATING) and not case.accepted_on:
        add("accepted_on", f"状态为“{status}”时须填写受理日期")
    if status in CLOSED_STATES and not case.closed_on:
        add("closed_on", f"状态为“{status}”时须填写结案日期")
    if status == CaseStatus.SUCCEEDED and case.agreed_amount is None:
        add("agreed_amount", "状态为“调解成功”时须填写协议金额（没有金额的填0）")
    org = case.mediation_org if case.mediation_org_id else None
    if org is not None and case.applied_on:
        if case.applied_on < org.founded_on:
            add("applied_on", f"申请日期早于调解组织“{org.name}”的成立日期（{org.founded_on:%Y-%m-%d}）")
        elif org.closed_on and case.applied_on > org.closed_on:
            add("applied_on", f"调解组织“{org.name}”已于{org.closed_on:%Y-%m-%d}撤销，不能受理此后的申请")
    return errors


def row_problems(case: Case) -> dict[str, list[str]]:
    """A row or form states a whole case: besides `case_problems`, what its state contradicts (a
    受理日期 on a case not yet accepted, a 结案日期 or 协议金额 on a case not closed that way).

    Not part of Model.clean: a move's form fills the new state's fields while the record still
    holds the old state, and the move then checks the result."""
    errors = contradictions(case)
    if errors:
        for field, messages in case_problems(case).items():
            errors.setdefault(field, []).extend(messages)
    return errors


def contradictions(case: Case) -> dict[str, list[str]]:
    """The fields a row fills that its state contradicts (beyond SPEC's rules, core.notices)."""
    errors: dict[str, list[str]] = {}
    status = case.status
    if status == CaseStatus.APPLIED and case.accepted_on:
        errors["accepted_on"] = ["案件尚未受理（状态为“已申请”），不能填写受理日期"]
    if status in OPEN_STATES and case.closed_on:
        errors["closed_on"] = [f"案件尚未结案（状态为“{status}”），不能填写结案日期"]
    if status != CaseStatus.SUCCEEDED and case.agreed_amount is not None:
        errors["agreed_amount"] = [f"只有调解成功的案件才有协议金额，本案状态为“{status}”"]
    return errors
