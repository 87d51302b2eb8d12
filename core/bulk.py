"""Writing many rows of one model and their history at once: PostgreSQL COPY, SQLite executemany.

Row-by-row saves (or Django's bulk_create followed by simple-history's) spend most of an import
in Python and round trips; here ids are reserved from the table's own sequence first, so records
and their history rows go in as plain tuples. History rows carry the import's tag as their change
reason, which is how an import is found again to be undone.
"""

# ruff: noqa: S608 - table and column names come from model metadata, values are always parameters

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from operator import itemgetter
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, models

from core.freshness import note_change
from core.records import history_reason

CHUNK = 1000  # ids per statement where a list of ids is sent (SQLite allows 32,766 parameters)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _quote(name: str | None) -> str:
    # a concrete field's column is never None; the stubs give every field's `str | None`
    return connection.ops.quote_name(name)  # type: ignore[arg-type]


class TableWriter:
    """One model's table: reserve ids, insert rows, update rows, all with explicit columns."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.pk = model._meta.pk

    def reserve_ids(self, count: int) -> list[int]:
        if not count:
            return []
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # the sequence named once: pg_get_serial_sequence per row took most of the time
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [self.table, self.pk.column])
                sequence = cursor.fetchone()[0]
                cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
                return [row[0] for row in cursor.fetchall()]
            # SQLite: AUTOINCREMENT never reuses an id, so start past both the highest id and the
            # sequence; the write transaction holds the database lock, so nobody takes them meanwhile.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.table])
            row = cursor.fetchone()
            cursor.execute(f"SELECT MAX({_quote(self.pk.column)}) FROM {_quote(self.table)}")
            start = max(row[0] if row else 0, cursor.fetchone()[0] or 0) + 1
        return list(range(start, start + count))

    def insert(self, columns: Sequence[str | None], rows: Iterable[Sequence[Any]]) -> None:
        insert_rows(self.table, columns, rows)

    def update(self, rows: Iterable[Sequence[Any]]) -> None:
        """Every concrete column of each row (values in `row_fields` order), by primary key."""
        pk_index = self.fields.index(self.pk)
        fields = [f for f in self.fields if not f.primary_key]
        columns = [f.column for f in fields]
        values = ([v for i, v in enumerate(row) if i != pk_index] + [row[pk_index]] for row in rows)
        if connection.vendor == "postgresql":
            temp = f"_update_{self.table}"
            names = ", ".join(_quote(c) for c in [*columns, self.pk.column])
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE TEMP TABLE {_quote(temp)} AS SELECT {names} FROM {_quote(self.table)} WITH NO DATA")
                insert_rows(temp, [*columns, self.pk.column], values)
                sets = ", ".join(f"{_quote(c)} = s.{_quote(c)}" for c in columns)
                cursor.execute(
                    f"UPDATE {_quote(self.table)} AS t SET {sets} FROM {_quote(temp)} AS s "
                    f"WHERE t.{_quote(self.pk.column)} = s.{_quote(self.pk.column)}"
                )
                cursor.execute(f"DROP TABLE {_quote(temp)}")
            return
        sets = ", ".join(f"{_quote(c)} = %s" for c in columns)
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {_quote(self.table)} SET {sets} WHERE {_quote(self.pk.column)} = %s", values)  # type: ignore[arg-type]  # any iterable


def row_fields(model: type[models.Model]) -> list[str]:
    """The attnames a value row of the model holds, in order: its concrete fields."""
    return [f.attname for f in model._meta.concrete_fields]


@models.Field.register_lookup
class AnyOf(models.Lookup):
    """`field IN (values)` for thousands of values: on PostgreSQL one array parameter (`= ANY(%s)`)
    rather than thousands of parameters for the driver to split and the server to parse."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[Any]:
        return [self.lhs.output_field.get_prep_value(v) for v in self.rhs]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [self.lhs.output_field.get_db_prep_value(v, connection, prepared=True) for v in self.rhs]
        if not values:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)


def key_in(field: str, values: Iterable[Any]) -> models.Q:
    """The rows whose `field` is one of `values` (AnyOf)."""
    return models.Q(**{f"{field}__any_of": list(values)})


def field_values(model: type[models.Model], rows: Iterable[Any], *attnames: str) -> list[tuple[Any, ...]]:
    """These fields of each planned record, whether the plan holds value rows or instances."""
    positions = [row_fields(model).index(a) for a in attnames]
    return [tuple(getattr(row, a) for a in attnames) if isinstance(row, models.Model) else tuple(row[i] for i in positions)
            for row in rows]


