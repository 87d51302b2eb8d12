"""A rule the product keeps beyond SPEC's is a notice in an import's preview, not a refusal."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from proposals.models import Proposal
from registers.models import ImportLog, ImportStatus

from .files import xlsx

HEADERS = ["建议编号", "标题", "提出人", "所在单位", "提出日期", "状态", "经济效益(万元)"]
ROW = ["JY2024-001", "关于优化换模流程的建议", "张清波", "清波示范科技有限公司", "2024-03-01", "审核中", "12.5"]


def test_the_preview_lists_the_notices_and_the_import_keeps_them(district, personas, client):
    client.force_login(personas["qingbo_admin"])
    data = xlsx([HEADERS, ROW, ["JY2024-002", *ROW[1:]]])
    response = client.post(reverse("registers:import", args=["proposals"]), {
        "file": SimpleUploadedFile("合理化建议.xlsx", data, "application/octet-stream")})
    preview = client.get(response.url).text
    log = ImportLog.objects.get()
    assert log.status == ImportStatus.READY and log.created == 2
    notice = "第 2、3 行「经济效益(万元)」：状态为“审核中”的建议填写了经济效益"
    assert "data-notes" in preview and notice in preview
    client.post(reverse("registers:import-confirm", args=[log.pk]))
    log.refresh_from_db()
    assert log.status == ImportStatus.DONE and notice in log.notes[0]
    assert Proposal.objects.filter(benefit=12.5).count() == 2
    assert notice in client.get(response.url).text


def test_a_form_still_refuses_what_a_file_takes_with_a_notice(district, personas):
    """A form (a one-row plan) keeps the rule as an error the user fixes while typing."""
    from registers.catalog import get_register
    from registers.importing import plan_import
    from registers.reading import Table

    register, user = get_register("proposals"), personas["qingbo_admin"]
    as_file = plan_import(register, Table(HEADERS, [ROW], 1), user)
    as_form = plan_import(register, Table(HEADERS, [ROW], 1), user, form=True)
    assert as_file.ok and as_file.notes
    assert [p.reason for p in as_form.problems] == ["状态为“审核中”的建议填写了经济效益（建议采纳后才计入经济效益合计）"]
