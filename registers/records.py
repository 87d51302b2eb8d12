"""One record of a register written from a page form, checked exactly as an import row is.

A form posts the register's cells as text; `check_record` runs them through the import's planner
as a one-row file (same parsers, name resolution in the user's subtree, validators and rules), so
a page can never accept what an import would refuse, nor the other way round."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record
from core.declarations import Column, Plan, Problem, Register
from core.records import Conflict as Conflict
from core.records import changes_between, locked_at_version, save_with_history, snapshot
from core.records import version_of as version_of

from .importing import plan_import
from .reading import Table, blank
from .services import export_rows

if TYPE_CHECKING:
    from accounts.models import User

# Conflict and version_of (core.records) are the one version check of every edit page
PAGE_TAG = "页面"  # the history reason and after_write tag of a record written from a page


def cells_of(register: Register, record: models.Model, *, user: User) -> dict[str, Any]:
    """The record's cells as its export writes them (unmasked): a form's initial values. Read
    through the register's queryset, which may annotate what a column shows (an org's parent)."""
    queryset = register.queryset(user).filter(pk=record.pk)
    row = next(export_rows(register, queryset, masked=False), None) or []
    return dict(zip(register.headers, row, strict=False))


def check_record(
    register: Register, user: User, cells: dict[str, Any], *, editing: models.Model | None = None,
) -> tuple[Any, Plan]:
    """(the checked instance or None, the plan with its problems)."""
    if all(blank(v) for v in cells.values()):
        # a file skips a blank line; a form sent blank is told what it must hold
        return None, Plan(register, problems=[Problem(2, c.name, "", "必填，不能为空") for c in register.columns if c.required])
    table = Table(header=list(cells), body=[list(cells.values())], total=1)
    plan = plan_import(register, table, user, editing=editing, form=True)
    if not plan.ok:
        return None, plan
    if editing is not None:
        return (plan.updates[0] if plan.updates else editing), plan  # the same record, changed or not
    if plan.creates:
        return plan.creates[0], plan
    # the key names an existing record: a form creates, it never overwrites
    plan.problems.append(key_taken(register, cells))
    return None, plan


def key_taken(register: Register, cells: dict[str, Any], *, another: bool = False) -> Problem:
    """The key's cells name an existing record: said with the values, as the user typed them."""
    key = "、".join(f"{c.name}为“{cells.get(c.name) or ''}”" for c in register.columns if c.target in register.key_fields)
    if another:
        return Problem(2, "", "", f"已有{key}的另一条{register.label}记录")
    return Problem(2, "", "", f"已有{key}的{register.label}记录，请在该记录的页面上编辑")


def _require_writer(user: User) -> None:
    if not user.writes_business_data:
        raise PermissionDenied("您的角色无权修改业务数据。")


def _key_taken(register: Register, instance: models.Model) -> bool:
    lookup = {f: getattr(instance, f) for f in register.key_fields}
    return register.model._default_manager.filter(**lookup).exclude(pk=instance.pk).exists()


@transaction.atomic
def save_record(
    register: Register, user: User, cells: dict[str, Any], *, editing: models.Model | None = None,
    version: str = "", request: Any = None,
) -> tuple[Any, list[Problem]]:
    """Create (editing None) or update a record from form cells: (record, []) or (None, problems).

    An edit whose `version` no longer matches the stored record is refused with Conflict: someone
    else saved it in between, and overwriting their change silently would lose it."""
    _require_writer(user)
    if editing is not None:
        editing = locked_at_version(editing, version)
    before = snapshot(editing) if editing is not None else None
    instance, plan = check_record(register, user, cells, editing=editing)
    if instance is None:
        return None, plan.problems
    if editing is not None and instance is editing and not plan.updates:
        return editing, []
    if _key_taken(register, instance):
        return None, [key_taken(register, cells, another=editing is not None)]
    try:
        with transaction.atomic():
            save_with_history(instance, user=user, reason=PAGE_TAG)
    except (IntegrityError, ValidationError):
        # another request saved the same key since the check (a double click on 保存): its
        # record stands, and this one is the form again saying so
        if editing is None and (problems := check_record(register, user, cells)[1].problems):
            return None, problems
        if editing is not None and _key_taken(register, instance):
            return None, [key_taken(register, cells, another=True)]
        raise
    if register.after_write is not None:
        plan.creates = [instance] if editing is None else []
        register.after_write(plan, user, PAGE_TAG, timezone.now())
    if editing is None:
        audit_record(action=Action.CREATE, request=request, user=user, obj=instance)
    elif before is not None and (changes := changes_between(before, instance)):
        audit_record(action=Action.UPDATE, request=request, user=user, obj=instance, detail=changes)
    return instance, []


@transaction.atomic
def delete_record(register: Register, user: User, record: models.Model, *, request: Any = None) -> None:
    _require_writer(user)
    record._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    try:
        with transaction.atomic():
            record.delete()
    except ProtectedError as error:
        names = "、".join(sorted({str(o._meta.verbose_name) for o in error.protected_objects}))
        raise ValidationError(f"该记录已有{names}引用，不能删除") from None
    if register.after_delete is not None:
        register.after_delete([record])
    audit_record(action=Action.DELETE, request=request, user=user, obj=record)


def _related(record: models.Model, name: str) -> Any:
    value = getattr(record, name, None)
    if isinstance(value, models.Manager):  # several parties: a many-to-many
        return "；".join(str(v) for v in value.all())
    return value


def display_rows(register: Register, records: list[models.Model], *, columns: list[Column] | None = None) -> list[list[Any]]:
    """Each record's values as a page shows them: linked records by name (the export writes their
    codes, for re-import), personal data masked, 是/否 for yes/no. Columns whose source is a query
    expression are read with the export's own query for these records."""
    columns = columns if columns is not None else list(register.columns)
    # a column that names other records (a foreign key, or a property the import sets) shows them
    relations = {c.field for c in columns if c.field and c.ref is not None}
    computed = [c for c in columns if not isinstance(c.source, str)]
    exported: dict[int, dict[str, Any]] = {}
    if computed and records:
        queryset = register.model._default_manager.filter(pk__in=[r.pk for r in records])
        for pk, *values in queryset.values_list("pk", *(c.source for c in computed)):
            exported[pk] = {c.name: (c.to_cell(v) if c.to_cell else v) for c, v in zip(computed, values, strict=True)}
    rows = []
    for record in records:
        row = []
        for column in columns:
            value = _related(record, column.shown or column.field) if column.field in relations else None
            if value is None and column in computed:
                value = exported.get(record.pk, {}).get(column.name)
            elif value is None:
                value = record
                for part in column.source.split("__"):
                    value = getattr(value, part, None) if value is not None else None
            # a linked record shows by its name: the mask is for personal data typed in the cell
            row.append(str(value) if isinstance(value, models.Model) else _display(column, value))
        rows.append(row)
    return rows


def _display(column: Column, value: Any) -> Any:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()  # 2026-05-14: the short form lists and Excel both read
    if column.mask is not None:
        return column.mask(str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "；".join(str(v) for v in value)
    return value
