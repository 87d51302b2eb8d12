"""The collective-contract rules that imports, pages, services and the to-do list share (SPEC §4).

Plain functions of a contract and a date, so a test passes `today` and never waits a day. Periods
are counted as the law counts them (民法典 §201): the day of signing or submission is not counted,
so "within 10 days of signing on 5 May" ends on 15 May, and the bureau's 15 days after a
submission on 5 May end on 20 May: the contract is in force from 21 May unless approved earlier.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .choices import SigningMode, Stage, Status

if TYPE_CHECKING:
    from .models import Contract

#: 《集体合同规定》§42: submitted to the labour bureau within 10 days of signing
SUBMIT_DAYS = 10
#: §47: in force when the bureau raises no objection within 15 days of receiving it
REVIEW_DAYS = 15
#: a contract shows as expiring this many days before its expiry
EXPIRY_WARNING_DAYS = 90
#: the period as the messages name it
SUBMIT_WITHIN = f"签订后{SUBMIT_DAYS}日内"


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def stage_of(contract: Contract) -> str:
    """The review step the recorded dates say the contract has reached."""
    if contract.signed_on is None:
        return Stage.DRAFT
    if contract.approved_on is not None:
        return Stage.APPROVED
    if contract.submitted_on is not None:
        return Stage.SUBMITTED
    return Stage.SIGNED


def submit_deadline(signed_on: dt.date) -> dt.date:
    """The last day to submit a contract signed on `signed_on` to the labour bureau (§42)."""
    return signed_on + dt.timedelta(days=SUBMIT_DAYS)


def review_ends(submitted_on: dt.date) -> dt.date:
    """The last day of the bureau's days to object to a contract submitted on `submitted_on` (§47)."""
    return submitted_on + dt.timedelta(days=REVIEW_DAYS)


def in_review_since(today: dt.date) -> dt.date:
    """The earliest 报送审查日期 whose review has not ended on `today` (review_ends turned round,
    for a query: review_ends(d) >= today exactly when d >= in_review_since(today))."""
    return today - dt.timedelta(days=REVIEW_DAYS)


def effective_on(contract: Contract) -> dt.date | None:
    """The day it takes effect: the day after the review days pass without objection, or the
    recorded 审查通过日期 when the bureau approved it sooner."""
    if contract.submitted_on is None:
        return None
    ends = review_ends(contract.submitted_on)
    passed = ends + dt.timedelta(days=1)
    return min(passed, contract.approved_on) if contract.approved_on else passed


def expires_on(contract: Contract) -> dt.date | None:
    """The first day it is no longer in force: 签订日期 + 期限 (SPEC §5)."""
    if contract.signed_on is None or not contract.term_years:
        return None
    return add_years(contract.signed_on, contract.term_years)


def contract_status(contract: Contract, today: dt.date) -> str:
    """草拟 / 已签订待报送 / 审查中 / 生效 / 即将到期 / 已到期 on `today` (what
    ContractQuerySet.with_status computes in the query)."""
    if contract.signed_on is None:
        return Status.DRAFT
    end = expires_on(contract)
    if end is not None and today >= end:
        return Status.EXPIRED
    if contract.submitted_on is None:
        return Status.TO_SUBMIT
    starts = effective_on(contract)
    if starts is None or today < starts:
        return Status.IN_REVIEW
    if end is not None and (end - today).days <= EXPIRY_WARNING_DAYS:
        return Status.EXPIRING
    return Status.IN_FORCE


def contract_errors(contract: Contract) -> dict[str, str]:
    """What is wrong with the contract's own fields (the links are checked where they resolve)."""
    errors: dict[str, str] = {}
    c = contract
    if c.signed_on is None:
        for name, label in (("submitted_on", "报送审查日期"), ("approved_on", "审查通过日期")):
            if getattr(c, name):
                errors[name] = f"合同尚未签订（签订日期为空），不能填写{label}"
    elif c.submitted_on and c.submitted_on < c.signed_on:
        errors["submitted_on"] = "报送审查日期不能早于签订日期"
    if c.approved_on and c.submitted_on and c.approved_on < c.submitted_on:
        errors["approved_on"] = "审查通过日期不能早于报送审查日期"
    renews_in_file = getattr(c, "_renews_in_file", False)
    if c.signing_mode == SigningMode.NEW and (c.renews_id or renews_in_file):
        errors["renews"] = "新签合同不能填写原合同编号；续签合同请把签订方式填为“续签”"
    elif c.renews_id and c.pk and c.renews_id == c.pk:
        errors["renews"] = "合同不能续签它自己"
    return errors


