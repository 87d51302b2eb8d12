"""Exports: scoped, masked by role, audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils.module_loading import import_string

from audit.models import Action
from audit.services import audit_record
from core.declarations import Register
from core.masking import mask_params

from .xlsx import write_export

if TYPE_CHECKING:
    from accounts.models import User


def export_queryset(*, user: User, register: Register, params: QueryDict | None = None, request: Any = None) -> QuerySet:
    """The rows the user may see, filtered as on the register's list page."""
    queryset = register.queryset(user)
    if params and params.get("indicator"):
        # an indicator's drill-down: the very records its figure counted (the indicators stand
        # above the registers, so the project names the function: settings.DRILL_DOWN)
        drill_down = import_string(settings.DRILL_DOWN)
        return queryset.filter(pk__in=drill_down(user, params).values("pk"))
    if register.filterset is not None and params:
        queryset = register.filterset(params, queryset=queryset, request=request or _RequestLike(user)).qs
    return queryset


def by_name(source: Any) -> Any:
    """The ORM path or expression of a cell that names a unit by its 信用代码, naming it by its
    单位名称 instead: what a reader looks for in a file that cannot be re-imported anyway."""
    if isinstance(source, str):
        return source.removesuffix("__credit_code") + "__name" if source.endswith("__credit_code") else source
    if isinstance(source, F):
        return F(by_name(source.name))  # type: ignore[attr-defined]  # F keeps its name
    if hasattr(source, "get_source_expressions"):
        source = source.copy()
        source.set_source_expressions([by_name(e) for e in source.get_source_expressions()])
    return source


def export_rows(register: Register, queryset: QuerySet, *, masked: bool, names: bool = False) -> Iterator[list[Any]]:
    """Cell values row by row, from values_list in chunks: constant memory, no model objects.
    With `names`, a cell that refers to a unit names it (see by_name)."""
    steps = [
        (column.to_cell, column.mask if masked else None) for column in register.columns
    ]
    sources = [by_name(c.source) if names and c.ref is not None else c.source for c in register.columns]
    for values in queryset.values_list(*sources).iterator(chunk_size=2000):
        row = []
        for (to_cell, mask), value in zip(steps, values, strict=True):
            if to_cell is not None:
                value = to_cell(value)
            if mask is not None and value:
                value = mask(value)
            row.append(value)
        yield row


def register_export(
    *, user: User, register: Register, target: str | IO[bytes], params: QueryDict | None = None, request: Any = None,
) -> int:
    """Write the export; personal data is in clear only for a role that may reveal it."""
    # the command line on an empty org tree (SPEC §6) is bound to no org: it sees no rows, so the
    # file is the headers alone and there is nothing to mask
    masked = register.has_personal_data and not user.may_reveal_personal_data and user.org is not None
    queryset = export_queryset(user=user, register=register, params=params, request=request)
    # a masked file is for reading (it is never re-imported): its units are named, not coded
    rows = export_rows(register, queryset, masked=masked, names=masked)
    count = write_export(register, rows, target, masked=masked)
    # what was typed in the search box may hold a 身份证号 or a mobile: the log keeps it masked
    filters = mask_params((k, v) for k, v in (params or {}).items() if v.strip() and k not in ("page", "sort"))  # type: ignore[union-attr]  # values are strings
    audit_record(
        action=Action.EXPORT, request=request, user=user if user.pk else None, username=user.username,
        org=user.org, object_type=register.label, object_repr=f"{register.label}台账导出",
        detail={"行数": count, "脱敏": "是" if masked else "否", **({"筛选": filters} if filters else {})},
    )
    return count


class _RequestLike:
    """What a FilterSet needs of a request when the command line exports: the user."""

    def __init__(self, user: User) -> None:
        self.user = user