def as_row(instance: models.Model, attnames: list[str]) -> tuple[Any, ...]:
    """A record as a tuple: a hundred thousand of them take a fifth of the memory of instances."""
    return tuple(getattr(instance, a) for a in attnames)


def insert_rows(table: str, columns: Sequence[str | None], rows: Iterable[Sequence[Any]]) -> None:
    names = ", ".join(_quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            note_change()  # COPY goes past Django's execute wrappers
            with cursor.copy(f"COPY {_quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})"
        iterator = iter(rows)
        while batch := list(islice(iterator, 5000)):
            cursor.executemany(sql, batch)


class History:
    """The history table of a model (django-simple-history) written in bulk."""

    SPECIAL = ("history_id", "history_date", "history_change_reason", "history_type", "history_user_id")

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.history_model = model.history.model  # type: ignore[attr-defined]  # HistoricalRecords
        self.table = self.history_model._meta.db_table
        self.fields = [f for f in self.history_model._meta.concrete_fields if f.attname not in self.SPECIAL]
        self.columns = [f.column for f in self.fields]
        self.source_columns = [model._meta.get_field(f.name).column if f.name != "id" else model._meta.pk.column  # type: ignore[union-attr]  # concrete fields
                               for f in self.fields]

    def _stamp(self, when: dt.datetime) -> Any:
        # history_date goes in as the database stores it (SQLite: naive UTC text)
        return when if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(when)

    def add(self, rows: Sequence[Sequence[Any]], *, kind: str, reason: str, when: dt.datetime, user_id: int | None) -> None:
        """A history row per value row (in `row_fields` order) as it now is."""
        tail = [self._stamp(when), history_reason(reason), kind, user_id]
        pick = itemgetter(*(row_fields(self.model).index(f.attname) for f in self.fields))
        history_rows = ((*pick(row), *tail) for row in rows)
        insert_rows(self.table, [*self.columns, "history_date", "history_change_reason", "history_type", "history_user_id"], history_rows)

    def copy_from_table(self, ids: Sequence[int], *, kind: str, reason: str, when: dt.datetime,
                        user_id: int | None, only_without_history: bool = False) -> None:
        """A history row per record as the table holds it now, made in the database: before
        deleting records, or before changing ones that have no history yet (records loaded in
        bulk), so that what an import changed can be put back."""
        target = ", ".join(_quote(c) for c in [*self.columns, "history_date", "history_change_reason",
                                                "history_type", "history_user_id"])
        source = ", ".join(f"t.{_quote(c)}" for c in self.source_columns)
        pk = _quote(self.model._meta.pk.column)
        for chunk in _chunks(ids):
            marks = ", ".join(["%s"] * len(chunk))
            sql = (
                f"INSERT INTO {_quote(self.table)} ({target}) "
                f"SELECT {source}, %s, %s, %s, %s FROM {_quote(self.model._meta.db_table)} AS t WHERE t.{pk} IN ({marks})"
            )
            if only_without_history:
                sql += f" AND NOT EXISTS (SELECT 1 FROM {_quote(self.table)} AS h WHERE h.{_quote('id')} = t.{pk})"
            with connection.cursor() as cursor:
                cursor.execute(sql, [self._stamp(when), history_reason(reason), kind, user_id, *chunk])


def write_records(
    model: type[models.Model], creates: list[tuple[Any, ...]], updates: list[tuple[Any, ...]], *,
    reason: str, when: dt.datetime, user_id: int | None,
) -> list[tuple[Any, ...]]:
    """Insert the new records and update the changed ones (value rows in `row_fields` order, the
    new ones with no primary key yet), each with its history row. A changed record without
    history first gets one of its state before, dated just before the import. Returns the new
    records' rows with their primary keys, so what follows the write need not look them up."""
    table, history = TableWriter(model), History(model)
    pk_index = table.fields.index(table.pk)
    if creates:
        ids = table.reserve_ids(len(creates))
        creates = [(*row[:pk_index], pk, *row[pk_index + 1:]) for row, pk in zip(creates, ids, strict=True)]
        table.insert([f.column for f in table.fields], creates)
        history.add(creates, kind="+", reason=reason, when=when, user_id=user_id)
    if updates:
        history.copy_from_table([row[pk_index] for row in updates], kind="~", reason="导入前的状态",
                                when=when - dt.timedelta(microseconds=1), user_id=None, only_without_history=True)
        table.update(updates)
        history.add(updates, kind="~", reason=reason, when=when, user_id=user_id)
    return creates
