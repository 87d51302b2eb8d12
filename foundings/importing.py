"""Import rules of the founding register (SPEC §7): the owning street, the 涉及单位, the name of
the union to be, legal state changes, and what an imported 已成立 row does to the tree.

The engine's bulk writer writes a founding's own columns; `after_write` then sets its 涉及单位 (a
many-to-many, following the stored `unit_codes`), records the workflow moves and, for each row
that comes in as 已成立 or moves there, links the org of that name when it exists, else creates it,
and puts the employers under it (establishing.py), in the import's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from core.bulk import History
from core.declarations import Plan
from orgs.models import Employer
from registers.importing import ImportContext
from workflows.services import check_import_move, record_import_moves

from .choices import Status
from .establishing import establish, linkable
from .models import Founding, FoundingUnit
from .rules import NAME_TAKEN, SETTLED, SETTLED_FIELDS, UNION_TYPE, unit_refusal

if TYPE_CHECKING:
    from accounts.models import User

ESTABLISH = "establish"  # the event of a row that brings its union into being


def prepare_founding(founding: Founding, before: Founding | None, ctx: ImportContext) -> None:
    """The node is the 所属街道, which must lie in the user's subtree; the 涉及单位 give
    `unit_codes` and must be the street's employers without a union; the name must be new unless
    the row is 已成立 (then it links that org); a founding that founded its union keeps what the
    union stands on; a state change must be a legal move."""
    street = founding.street if founding.street_id else None
    if street is not None:
        if not ctx.lookups.in_scope(street.path):
            raise ValidationError({"street": "在您的管辖范围内找不到这个街道"})
        founding.node_id = street.pk
    errors: dict[str, list[str]] = {}
    units: list[Employer] = []
    if "unit_list" in ctx.present:
        units = founding.unit_list  # type: ignore[attr-defined]
        codes = [u.credit_code for u in units]
        if repeated := sorted({u.name for u in units if codes.count(u.credit_code) > 1}):
            errors.setdefault("unit_codes", []).append(f"涉及单位重复：{'、'.join(repeated)}")
        founding.unit_codes = "；".join(dict.fromkeys(codes))
        ctx.events.append(("units", founding.number, "", tuple(dict.fromkeys(u.pk for u in units))))
    if before is not None and before.status == Status.ESTABLISHED:
        changed = [
            label
            for name, label in SETTLED_FIELDS.items()
            if getattr(founding, name) != getattr(before, name)
        ]
        if changed:
            raise ValidationError({"__all__": SETTLED.format("、".join(changed))})
        founding.union_id = before.union_id
        check_import_move(founding, before, ctx)
        return
    entering = founding.status == Status.ESTABLISHED  # a new 已成立 row, or 筹建中 → 已成立
    union = ctx.lookups.orgs_by_name.get(founding.name) if founding.name else None
    taken = union if union is not None else _named_anywhere(ctx, founding.name)
    if entering and union is not None and street is not None and founding.form:
        if refusal := linkable(union, street=street, org_type=UNION_TYPE[founding.form]):
            errors.setdefault("name", []).append(refusal)
    elif entering and taken is not None and union is None:
        errors.setdefault("name", []).append(NAME_TAKEN.format(founding.name))
    elif (
        not entering
        and founding.status == Status.PREPARING
        and taken is not None
        and (before is None or before.name != founding.name or before.status != Status.PREPARING)
    ):
        errors.setdefault("name", []).append(NAME_TAKEN.format(founding.name))
    # A stopped founding is history, and an unchanged one re-imports as it is (its export): their
    # employers may have found a union since; the record page says so (registers.notices).
    if founding.status != Status.STOPPED and (
        entering
        or before is None
        or before.unit_codes != founding.unit_codes
        or before.status != founding.status
    ):
        union_id = union.pk if entering and union is not None else None
        for unit in units:
            union_name = (
                ctx.lookups.orgs[unit.union_id].name if unit.union_id in ctx.lookups.orgs else ""
            )
            street_name = (
                ctx.lookups.orgs[unit.street_id].short_name()
                if unit.street_id in ctx.lookups.orgs
                else ""
            )
            if refusal := unit_refusal(unit, founding.street_id, union_id, union_name=union_name):
                errors.setdefault("unit_codes", []).append(
                    refusal.replace("另一街道", street_name or "另一街道")
                )
    if errors:
        raise ValidationError(errors)
    check_import_move(founding, before, ctx)
    if entering:
        ctx.events.append((ESTABLISH, founding.number, "", ""))


def _named_anywhere(ctx: ImportContext, name: str) -> object | None:
    """An org of that name anywhere in the tree (org names are unique tree-wide): a new union
    cannot take it, whoever holds it."""
    if not name:
        return None
    return next((o for o in ctx.lookups.orgs.values() if o.name == name), None)


def set_units(units: dict[int, tuple[int, ...]]) -> None:
    """Make each founding's 涉及单位 exactly these employers (one query to read, one to delete and
    one to insert, whatever the number of foundings)."""
    if not units:
        return
    link = FoundingUnit
    current: dict[int, set[int]] = {pk: set() for pk in units}
    ids = list(units)
    for start in range(0, len(ids), 1000):
        for founding_id, employer_id in link.objects.filter(
            founding_id__in=ids[start : start + 1000]
        ).values_list("founding_id", "employer_id"):
            current[founding_id].add(employer_id)
    changed = [pk for pk, wanted in units.items() if current[pk] != set(wanted)]
    for start in range(0, len(changed), 1000):
        link.objects.filter(founding_id__in=changed[start : start + 1000]).delete()
    link.objects.bulk_create(
        [link(founding_id=pk, employer_id=e) for pk in changed for e in units[pk]], batch_size=1000
    )


def after_founding_write(plan: Plan, user: User, tag: str, when: dt.datetime) -> None:
    """After the rows: the workflow's Transition rows, the 涉及单位, and the unions of the rows
    that came in as 已成立 (linked or created, their employers put under them)."""
    record_import_moves(plan.register, plan, user, tag, when)
    units = {key: ids for kind, key, _, ids in plan.events if kind == "units"}
    founding_ids = (
        dict(Founding.objects.filter(number__in=list(units)).values_list("number", "pk"))
        if units
        else {}
    )
    set_units({founding_ids[key]: ids for key, ids in units.items() if key in founding_ids})
    numbers = [key for kind, key, _, _ in plan.events if kind == ESTABLISH]
    history = History(Founding)
    for founding in Founding.objects.filter(number__in=numbers).order_by("number"):
        union = establish(founding, user=user, link_existing=True)
        Founding.objects.filter(pk=founding.pk).update(union=union)
        # A history row of its own, just after the import's: the union it founded. The import's
        # undo then refuses (a later change), since it could not take the union and the moved
        # employers back with the rows.
        history.copy_from_table(
            [founding.pk],
            kind="~",
            reason=f"{union.name}成立（{tag}）",
            when=when + dt.timedelta(microseconds=1),
            user_id=user.pk,
        )


def sync_units(founding_ids: Iterable[int]) -> None:
    """Rebuild the many-to-many from the stored 涉及单位 (after an undo restored `unit_codes`)."""
    rows = list(Founding.objects.filter(pk__in=list(founding_ids)).values_list("pk", "unit_codes"))
    codes = {code for _, text in rows for code in text.split("；") if code}
    employer_ids = dict(
        Employer.objects.filter(credit_code__in=codes).values_list("credit_code", "pk")
    )
    set_units(
        {
            pk: tuple(employer_ids[c] for c in text.split("；") if c in employer_ids)
            for pk, text in rows
        }
    )
