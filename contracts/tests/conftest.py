"""Contract fixtures on the shared district (conftest.py at the root): records made directly, the
way the register would hold them, and the file helpers the import tests share."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.http import QueryDict
from python_calamine import CalamineWorkbook

from conftest import make_id_number
from contracts.importing import set_parties
from contracts.models import Contract, Instructor
from registers.catalog import get_register
from registers.imports import import_file
from registers.services import register_export
from registers.tests.files import xlsx

CONTRACT_HEADERS = ["合同编号", "合同类型", "签订方式", "签约单位", "签订日期", "期限(年)", "覆盖职工人数", "女职工人数",
                    "职代会通过日期", "报送审查日期", "审查通过日期", "原合同编号", "指导员"]
INSTRUCTOR_HEADERS = ["姓名", "身份证号", "聘任日期", "解聘日期", "联系单位"]
INSTRUCTOR_ID = make_id_number(region="330102", born="19750305", seq="341")


def run(user, slug: str, rows: list[list]):
    return import_file(user=user, register=get_register(slug), file_name=f"{slug}.xlsx", data=xlsx(rows))


def export_rows(user, slug: str, **params: str) -> list[list]:
    buffer = io.BytesIO()
    query = QueryDict(mutable=True)
    query.update(params)
    register_export(user=user, register=get_register(slug), target=buffer, params=query)
    return CalamineWorkbook.from_filelike(io.BytesIO(buffer.getvalue())).get_sheet_by_index(0).to_python()


def contract_row(**values: Any) -> list:
    row = {"合同编号": "JT2024-0001", "合同类型": "综合性集体合同", "签订方式": "新签", "签约单位": "清波示范科技有限公司",
           "签订日期": "2024-03-01", "期限(年)": 3, "覆盖职工人数": 10, "女职工人数": 5, "职代会通过日期": "2024-02-20",
           "报送审查日期": "2024-03-05", "审查通过日期": "", "原合同编号": "", "指导员": ""}
    row.update(values)
    return [row[h] for h in CONTRACT_HEADERS]


def make_instructor(node, *, id_number: str = INSTRUCTOR_ID, name: str = "钱指导", liaison=None,
                    appointed_on: dt.date = dt.date(2020, 1, 1), dismissed_on: dt.date | None = None) -> Instructor:
    instructor = Instructor(name=name, id_number=id_number, appointed_on=appointed_on, dismissed_on=dismissed_on,
                            liaison=liaison, node=node)
    instructor.full_clean()
    instructor.save()
    return instructor


def make_contract(number: str, parties: list, *, signed_on: dt.date | None = dt.date(2024, 3, 1), term: int = 3,
                  contract_type: str = "综合性集体合同", covered: int = 100, renews: Contract | None = None,
                  **fields: Any) -> Contract:
    contract = Contract(
        number=number, contract_type=contract_type, signing_mode="续签" if renews else "新签",
        party_codes="；".join(p.credit_code for p in parties), signed_on=signed_on, term_years=term,
        covered_workers=covered, renews=renews, node_id=parties[0].node_id, **fields,
    )
    contract.full_clean()
    contract.save()
    set_parties({contract.pk: tuple(p.pk for p in parties)})
    return contract
