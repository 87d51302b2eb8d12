"""Writes to the org tree and the employer register: one function per change, each audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, Q, RestrictedError

from audit.models import Action, AuditEntry
from audit.services import audit_record
from core.records import (
    changes_between,
    history_reason,
    locked_at_version,
    save_with_history,
    snapshot,
)
from core.scoping import contains, may_reach
from core.signals import employer_closed

from .following import follow_employer
from .models import ALLOWED_CHILDREN, Employer, Org

if TYPE_CHECKING:
    from accounts.models import User  # accounts stands above the tree (a user's org)


def _require_writer(user: User) -> None:
    if not user.writes_business_data:
        raise PermissionDenied("您的角色无权修改业务数据。")


def _require_in_subtree(user: User, org: Org, *, label: str) -> None:
    if not may_reach(user, org):
        raise ValidationError(f"{label}“{org.name}”不在您的管辖范围内")


def _actor(user: User) -> User | None:
    """Who history and the audit log name: the command line acts as an unsaved account, which they
    name by its username alone."""
    return user if user.pk else None


def _check_parent(parent: Org, org_type: str) -> None:
    if org_type not in ALLOWED_CHILDREN.get(parent.org_type, ()):
        raise ValidationError(f"{parent.org_type}下不能设立{org_type}")


@transaction.atomic
def org_create(*, user: User, parent: Org, request: Any = None, reason: str = "", **fields: Any) -> Org:
    _require_writer(user)
    _require_in_subtree(user, parent, label="上级组织")
    _check_parent(parent, fields["org_type"])
    org = Org(**fields)
    org.full_clean(exclude=["path", "depth", "numchild"])
    org._history_user = _actor(user)
    if reason:
        org._change_reason = history_reason(reason)
    org = Org.objects.add_child(parent, instance=org)
    audit_record(action=Action.CREATE, request=request, user=_actor(user), username=user.username, org=user.org,
                 obj=org, detail={"上级组织": parent.name, **({"原因": reason} if reason else {})})
    return org


@transaction.atomic
def org_update(*, user: User, org: Org, version: str = "", request: Any = None, **fields: Any) -> Org:
    """Edit an org; a stale edit form's `version` is refused with Conflict (core.records)."""
    _require_writer(user)
    _require_in_subtree(user, org, label="组织")
    org = locked_at_version(org, version)
    if "org_type" in fields and fields["org_type"] != org.org_type:
        raise ValidationError({"org_type": "组织类型建立后不能修改；如需调整请新建组织并调整隶属"})
    before = snapshot(org)
    for name, value in fields.items():
        setattr(org, name, value)
    if org.pk == user.org_id and org.closed_on:
        raise ValidationError("不能撤销自己所在的组织")
    save_with_history(org, user=user)
    if changes := changes_between(before, org):
        audit_record(action=Action.UPDATE, request=request, user=user, obj=org, detail=changes)
    return org


@transaction.atomic
def org_move(*, user: User, org: Org, new_parent: Org, reason: str, request: Any = None) -> Org:
    """Moving a node is an explicit change with a reason (SPEC §1); its subtree goes with it."""
    _require_writer(user)
    _require_in_subtree(user, org, label="组织")
    _require_in_subtree(user, new_parent, label="新上级组织")
    if org.pk == user.org_id or org.is_root():
        raise ValidationError("不能调整自己所在组织或根组织的隶属关系")
    if contains(org.path, new_parent.path):
        raise ValidationError("不能把组织移到它自己或它的下级组织之下")
    _check_parent(new_parent, org.org_type)
    if not reason.strip():
        raise ValidationError("请填写调整原因")
    old_parent = Org.objects.get_parent(org)
    if old_parent and old_parent.pk == new_parent.pk:
        raise ValidationError("新上级组织与原上级组织相同")
    Org.objects.move(org, new_parent, "sorted-child")
    org = Org.objects.get(pk=org.pk)
    org._history_user = user
    org._change_reason = history_reason(f"调整隶属：{old_parent} → {new_parent}；{reason}")
    org.save()
    audit_record(
        action=Action.MOVE, request=request, user=user, obj=org,
        detail={"原上级": str(old_parent), "新上级": new_parent.name, "原因": reason},
    )
    return org


def org_references(org: Org) -> list[str]:
    """What still refers to an org; an org with references is closed, not deleted (SPEC §1)."""
    refs = []
    if Org.objects.get_children_count(org):
        refs.append(f"下级组织{Org.objects.get_children_count(org)}个")
    employers = Employer.objects.filter(street=org).count() + Employer.objects.filter(union=org).count()
    if employers:
        refs.append(f"单位{employers}家")
    if org.accounts.exists():
        refs.append(f"账号{org.accounts.count()}个")
    if AuditEntry.objects.filter(org=org).exists():
        refs.append("审计日志记录")
    return refs


@transaction.atomic
def org_delete(*, user: User, org: Org, request: Any = None) -> None:
    _require_writer(user)
    _require_in_subtree(user, org, label="组织")
    if org.pk == user.org_id or org.is_root():
        raise ValidationError("不能删除自己所在的组织或根组织")
    if refs := org_references(org):
        raise ValidationError(f"“{org.name}”已有{'、'.join(refs)}引用，不能删除；请填写撤销日期将其撤销。")
    audit_record(action=Action.DELETE, request=request, user=user, obj=org)
    org._history_user = user
    try:
        org.delete()
    except ProtectedError:  # a reference added since org_references() looked
        raise ValidationError(f"“{org.name}”仍被其他记录引用，不能删除；请填写撤销日期将其撤销。") from None


