"""Checking an uploaded register file row by row (SPEC §2, §3) into a plan of what to write.

`plan_import` reads nothing but the file and the database, and writes nothing: it parses every
cell, resolves names in the user's subtree, applies the model's validators and rules, and sorts
each row into created, updated or unchanged. Every problem is kept with its row, column and value,
so the user fixes the whole file at once. Rows go through in chunks so that existing records are
loaded only for the keys of the file, and only the rows to write stay in memory.
"""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable
from functools import cached_property, partial
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.base import ModelState
from django.utils import timezone, translation

from core.bulk import key_in, row_fields
from core.declarations import CellError, Column, Plan, Problem, Register, printable
from orgs.models import Org
from orgs.refs import Lookups

from .reading import NUL_REFUSED, Table, blank, cell_parser, match_headers

if TYPE_CHECKING:
    from accounts.models import User

CHUNK = 2000
MAX_PROBLEMS = 100_000  # beyond this the file is not worth marking: the first ones say enough
NO_OWNER = "组织树为空，这条记录没有可归属的组织，请先导入组织（uniondesk import orgs）"


class ImportContext:
    """Who imports, into which register, and the lookups every row shares."""

    def __init__(self, register: Register, user: User) -> None:
        self.register = register
        self.user = user
        org = getattr(user, "org", None)
        self.lookups = Lookups(org.path if org is not None else "")
        model = register.model
        self.fields = {f.name: f for f in model._meta.concrete_fields}
        self.tracked = [f.attname for f in model._meta.concrete_fields if f.attname not in ("path", "depth", "numchild")]
        self.column_of = {c.target: c for c in register.columns}
        self.keep_instances = register.writer is not None  # a form's one record is kept whole too
        # each field's validators, taking today's date once per import rather than once per cell
        today = timezone.localdate()
        self.validators = {name: [_quick(v, today) for v in f.validators] for name, f in self.fields.items() if f.validators}
        self.blank = model()  # new records are copies of it: a copy skips __init__ and its signals
        self.attnames = row_fields(model)
        self._row_of = attrgetter(*self.attnames)
        self._tracked_of = attrgetter(*self.tracked)
        self.org_links = [f for f in self.fields.values() if f.is_relation and f.related_model is Org]
        # links a cell sets to a record of the lookups (or to nothing): see `set_value`
        self.links = {name: f for name, f in self.fields.items()
                      if isinstance(f, models.ForeignKey) and not f.one_to_one}
        self._already: dict[Column, bool] = {}  # see `already_empty`
        self.present: set[str] = set()  # the targets of the columns the file holds
        # what a register's `prepare` notes for its `after_write` (workflow moves, parties…)
        self.events: list[Any] = []

    def keep(self, instance: models.Model) -> Any:
        """What the plan keeps of a record to write: a value row for the bulk writer."""
        if self.keep_instances:
            return instance
        row = self._row_of(instance)
        return row if isinstance(row, tuple) else (row,)

    def set_value(self, instance: models.Model, target: str, value: Any) -> None:
        """setattr, except that a link given a record of its model (or None) is set as the
        ForeignKey's descriptor would, without the checks a looked-up record does not need: they
        were a tenth of a large import's check."""
        link = self.links.get(target)
        if link is not None and (value is None or value.__class__ is link.related_model):
            instance.__dict__[link.attname] = None if value is None else getattr(value, link.target_field.attname)
            link.set_cached_value(instance, value)
        else:
            setattr(instance, target, value)

    def already_empty(self, column: Column) -> bool:
        """The blank record holds the column's empty value already, so a new row's blank cell has
        nothing to set (a fixed default: a callable one gives each record its own value)."""
        known = self._already.get(column)
        if known is None:
            f = self.fields.get(column.target)
            known = (f is not None and column.default is None and not callable(f.default)
                     and self.blank.__dict__.get(f.attname) == self.empty(column))
            self._already[column] = known
        return known

    def unchanged(self, instance: models.Model, before: models.Model) -> bool:
        return self._tracked_of(instance) == self._tracked_of(before)

    def column_name(self, field_name: str) -> str:
        if field_name in self.column_of:
            return self.column_of[field_name].name
        found = self.fields.get(field_name)
        return str(found.verbose_name) if found is not None else ""

    def fill_org_links(self, instance: models.Model) -> None:
        """Links to orgs come from the lookups, so the model's rules read them without a query."""
        orgs = self.lookups.orgs
        for f in self.org_links:
            org_id = getattr(instance, f.attname)
            if org_id is not None and not f.is_cached(instance) and org_id in orgs:
                setattr(instance, f.name, orgs[org_id])

    @cached_property
    def needs_node(self) -> bool:
        """Every record of the register has an owning node (all but the org tree itself)."""
        field = self.fields.get("node")
        return field is not None and not field.null

    def in_scope(self, instance: models.Model) -> bool:
        node_id = getattr(instance, "node_id", None)
        return node_id is None or self.lookups.in_scope(self.lookups.path_of(node_id))

    def empty(self, column: Column) -> Any:
        if column.default is not None:
            return column.default
        model_field = self.fields[column.target] if column.target in self.fields else None
        if model_field is None or model_field.null:
            return None
        return model_field.get_default()


