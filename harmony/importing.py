"""Import rules of the assessment register (SPEC §9): the 单位, the owning node, the states a row may
hold, the workflow history of what a file or form wrote, and the honour of an imported 已命名 row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from orgs.refs import Lookups, Ref
from workflows.models import Transition, Via

from .models import Assessment
from .rules import STEP_ONLY_ON_PAGE
from .services import link_imported_honours

if TYPE_CHECKING:
    from accounts.models import User

_NODES = "_harmony_employer_nodes"  # on the import's Lookups: employer id → its node id


def _employer_nodes(lookups: Lookups) -> dict[int, int]:
    nodes = lookups.__dict__.get(_NODES)
    if nodes is None:
        nodes = {e.pk: e.node_id for e in lookups._employers[0].values()}
        lookups.__dict__[_NODES] = nodes
    return nodes


def _find_employer_ids(lookups: Lookups, text: str) -> list[int]:
    """An employer of the subtree (信用代码 or exact name), as its id: the key compares ids, so the
    records of the file's keys are found without reading their employers again."""
    return [employer.pk for employer in lookups.employers(text)]


EMPLOYER_ID = Ref("单位", _find_employer_ids, "请改填统一社会信用代码")

#: the scores a review step froze: an import or an edit leaves them as they were given
FROZEN_SCORES = {"street_score": "街道初审分", "district_score": "区总评审分"}


def prepare_assessment(assessment: Assessment, before: Assessment | None, ctx: Any) -> None:
    node_id = _employer_nodes(ctx.lookups).get(assessment.employer_id)
    if node_id is None:
        raise ValidationError({"employer_id": "必填，不能为空"})
    assessment.node_id = node_id
    if before is None:
        ctx.events.append(
            (
                "new",
                (assessment.employer_id, assessment.year, assessment.level),
                "",
                assessment.status,
            )
        )
        return
    if assessment.status != before.status:
        raise ValidationError({"status": STEP_ONLY_ON_PAGE})
    if before.honour_id is not None:
        for field, label in (("named_on", "命名日期"), ("revoked_on", "撤销日期")):
            if getattr(assessment, field) != getattr(before, field):
                raise ValidationError({field: f"命名表彰记录已按原{label}写入，{label}不能再修改"})
    scored = set(before.steps.values_list("step", flat=True)) if before.pk else set()
    for field, label in FROZEN_SCORES.items():
        step = "街道初审" if field == "street_score" else "区总评审"
        if step in scored and getattr(assessment, field) != getattr(before, field):
            raise ValidationError({field: f"{label}已在{step}时按评分表冻结，不能修改"})


def after_write(plan: Any, user: User, tag: str, when: Any) -> None:
    """The first line of each new record's workflow history (who, when, the import's tag), and the
    honour of each new 已命名 or 已撤销 record."""
    keys = {key: state for kind, key, _, state in plan.events if kind == "new"}
    if not keys:
        return
    found = Assessment.objects.filter(
        employer_id__in={k[0] for k in keys}, year__in={k[1] for k in keys}
    )
    ids = {
        (a.employer_id, a.year, a.level): a.pk
        for a in found.only("pk", "employer_id", "year", "level")
    }
    content_type = ContentType.objects.get_for_model(Assessment)
    actor = user if getattr(user, "pk", None) else None
    via = Via.IMPORT if tag.startswith("导入") else Via.PAGE
    Transition.objects.bulk_create(
        [
            Transition(
                content_type=content_type,
                object_id=ids[key],
                from_state="",
                to_state=state,
                user=actor,
                username=user.username,
                at=when,
                reason=tag if via == Via.IMPORT else "",
                via=via,
            )
            for key, state in keys.items()
            if key in ids
        ],
        batch_size=1000,
    )
    link_imported_honours(
        Assessment.objects.filter(pk__in=[ids[k] for k in keys if k in ids]), user=actor
    )
