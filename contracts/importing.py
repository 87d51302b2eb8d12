"""Import rules of the instructor and contract registers (SPEC §2): owning nodes, links to the
worker, the instructor and the renewed contract, a contract's parties, and legal stage changes.

The engine's bulk writer writes a contract's own columns; its parties (a many-to-many: a regional
or industry contract covers several employers) are written by the register's `after_write` from
what `prepare` noted in `ctx.events`, in the same transaction. That keeps the engine's fast
writer, its history rows and its undo for the contract itself, and leaves one small step for
the parties: the stored `party_codes` (the 签约单位 cell) is what a change is detected and
recorded by, and the many-to-many follows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from core.declarations import Plan
from orgs.models import Employer, Org
from orgs.refs import Lookups, Ref, node_id_of
from registers.importing import ImportContext
from registers.reading import parse_code
from workers.refs import link_worker
from workflows.services import check_import_move, record_import_moves

from .models import Contract, ContractParty, Instructor
from .rules import renewal_error

if TYPE_CHECKING:
    from accounts.models import User

# --- references -------------------------------------------------------------------------------


def _instructors(lookups: Lookups) -> dict[str, Instructor]:
    """The instructors who may guide the subtree's negotiations, by 身份证号, loaded once per
    import: the subtree's own and those of the orgs above it (a street's or the district's
    instructor guides a grassroots union's contract, so its admin can name them, and re-import
    its own export)."""
    found = getattr(lookups, "_instructors", None)
    if found is None:
        queryset = Instructor.objects.only("id", "name", "id_number", "node_id")
        if path := lookups.scope_path:
            queryset = queryset.filter(Q(node__path__startswith=path) | Q(node__path__in=Org.paths_above(path)))
        found = {i.id_number: i for i in queryset}
        lookups._instructors = found  # type: ignore[attr-defined]
    return found


def _find_instructor(lookups: Lookups, text: str) -> list[Instructor]:
    found = _instructors(lookups).get(text.upper())
    return [found] if found is not None else []


INSTRUCTOR = Ref("协商指导员（请先在协商指导员台账中登记）", _find_instructor)


class _Contracts:
    """The subtree's contracts by 合同编号, and which contract renews each, loaded once."""

    def __init__(self, lookups: Lookups) -> None:
        queryset = Contract.objects.only("id", "number", "signed_on", "node_id")
        if lookups.scope_path:
            queryset = queryset.filter(node__path__startswith=lookups.scope_path)
        self.by_number = {c.number: c for c in queryset}
        by_id = {c.pk: c.number for c in self.by_number.values()}
        self.renewed_by = {
            by_id[renews_id]: number
            for renews_id, number in Contract.objects.filter(renews_id__in=list(by_id)).values_list("renews_id", "number")
        } if by_id else {}
        self.claimed: dict[str, str] = {}  # original → the row of this file that renews it
        # the file's own 合同编号, read as the key column reads them
        self.file_keys = {parse_code(key) for key in lookups.file_keys}


def _contracts(lookups: Lookups) -> _Contracts:
    found = getattr(lookups, "_contracts", None)
    if found is None:
        found = lookups._contracts = _Contracts(lookups)  # type: ignore[attr-defined]
    return found


def _find_original(lookups: Lookups, text: str) -> list[Any]:
    """A contract of the subtree, or (by its number) a row of the same file that creates it."""
    number = parse_code(text)
    contracts = _contracts(lookups)
    found = contracts.by_number.get(number)
    if found is not None:
        return [found]
    return [number] if number in contracts.file_keys else []


ORIGINAL = Ref("原合同", _find_original)


# --- instructors ----------------------------------------------------------------------------------


def prepare_instructor(instructor: Instructor, before: Instructor | None, ctx: ImportContext) -> None:
    """The node is the 联系单位's; without one, the instructor stays where it was, and a new one
    belongs to the importing user's node (SPEC §2). The 身份证号 links the worker when the worker
    register holds them."""
    liaison = instructor.liaison
    if liaison is not None:
        instructor.node_id = node_id_of(liaison)
    elif before is not None:
        instructor.node_id = before.node_id
    elif getattr(ctx.user, "org_id", None):
        instructor.node_id = ctx.user.org_id
    else:
        raise ValidationError({"liaison": "请填写联系单位：以系统根账号导入时无法确定该指导员所属的组织"})
    link_worker(instructor, before, ctx.lookups)


# --- contracts -----------------------------------------------------------------------------------