def _quick(validator: Callable[..., Any], today: Any) -> Callable[[Any], Any]:
    """A field's validator as a cell's check: today's date given once per import, and a length or
    bound compared inline (Django's validators build their error's parameters on every call; a
    failing value still goes through the validator itself, for its message)."""
    if "today" in inspect.signature(validator).parameters:
        return partial(validator, today=today)
    limit = getattr(validator, "limit_value", None)
    if limit is None or callable(limit):
        return validator
    if type(validator) is MaxLengthValidator:
        return lambda value: None if len(value) <= limit else validator(value)
    if type(validator) is MinValueValidator:
        return lambda value: None if value >= limit else validator(value)
    if type(validator) is MaxValueValidator:
        return lambda value: None if value <= limit else validator(value)
    return validator


def _copy(record: models.Model) -> Any:
    """copy.copy of a record, by the steps of Model.__getstate__/__setstate__ without pickling's
    round trip, which took a tenth of a large import's check."""
    clone = object.__new__(type(record))
    state = record.__dict__.copy()
    model_state = ModelState()
    model_state.__dict__.update(record._state.__dict__)
    model_state.__dict__.pop("peers", None)  # weak references to the rows fetched with the record
    model_state.fields_cache = dict(record._state.fields_cache)
    state["_state"] = model_state
    clone.__dict__.update(state)
    return clone


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else printable(str(value).strip()[:100])


def _notice_lines(notices: dict[tuple[str, str], list[int]]) -> list[str]:
    """One line per notice, naming its rows (the first twenty)."""
    lines = []
    for (column, message), rows in notices.items():
        shown = "、".join(str(r) for r in rows[:20]) + (f" 等 {len(rows)} 行" if len(rows) > 20 else " 行")
        lines.append(f"第 {shown}" + (f"「{column}」" if column else "") + f"：{message}，仍按原样导入。")
    return lines


def plan_import(
    register: Register, table: Table, user: User, *, progress: Callable[[int, int], None] | None = None,
    editing: models.Model | None = None, form: bool = False,
) -> Plan:
    """The plan of a file; `progress(done, total)` is called after each chunk of rows.

    A `form` is a one-row file whose plan keeps model instances rather than value rows; `editing`
    is the record it edits (the row updates it whatever its key says)."""
    # The plan holds many young objects that all live on; the cyclic collector would walk them
    # again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with translation.override("zh-hans"):
            return _Planner(register, table, user, progress, editing, form).run()
    finally:
        if collecting:
            gc.enable()