def contract_requirements(contract: Contract) -> dict[str, str]:
    """Beyond SPEC's rules (core.notices): counts and steps a well-kept contract has. A form
    refuses them; an imported row keeps them as notices (a contract renewed from one signed
    before the register was kept has no 原合同编号 to give)."""
    found: dict[str, str] = {}
    c = contract
    if c.covered_workers is not None and c.covered_workers < 1:
        found["covered_workers"] = "覆盖职工人数应大于0"
    if c.female_workers is not None and c.covered_workers is not None and c.female_workers > c.covered_workers:
        found["female_workers"] = "女职工人数大于覆盖职工人数"
    if c.signed_on and c.congress_passed_on and c.congress_passed_on > c.signed_on:
        found["congress_passed_on"] = "职代会通过日期晚于签订日期（合同草案应经职代会通过后签订）"
    if c.approved_on and not c.submitted_on:
        found["approved_on"] = "填写了审查通过日期，但没有报送审查日期"
    if c.signing_mode == SigningMode.RENEWAL and not (c.renews_id or getattr(c, "_renews_in_file", False)):
        found["renews"] = "续签合同没有填写原合同编号（被续签的那份合同）"
    return found


def beyond_parties(contract: Contract, parties: list[Any]) -> str:
    """逻辑检查 contract.covers_more (SPEC §8) on one contract: 覆盖职工人数 above the 职工人数 of
    its 签约单位 together ("" when it is not, or when a party has no 职工人数)."""
    counts = [party.headcount for party in parties]
    if not counts or None in counts or contract.covered_workers is None:
        return ""
    if contract.covered_workers <= (held := sum(counts)):
        return ""
    return (f"覆盖职工人数（{contract.covered_workers}）大于签约单位职工人数之和（{held}）"
            "（逻辑检查 contract.covers_more 会在上报前提示）")


def renewal_error(contract: Contract, original: Contract, renewed_by: str | None) -> str:
    """Why `contract` cannot renew `original` ("" if it can): a renewal follows the contract it
    renews, and one contract is renewed once."""
    if original.number == contract.number:
        return "合同不能续签它自己"
    if renewed_by and renewed_by != contract.number:
        return f"原合同已由合同 {renewed_by} 续签"
    if original.signed_on and contract.signed_on and contract.signed_on <= original.signed_on:
        return f"续签合同的签订日期应晚于原合同的签订日期（{original.signed_on:%Y-%m-%d}）"
    return ""


def notices(contract: Contract, today: dt.date | None = None) -> list[tuple[str, str]]:
    """What the record page says above the contract: its deadline or its expiry, (css, text)."""
    today = today or timezone.localdate()
    status = contract_status(contract, today)
    if status == Status.DRAFT:
        return [("", f"草拟：合同尚未签订。{SUBMIT_WITHIN}应报送劳动保障行政部门审查（《集体合同规定》第四十二条）。")]
    if status == Status.TO_SUBMIT:
        deadline = submit_deadline(contract.signed_on)
        left = (deadline - today).days
        when = f"还有 {left} 天" if left >= 0 else f"已逾期 {-left} 天"
        return [("bad" if left < 0 else "warn",
                 f"已签订待报送：应在 {deadline:%Y-%m-%d} 前报送劳动保障行政部门审查（{when}，《集体合同规定》第四十二条）。")]
    if status == Status.IN_REVIEW:
        return [("", f"审查中：{review_ends(contract.submitted_on):%Y-%m-%d} 前劳动保障行政部门未提出异议的，"
                     f"自 {effective_on(contract):%Y-%m-%d} 起生效（《集体合同规定》第四十七条）。")]
    last_day = expires_on(contract) - dt.timedelta(days=1)
    renewed = contract.renewals.exists() if contract.pk else False
    if status == Status.EXPIRING:
        return [("warn", f"即将到期：有效期至 {last_day:%Y-%m-%d}（还有 {(last_day - today).days + 1} 天）"
                         + ("，已续签。" if renewed else "，请及时组织续签。"))]
    if status == Status.EXPIRED:
        return [("" if renewed else "bad", f"已到期：有效期至 {last_day:%Y-%m-%d}" + ("，已续签。" if renewed else "，尚未续签。"))]
    return []
