"""Import rules of the honour and facility registers (SPEC §2): 所在单位, owning node, the person
linked by 身份证号, and the honour's key, which depends on whether the row names a person.

The import engine finds an existing record by `Register.key_fields`, which must be columns of the
file: 对象+类型+级别+年度+所在单位 for every honour. For a person SPEC §2's key is 类型+级别+年度+
身份证号, so `prepare_honour` also checks that key (stored as Honour.natural_key, unique): a row that
names a person already honoured under another unit or name is refused, never written twice.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from orgs.models import Employer, Org
from orgs.refs import PARTY, Lookups, Ref
from registers.importing import ImportContext
from workers.refs import link_worker

from .models import Facility, Honour, UnitRecord, unit_key_of

_UNITS = "_honours_units"  # on the import's Lookups: the records the 所在单位 cells named, by unit key
_PERSON_KEYS = "_honours_person_keys"  # on the import's context: person keys → (record id, its node's path); 0: a row of the file


def _units(lookups: Lookups) -> dict[str, Employer | Org]:
    return lookups.__dict__.setdefault(_UNITS, {})


def _find_units(lookups: Lookups, text: str) -> list[str]:
    """An employer (信用代码 or exact name) or an org (exact name) in the subtree, as its unit key."""
    keys = []
    for party in PARTY.find(lookups, text):
        key = unit_key_of(party)
        _units(lookups)[key] = party
        keys.append(key)
    return keys


UNIT = Ref(PARTY.label, _find_units, PARTY.several)


def place(record: UnitRecord, ctx: ImportContext) -> None:
    """所在单位 from the key its cell resolved to, and with it the owning node (SPEC §2)."""
    unit = _units(ctx.lookups).get(record.unit_key)
    if unit is None:  # the row's 所在单位 cell is required, so it was resolved by UNIT
        raise ValidationError({"unit_key": "必填，不能为空"})
    record.set_unit(unit)


def _person_keys(ctx: ImportContext) -> dict[str, tuple[int, str]]:
    """The person keys of every honour of the tree (a key is unique tree-wide), read once."""
    keys = ctx.__dict__.get(_PERSON_KEYS)
    if keys is None:
        keys = {key: (pk, path) for key, pk, path in
                Honour.objects.exclude(id_number="").values_list("natural_key", "pk", "node__path")}
        ctx.__dict__[_PERSON_KEYS] = keys
    return keys


def prepare_honour(honour: Honour, before: Honour | None, ctx: ImportContext) -> None:
    place(honour, ctx)
    link_worker(honour, before, ctx.lookups)
    honour.derive_keys()
    if not honour.id_number:
        return
    if before is not None and before.id_number and before.id_number != honour.id_number:
        # the row matched a record of the same unit, 对象 and honour that names another person
        raise ValidationError({"id_number": "系统中该单位同名对象的这项表彰登记的是另一个身份证号；"
                                            "如是更正身份证号，请在该记录的页面修改"})
    keys = _person_keys(ctx)
    holder, path = keys.get(honour.natural_key, (None, ""))
    mine = before.pk if before is not None else None
    if holder is not None and holder != mine:
        if holder and not ctx.lookups.in_scope(path):  # as for any record outside the subtree: not whose
            raise ValidationError({"id_number": "此人的这项表彰已在您的管辖范围以外登记，不能再次登记"})
        where = "文件中前面已有一行" if holder == 0 else "系统中已有"
        raise ValidationError({"id_number": f"{where}此人同类型、同级别、同年度的表彰（所在单位或对象不同），同一表彰不能登记两次"})
    keys[honour.natural_key] = (mine or 0, ctx.lookups.scope_path)


def prepare_facility(facility: Facility, before: Facility | None, ctx: ImportContext) -> None:
    place(facility, ctx)