def prepare_contract(contract: Contract, before: Contract | None, ctx: ImportContext) -> None:
    """签约单位 give the node (the first one's) and `party_codes`; 原合同编号 links the contract
    renewed; the dates give the expiry and the stage, whose change must be a legal move."""
    if "party_list" in ctx.present:
        parties = contract.party_list  # type: ignore[attr-defined]
        codes = [p.credit_code for p in parties]
        if repeated := sorted({p.name for p in parties if codes.count(p.credit_code) > 1}):
            raise ValidationError({"party_list": f"签约单位重复：{'、'.join(repeated)}"})
        contract.party_codes = "；".join(codes)
        contract.node_id = parties[0].node_id
        ctx.events.append(("parties", contract.number, "", tuple(p.pk for p in parties)))
    if "renews_ref" in ctx.present:
        original = contract.renews_ref  # type: ignore[attr-defined]
        known = _contracts(ctx.lookups)
        if isinstance(original, str):  # a row of this file, linked once it is written
            contract.renews = None
            contract._renews_in_file = True  # type: ignore[attr-defined]
            ctx.events.append(("renews", contract.number, "", original))
            number = original
        else:
            contract.renews = original
            number = original.number if original is not None else None
            if original is not None and (refusal := renewal_error(contract, original, known.renewed_by.get(number))):
                raise ValidationError({"renews_ref": refusal})
        if number is not None:
            if number == contract.number:
                raise ValidationError({"renews_ref": "合同不能续签它自己"})
            other = known.claimed.setdefault(number, contract.number)
            if other != contract.number:
                raise ValidationError({"renews_ref": f"原合同已由本文件中的合同 {other} 续签"})
    contract.derive()
    check_import_move(contract, before, ctx)


def set_parties(parties: dict[int, tuple[int, ...]]) -> None:
    """Make each contract's 签约单位 exactly these employers, in this order (one query to read,
    one to delete and one to insert, whatever the number of contracts)."""
    if not parties:
        return
    current: dict[int, list[int]] = {pk: [] for pk in parties}
    ids = list(parties)
    for start in range(0, len(ids), 1000):
        links = ContractParty.objects.filter(contract_id__in=ids[start:start + 1000]).order_by("contract_id", "position")
        for contract_id, employer_id in links.values_list("contract_id", "employer_id"):
            current[contract_id].append(employer_id)
    changed = [pk for pk, wanted in parties.items() if tuple(current[pk]) != tuple(wanted)]
    for start in range(0, len(changed), 1000):
        ContractParty.objects.filter(contract_id__in=changed[start:start + 1000]).delete()
    ContractParty.objects.bulk_create(
        [ContractParty(contract_id=pk, employer_id=e, position=i) for pk in changed for i, e in enumerate(parties[pk], 1)],
        batch_size=1000,
    )


def _ids_of(numbers: Iterable[str]) -> dict[str, int]:
    numbers = list(set(numbers))
    found: dict[str, int] = {}
    for start in range(0, len(numbers), 1000):
        found.update(Contract.objects.filter(number__in=numbers[start:start + 1000]).values_list("number", "pk"))
    return found


def after_contract_write(plan: Plan, user: User, tag: str, when: dt.datetime) -> None:
    """After the rows: the stage moves (Transition rows), the parties, and renewals of contracts
    that were rows of the same file."""
    record_import_moves(plan.register, plan, user, tag, when)
    parties = {key: ids for kind, key, _, ids in plan.events if kind == "parties"}
    renews = {key: original for kind, key, _, original in plan.events if kind == "renews"}
    ids = _ids_of([*parties, *renews, *renews.values()])
    set_parties({ids[key]: employers for key, employers in parties.items() if key in ids})
    history = Contract.history.model
    for key, original in renews.items():
        if key in ids and original in ids:
            Contract.objects.filter(pk=ids[key]).update(renews_id=ids[original])
            # the history row this write made says what the record now holds
            history.objects.filter(id=ids[key], history_change_reason=tag).update(renews_id=ids[original])


def sync_parties(contract_ids: Iterable[int]) -> None:
    """Rebuild the many-to-many from the stored 签约单位 (after an undo restored `party_codes`)."""
    rows = list(Contract.objects.filter(pk__in=list(contract_ids)).values_list("pk", "party_codes"))
    codes = {code for _, text in rows for code in text.split("；") if code}
    employer_ids = dict(Employer.objects.filter(credit_code__in=codes).values_list("credit_code", "pk"))
    set_parties({pk: tuple(employer_ids[c] for c in text.split("；") if c in employer_ids) for pk, text in rows})
