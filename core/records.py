"""What every audited write of a business record shares: the diff, history user, audit entry."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models

from core.masking import mask_id_number, mask_mobile, mask_phone

if TYPE_CHECKING:
    from accounts.models import User


def mask_birth_date(value: str) -> str:
    """The birth date comes from the 身份证号 and is hidden with it: the year stays."""
    return value[:4] + "-**-**" if value else ""


#: fields whose values never go into the audit log or a history view in clear
PERSONAL_FIELDS = {
    "id_number": mask_id_number, "applicant_id_number": mask_id_number, "mobile": mask_mobile,
    "birth_date": mask_birth_date, "phone": mask_phone,
}


def snapshot(instance: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


#: a tree node's bookkeeping (treebeard): a child added elsewhere is no edit of this node
TREE_FIELDS = ("path", "depth", "numchild")


def version_of(record: models.Model) -> str:
    """A fingerprint of the stored record: an edit form carries it, the save compares it."""
    fields = {k: v for k, v in snapshot(record).items() if k not in TREE_FIELDS}
    return hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()[:16]


class Conflict(ValidationError):
    pass


CONFLICT = "该记录已被他人修改：您打开编辑页之后，有人保存了新的内容。请刷新页面，在最新内容上重新修改。"


def locked_at_version[M: models.Model](record: M, version: str) -> M:
    """The stored record, locked for this transaction; Conflict when an edit form's `version` no
    longer matches it (someone else saved in between: overwriting silently would lose their change).
    An empty version (an import, the API) is not checked."""
    # lock the record's own row only: a manager that reads linked records along (an outer join)
    # cannot lock those on PostgreSQL
    stored = type(record)._default_manager.select_for_update(of=("self",)).get(pk=record.pk)
    if version and version != version_of(stored):
        raise Conflict(CONFLICT)
    return stored


def _show(field: str, value: Any) -> Any:
    if value is None or value == "":
        return ""
    if field in PERSONAL_FIELDS:
        return PERSONAL_FIELDS[field](str(value))
    return value if isinstance(value, bool | int | float) else str(value)


def changes_between(before: dict[str, Any], instance: models.Model) -> dict[str, list[Any]]:
    """{verbose name: [before, after]} for the fields that changed, personal data masked."""
    out = {}
    for f in instance._meta.concrete_fields:
        if f.attname in TREE_FIELDS:
            continue
        old, new = before.get(f.attname), getattr(instance, f.attname)
        if old != new:
            out[str(f.verbose_name)] = [_show(f.attname, old), _show(f.attname, new)]
    return out


#: what a history row's change reason holds (django-simple-history's column); PostgreSQL refuses
#: more, so a reason typed on a page (up to 500 characters) is cut here, for every writer
HISTORY_REASON_LENGTH = 100


def history_reason(text: str) -> str:
    return text if len(text) <= HISTORY_REASON_LENGTH else text[:HISTORY_REASON_LENGTH - 1] + "…"


def save_with_history(instance: models.Model, *, user: User | None, reason: str = "") -> None:
    instance._history_user = user  # type: ignore[attr-defined]  # simple_history reads this outside a request too
    if reason:
        instance._change_reason = history_reason(reason)  # type: ignore[attr-defined]  # simple_history's
    instance.full_clean()
    instance.save()