class _Planner:
    def __init__(
        self, register: Register, table: Table, user: User, progress: Callable[[int, int], None] | None,
        editing: models.Model | None = None, form: bool = False,
    ) -> None:
        self.ctx = ImportContext(register, user)
        self.editing = editing
        self.form = form
        if form:
            self.ctx.keep_instances = True
        self.register = register
        self.table = table
        self.progress = progress
        self.plan = Plan(register, notes=list(table.notes))
        self.seen: dict[tuple[Any, ...], int] = {}
        # rules beyond SPEC's (a record's `notices`): the row imports, the preview says so
        self.notices: dict[tuple[str, str], list[int]] = {}

    def run(self) -> Plan:
        plan, table = self.plan, self.table
        match = match_headers(self.register, table.header)
        if match.errors:
            plan.problems = [Problem(1, "", "", error) for error in match.errors]
            return plan
        self.columns = sorted(match.columns.items())
        self.ctx.present = {c.target for _, c in self.columns}
        self.key_columns = [self.ctx.column_of[name] for name in self.register.key_fields]
        body = iter(table.body)
        if self.register.refers_to_itself:
            rows = list(body)
            key_index = next(i for i, c in self.columns if c is self.key_columns[0])
            self.ctx.lookups.file_keys = {str(r[key_index]).strip() for r in rows if key_index < len(r) and not blank(r[key_index])}
            body = iter(rows)
        number = 2
        while chunk := list(islice(body, CHUNK)):
            self._chunk(list(enumerate(chunk, start=number)))
            number += len(chunk)
            if self.progress:
                self.progress(number - 2, max(table.total, number - 2))
            if len(plan.problems) >= MAX_PROBLEMS:
                plan.notes.append(f"问题超过 {MAX_PROBLEMS} 处，其余行未再检查。")
                break
        if not plan.rows:
            plan.problems.append(Problem(2, "", "", "表头下面没有数据行"))
        elif plan.ok and self.register.check_plan is not None:
            plan.problems.extend(self.register.check_plan(plan, self.ctx))
        plan.events = self.ctx.events
        plan.notes.extend(_notice_lines(self.notices))
        return plan

    def _chunk(self, rows: list[tuple[int, list[Any]]]) -> None:
        parsed = []
        for number, cells in rows:
            if all(blank(v) for v in cells):
                continue  # a blank line in the middle of a sheet is no record
            self.plan.rows += 1
            values, problems = self._cells(number, cells)
            parsed.append((number, cells, values, problems))
        existing = self._existing([v for _, _, v, p in parsed if not p])
        for number, cells, values, problems in parsed:
            if not problems:
                problems = self._record(number, cells, values, existing)
            self.plan.problems.extend(problems)

    @cached_property
    def _specs(self) -> list[tuple[int, Column, Callable[[Any], Any], Any, tuple[Callable[..., Any], ...]]]:
        """What each cell of a row needs, looked up once per file: (index, column, its parser, its
        reference, its field's validators)."""
        return [(index, column, cell_parser(column), column.ref, tuple(self.ctx.validators.get(column.target, ())))
                for index, column in self.columns]

    def _cells(self, number: int, cells: list[Any]) -> tuple[dict[Column, Any], list[Problem]]:
        values: dict[Column, Any] = {}
        problems: list[Problem] = []
        width, lookups = len(cells), self.ctx.lookups
        for index, column, parse, ref, validators in self._specs:
            raw = cells[index] if index < width else None
            if raw is None or (text := isinstance(raw, str)) and not raw.strip():
                if column.required:
                    problems.append(Problem(number, column.name, "", "必填，不能为空"))
                values[column] = None
                continue
            if text and "\x00" in raw:  # PostgreSQL refuses NUL in text
                problems.append(Problem(number, column.name, _shown(raw), NUL_REFUSED))
                continue
            try:
                value = parse(raw)
                if ref is not None:
                    value = ref.resolve(lookups, value)
                else:
                    for validate in validators:
                        result = validate(value)
                        # a validator that cleans a value (手机号 138-1234-5678) returns it
                        if result.__class__ is str and value.__class__ is str:
                            value = result
            except CellError as error:
                problems.append(Problem(number, column.name, _shown(raw), str(error)))
            except ValidationError as error:
                problems.append(Problem(number, column.name, _shown(raw), "；".join(error.messages)))
            else:
                values[column] = value
        if not problems:
            key = self._key(values)
            if key in self.seen:
                problems.append(Problem(number, self.key_columns[0].name, _shown(key[0]),
                                        f"与第 {self.seen[key]} 行重复：同一条记录在文件中出现了两次"))
            else:
                self.seen[key] = number
        return values, problems

    def _key(self, values: dict[Column, Any]) -> tuple[Any, ...]:
        return tuple(values.get(c) for c in self.key_columns)

    def _existing(self, rows: list[dict[Column, Any]]) -> dict[tuple[Any, ...], models.Model]:
        """The records of the whole tree whose key is in these rows (a key is unique tree-wide)."""
        if not rows:
            return {}
        first = self.register.key_fields[0]
        wanted = {row[self.key_columns[0]] for row in rows}
        plain = not self.register.model._meta.get_field(first).is_relation  # a link goes as before
        found = self.register.model._default_manager.filter(key_in(first, wanted) if plain else Q(**{f"{first}__in": wanted}))
        return {tuple(getattr(r, f) for f in self.register.key_fields): r for r in found}

    def _record(
        self, number: int, cells: list[Any], values: dict[Column, Any], existing: dict[tuple[Any, ...], models.Model],
    ) -> list[Problem]:
        ctx, plan = self.ctx, self.plan
        key = self._key(values)
        before = self.editing if self.editing is not None else existing.get(key)
        key_column = self.key_columns[0]
        if before is not None and not self._before_in_scope(before):
            # a key is unique in the whole tree: say it is not the user's, never whose it is
            return [Problem(number, key_column.name, _shown(key[0]), "该记录不在您的管辖范围内，不能导入或修改")]
        instance = _copy(before if before is not None else ctx.blank)
        for column, value in values.items():
            if value is None:
                if before is None and ctx.already_empty(column):
                    continue
                value = ctx.empty(column)
            ctx.set_value(instance, column.target, value)
        ctx.fill_org_links(instance)
        instance._from_file = not self.form  # a file's rows take rules beyond SPEC as notices
        try:
            if self.register.prepare is not None:
                self.register.prepare(instance, before, ctx)
            instance.clean()
        except ValidationError as error:
            return self._rule_problems(number, cells, error)
        for field_name, messages in (instance.import_notices() if hasattr(instance, "import_notices") else {}).items():
            for message in [messages] if isinstance(messages, str) else messages:
                self.notices.setdefault((ctx.column_name(field_name), message), []).append(number)
        if ctx.needs_node and instance.node_id is None:  # a register that needs a node owns one
            # nothing to own it: only the command line on an empty org tree gets here (SPEC §6)
            return [Problem(number, "", "", NO_OWNER)]
        if not ctx.in_scope(instance):
            return [Problem(number, key_column.name, _shown(key[0]), "该记录不在您的管辖范围内，不能导入")]
        if before is None:
            plan.creates.append(ctx.keep(instance))
            plan.create_rows.append(number)
        elif ctx.unchanged(instance, before):
            plan.unchanged += 1
        else:
            plan.updates.append(ctx.keep(instance))
        return []

    def _before_in_scope(self, before: models.Model) -> bool:
        if hasattr(before, "node_id"):
            return self.ctx.in_scope(before)
        return self.ctx.lookups.in_scope(getattr(before, "path", ""))

    def _rule_problems(self, number: int, cells: list[Any], error: ValidationError) -> list[Problem]:
        raw = {c.name: cells[i] for i, c in self.columns if i < len(cells)}
        out: list[Problem] = []
        messages_by_field = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        for field_name, messages in messages_by_field.items():
            column = self.ctx.column_name(field_name) if field_name != "__all__" else ""
            out.extend(Problem(number, column, _shown(raw.get(column)), message) for message in messages)
        return out


