"""A person's page gathers their records across registers, in the user's subtree only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_id_number
from registers.catalog import get_register
from registers.imports import import_file
from registers.tests.files import xlsx


def load(user, slug: str, rows: list[dict[str, str]]) -> None:
    _, problems = import_file(user=user, register=get_register(slug), file_name=f"{slug}.xlsx",
                              data=xlsx([list(rows[0]), *[list(r.values()) for r in rows]]))
    assert problems == []


@pytest.fixture
def records(district, personas):
    admin = personas["qingbo_admin"]
    worker = district.qingbo_worker
    load(admin, "certificates", [{"证书编号": "ZS-1", "姓名": worker.name, "身份证号": worker.id_number, "证书名称": "电工（中级）", "发证日期": "2025-06-01"}])
    load(admin, "proposals", [{"建议编号": "JY-1", "标题": "改进排班", "提出人": worker.name, "提出人身份证号": worker.id_number,
                               "所在单位": district.qingbo_employer.credit_code, "提出日期": "2025-03-01", "状态": "已提交"}])
    load(admin, "honours", [{"类型": "知识型职工", "对象": worker.name, "所在单位": district.qingbo_employer.credit_code,
                             "身份证号": worker.id_number, "级别": "区级", "年度": "2024"}])
    outsider = make_id_number(region="110101", born="19800101", seq="555")
    load(admin, "certificates", [{"证书编号": "ZS-2", "姓名": "外区职工", "身份证号": outsider, "证书名称": "焊工", "发证日期": "2025-07-01"}])
    return worker


def test_the_workers_page_leads_to_everything_held_under_their_id(login, records):
    client = login("qingbo_admin")
    page = client.get(reverse("registers:person", args=["workers", records.pk])).content.decode()
    assert "电工（中级）" in page and "改进排班" in page and "知识型职工" in page and "焊工" not in page
    assert records.id_number not in page  # masked
    assert reverse("registers:person", args=["workers", records.pk]) in client.get(
        reverse("workers:worker-detail", args=[records.pk])).content.decode()


def test_a_person_outside_the_worker_register_has_a_page_from_their_record(login, records):
    from training.models import Certificate

    certificate = Certificate.objects.get(number="ZS-2")
    client = login("qingbo_admin")
    detail = client.get(reverse("registers:record-detail", args=["certificates", certificate.pk])).content.decode()
    url = reverse("registers:person", args=["certificates", certificate.pk])
    assert url in detail
    page = client.get(url).content.decode()
    assert "外区职工" in page and "焊工" in page and "职工名录中没有此人" in page and "电工（中级）" not in page


def test_a_sibling_street_cannot_open_the_page(login, records):
    assert login("hubin_admin").get(reverse("registers:person", args=["workers", records.pk])).status_code == 404