# --- employers ----------------------------------------------------------------------------------


def _check_employer_orgs(user: User, street: Org, union: Org | None) -> None:
    _require_in_subtree(user, union or street, label="所属工会" if union else "所属街道")


@transaction.atomic
def employer_create(*, user: User, request: Any = None, **fields: Any) -> Employer:
    _require_writer(user)
    employer = Employer(**fields)
    _check_employer_orgs(user, employer.street, employer.union)
    employer.node = employer.owning_node()
    save_with_history(employer, user=user)
    audit_record(action=Action.CREATE, request=request, user=user, obj=employer)
    return employer


@transaction.atomic
def employer_update(*, user: User, employer: Employer, version: str = "", request: Any = None, **fields: Any) -> Employer:
    """Edit an employer's own fields; a change of 所属街道/所属工会 goes through employer_move.
    A stale edit form's `version` is refused with Conflict (core.records)."""
    _require_writer(user)
    _require_in_subtree(user, employer.node, label="单位")
    employer = locked_at_version(employer, version)
    if {"street", "union", "street_id", "union_id", "node"} & fields.keys():
        raise ValidationError("调整所属街道或所属工会请使用“调整隶属”")
    before = snapshot(employer)
    was_closed = employer.closed_on
    for name, value in fields.items():
        setattr(employer, name, value)
    save_with_history(employer, user=user)
    if changes := changes_between(before, employer):
        audit_record(action=Action.UPDATE, request=request, user=user, obj=employer, detail=changes)
    if was_closed is None and employer.closed_on is not None:
        employer_closed.send(sender=Employer, employer=employer, on=employer.closed_on, user=user, request=request)
    return employer


class Moved(NamedTuple):
    employer: Employer
    followed: str  # what went along, as the audit entry says it: 职工3人、合理化建议1条… ("" for nothing)


@transaction.atomic
def employer_move(
    *, user: User, employer: Employer, street: Org, union: Org | None, reason: str, request: Any = None
) -> Moved:
    """Change 所属街道/所属工会. Every record whose node comes from the employer (its workers,
    proposals, contracts, competitions and their entries…, see orgs.following) goes with it to the
    new owning node, in the same transaction, with a history row each."""
    _require_writer(user)
    _require_in_subtree(user, employer.node, label="单位")
    _check_employer_orgs(user, street, union)
    if not reason.strip():
        raise ValidationError("请填写调整原因")
    before = snapshot(employer)
    employer.street, employer.union = street, union
    employer.node = employer.owning_node()
    save_with_history(employer, user=_actor(user), reason=history_reason(reason))
    followed = follow_employer(employer, old_node_id=before["node_id"], user=user,
                               reason=history_reason(f"随单位“{employer.name}”调整隶属：{reason}"))
    detail: dict[str, Any] = {**changes_between(before, employer), "原因": reason}
    if followed:
        detail["随之调整"] = "、".join(_counted(label, n) for label, n in followed.items())
    audit_record(action=Action.MOVE, request=request, user=_actor(user), username=user.username, org=user.org,
                 obj=employer, detail=detail)
    return Moved(employer, detail.get("随之调整", ""))


#: how a count of records of a kind is said (默认 条)
_UNITS = {"职工": "人", "集体合同": "份"}


def _counted(label: str, count: int) -> str:
    return f"{label}{count}{_UNITS.get(label, '条')}"


def _protecting_relations() -> dict[type[models.Model], tuple[list[str], type[models.Model], str]]:
    """Model → (its fields that keep an employer from being deleted, the model its rows are told
    as, the field that names that record): a link row of a many-to-many (a contract's 签约单位) is
    told as the record it belongs to."""
    owners = {m2m.remote_field.through: (model, m2m.m2m_field_name())
              for model in apps.get_models() for m2m in model._meta.local_many_to_many}
    found = {}
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields
                  if f.many_to_one and f.related_model is Employer
                  and f.remote_field.on_delete in (models.PROTECT, models.RESTRICT)]  # type: ignore[union-attr, operator]  # a many-to-one has a remote field
        if fields:
            owner, name = owners.get(model, (model, "pk"))
            found[model] = (fields, owner, name)
    return found


def employer_references(employer: Employer) -> list[str]:
    """What still refers to an employer, counted by kind; an employer with references is closed
    (注销日期), not deleted (SPEC §1)."""
    refs = []
    for model, (fields, owner, name) in _protecting_relations().items():
        condition = Q()
        for field in fields:
            condition |= Q(**{field: employer})
        if count := model._default_manager.filter(condition).values(name).distinct().count():
            refs.append(_counted(str(owner._meta.verbose_name), count))
    return refs


@transaction.atomic
def employer_delete(*, user: User, employer: Employer, request: Any = None) -> None:
    _require_writer(user)
    _require_in_subtree(user, employer.node, label="单位")
    if refs := employer_references(employer):
        raise ValidationError(f"“{employer.name}”已有{'、'.join(refs)}，不能删除；请填写注销日期将其注销。")
    audit_record(action=Action.DELETE, request=request, user=user, obj=employer)
    employer._history_user = user  # type: ignore[attr-defined]  # read by simple_history
    try:
        employer.delete()
    except (ProtectedError, RestrictedError):  # a reference added since employer_references() looked
        raise ValidationError(f"“{employer.name}”仍被其他记录引用，不能删除；请填写注销日期将其注销。") from None
