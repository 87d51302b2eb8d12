"""Every register, every generic path: parametrised over the catalogue, so a register declared
later is walked by these tests as soon as it has a sample row (samples.py; the meta-test says so).

The paths: the list page with each of its filters and sorts, detail, create and edit forms, the
template, the export and its re-import, the web import from upload to undo, a file with a bad row
and its marked copy, refused files, the create form over a key that exists (or comes to exist
while the form is saved), and the JSON API with the workflow's moves.
"""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urlencode

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse

from audit.models import Action, AuditEntry
from core.declarations import Register
from registers.catalog import registers
from registers.imports import import_file
from registers.models import ImportLog, ImportStatus
from registers.records import cells_of
from registers.services import export_queryset
from workflows.models import Transition

from .files import xlsx
from .samples import SAMPLES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL = sorted(registers())
GENERIC = sorted(slug for slug, r in registers().items() if not r.list_url and r.model is not None)
FLOWS = sorted(slug for slug in GENERIC if getattr(registers()[slug].model, "WORKFLOW", None) is not None)
ADMIN = "qingbo_admin"


# --- building blocks ------------------------------------------------------------------------------

def rows_file(register: Register, rows: list[dict[str, str]]) -> bytes:
    return xlsx([register.headers, *[[row.get(h, "") for h in register.headers] for row in rows]])


def seed(district: Any, user: Any, slug: str, *numbers: int) -> list[Any]:
    """The register's sample rows `numbers` (and the first rows of what they need), written by an
    import of the user's: the records, newest last."""
    sample = SAMPLES[slug]
    if sample.setup is not None:
        sample.setup(district)
    for need in sample.needs:
        register = registers()[need]
        if not register.model._default_manager.exists():
            _, problems = import_file(user=user, register=register, file_name=f"{need}.xlsx",
                                      data=rows_file(register, [SAMPLES[need].row(district, 1)]))
            assert not problems, problems
    register = registers()[slug]
    before = set(register.model._default_manager.values_list("pk", flat=True))
    _, problems = import_file(user=user, register=register, file_name=f"{slug}.xlsx",
                              data=rows_file(register, [sample.row(district, n) for n in numbers]))
    assert not problems, problems
    return list(register.model._default_manager.exclude(pk__in=before).order_by("pk"))


def list_page(slug: str) -> str:
    return registers()[slug].list_page


def form_data(register: Register, cells: dict[str, Any], **extra: str) -> dict[str, str]:
    return {f"c{register.headers.index(h)}": "" if v is None else str(v) for h, v in cells.items()} | extra


def key_values(register: Register, cells: dict[str, str]) -> list[str]:
    """The cells of the natural key as typed (a linked unit as its code, personal data in clear)."""
    return [cells[c.name] for c in register.columns if c.target in register.key_fields and cells.get(c.name)]


def shown_key_values(register: Register, cells: dict[str, str]) -> list[str]:
    """The key cells a page shows as typed: not a linked record (shown by name), not personal data."""
    return [cells[c.name] for c in register.columns
            if c.target in register.key_fields and cells.get(c.name) and c.ref is None and c.mask is None]


def form_errors(response: Any) -> str:
    form = response.context["form"]
    return " ".join(str(m) for messages in form.errors.values() for m in messages)


def upload(client: Any, slug: str, data: bytes, name: str = "台账.xlsx") -> Any:
    return client.post(reverse("registers:import", args=[slug]), {"file": SimpleUploadedFile(name, data, XLSX)})


def read_xlsx(data: bytes) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def content(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def admin(login):
    return login(ADMIN)


# --- the catalogue ------------------------------------------------------------------------------

def test_every_register_has_a_sample_row_the_generic_tests_can_use():
    missing = sorted(set(registers()) - set(SAMPLES))
    assert not missing, f"add a sample row for {missing} to registers/tests/samples.py"
    for slug, sample in SAMPLES.items():
        assert slug in registers(), f"samples.py has a row for {slug}, which no app declares"
        assert set(sample.needs) <= set(registers())
        register = registers()[slug]
        keys = {c.name for c in register.columns if c.target in register.key_fields}
        assert sample.change and set(sample.change) <= set(register.headers) - keys, f"{slug}: change a column outside the key"


@pytest.mark.parametrize("slug", ALL)
def test_the_sample_rows_are_good_rows_with_every_required_column(district, personas, slug):
    register = registers()[slug]
    row = SAMPLES[slug].row(district, 1)
    assert set(row) <= set(register.headers)
    assert {c.name for c in register.columns if c.required} <= {h for h, v in row.items() if v}
    assert SAMPLES[slug].row(district, 1) != SAMPLES[slug].row(district, 2)
    assert len(seed(district, personas[ADMIN], slug, 1, 2)) == 2


# --- list, detail, forms ------------------------------------------------------------------------

def filter_values(field: Any, sample: dict[str, str]) -> list[str]:
    """Values a person may give a filter: every choice of a drop-down, else what the sample holds."""
    from django import forms

    if isinstance(field, forms.ChoiceField):
        # and an id or value the drop-down does not offer (an old link, another street's union)
        return [*(str(value) for value, _ in field.choices if value not in ("", None)), "999999", "不存在"]
    if isinstance(field, forms.NullBooleanField | forms.BooleanField):
        return ["true", "false"]
    if isinstance(field, forms.DateField):
        return ["2025-06-01", "2099-01-01"]
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return ["2025", "0", "99999", "-5", "2025.5", "abc"]
    first = next(iter(sample.values()))
    return [first, first[:2], "没有这样的记录", "%_'\"", "x" * 300]


@pytest.mark.parametrize("slug", ALL)
def test_the_list_page_shows_the_records_with_every_filter_and_sort(admin, district, personas, slug):
    register = registers()[slug]
    seed(district, personas[ADMIN], slug, 1, 2)
    url = list_page(slug)
    page = admin.get(url)
    assert page.status_code == 200
    text = page.text
    assert register.label in text
    sorts = sorted(set(re.findall(r"[?&]sort=(-?\w+)", text)))
    for sort in [*sorts, "c99", "-", "id; drop"]:
        assert admin.get(url, {"sort": sort}).status_code == 200, sort
    for number in ("2", "999", "0", "abc"):
        assert admin.get(url, {"page": number}).status_code == 200, number
    if register.filterset is None:
        return
    form = page.context["filter"].form
    sample = SAMPLES[slug].row(district, 1)
    for name, field in form.fields.items():
        for value in filter_values(field, sample):
            params = {name: value}
            response = admin.get(url, params)
            assert response.status_code == 200, params
            # the export writes what the list shows
            exported = export_queryset(user=personas[ADMIN], register=register, params=QueryDict(urlencode(params)))
            assert response.context["page"].paginator.count == exported.count(), params
        for sort in sorts[:1]:
            assert admin.get(url, {name: filter_values(field, sample)[0], "sort": sort}).status_code == 200


@pytest.mark.parametrize("slug", [slug for slug, register in registers().items() if register.pages])
def test_the_list_page_offers_the_registers_own_pages_and_they_open(admin, district, personas, slug):
    seed(district, personas[ADMIN], slug, 1)
    text = admin.get(list_page(slug)).text
    for label, name, query in registers()[slug].pages:
        url = reverse(name) + (f"?{query}" if query else "")
        assert f'href="{url.replace("&", "&amp;")}">{label}</a>' in text, label
        assert admin.get(url).status_code == 200, url


@pytest.mark.parametrize("slug", GENERIC)
def test_the_detail_page_shows_the_record(admin, district, personas, slug):
    register = registers()[slug]
    record = seed(district, personas[ADMIN], slug, 1)[0]
    page = admin.get(reverse("registers:record-detail", args=[slug, record.pk]))
    assert page.status_code == 200
    assert all(value in page.text for value in shown_key_values(register, SAMPLES[slug].row(district, 1)))
    # a viewer reads it with personal data masked, and is offered no edit
    viewer = login_as(admin, "qingbo_viewer", personas)
    seen = viewer.get(reverse("registers:record-detail", args=[slug, record.pk]))
    clear = {SAMPLES[slug].row(district, 1).get(c.name) for c in register.columns if c.mask} - {None, ""}
    assert seen.status_code == 200 and not any(value in seen.text for value in clear)
    assert reverse("registers:record-edit", args=[slug, record.pk]) not in seen.text
    sibling = login_as(admin, "hubin_admin", personas)
    assert sibling.get(reverse("registers:record-detail", args=[slug, record.pk])).status_code == 404


def login_as(client: Any, username: str, personas: dict) -> Any:
    client.force_login(personas[username])
    return client


@pytest.mark.parametrize("slug", GENERIC)
def test_the_create_form_saves_a_good_row(admin, district, personas, slug):
    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        seed(district, personas[ADMIN], need, 1)
    url = reverse("registers:record-create", args=[slug])
    form = admin.get(url)
    assert form.status_code == 200 and all(h in form.text for h in register.headers)
    cells = SAMPLES[slug].row(district, 3)
    response = admin.post(url, form_data(register, cells))
    assert response.status_code == 302, response.content.decode()
    record = register.model._default_manager.latest("pk")
    assert response.url == reverse("registers:record-detail", args=[slug, record.pk])
    assert AuditEntry.objects.filter(action=Action.CREATE, username=ADMIN).exists()


@pytest.mark.parametrize("slug", GENERIC)
def test_the_edit_form_saves_its_own_values_and_a_change(admin, district, personas, slug):
    register = registers()[slug]
    record = seed(district, personas[ADMIN], slug, 1)[0]
    url = reverse("registers:record-edit", args=[slug, record.pk])
    page = admin.get(url)
    assert page.status_code == 200
    data = {name: "" if value is None else str(value) for name, value in page.context["form"].initial.items()}
    unchanged = admin.post(url, data)
    assert unchanged.status_code == 302, unchanged.content.decode()
    assert not record.history.filter(history_type="~").exists()
    before = cells_of(register, record, user=personas[ADMIN])
    version = admin.get(url).context["form"].initial["version"]
    changed = admin.post(url, data | form_data(register, SAMPLES[slug].change, version=version))
    assert changed.status_code == 302, changed.content.decode()
    after = cells_of(register, record, user=personas[ADMIN])
    assert {h for h in register.headers if before[h] != after[h]} == set(SAMPLES[slug].change)
    assert record.history.filter(history_type="~").exists()


@pytest.mark.parametrize("slug", GENERIC)
def test_the_delete_page_deletes(admin, district, personas, slug):
    register = registers()[slug]
    record = seed(district, personas[ADMIN], slug, 1)[0]
    url = reverse("registers:record-delete", args=[slug, record.pk])
    assert admin.get(url).status_code == 200
    assert admin.post(url).status_code == 302
    assert not register.model._default_manager.filter(pk=record.pk).exists()


# --- the key of a new record exists -------------------------------------------------------------

@pytest.mark.parametrize("changed", [False, True], ids=["same-row", "other-values"])
@pytest.mark.parametrize("slug", GENERIC)
def test_a_create_over_an_existing_key_is_the_form_again_naming_the_key(admin, district, personas, slug, changed):
    register = registers()[slug]
    record = seed(district, personas[ADMIN], slug, 1)[0]
    count = register.model._default_manager.count()
    stored = cells_of(register, record, user=personas[ADMIN])
    cells = SAMPLES[slug].row(district, 1) | (SAMPLES[slug].change if changed else {})
    response = admin.post(reverse("registers:record-create", args=[slug]), form_data(register, cells))
    assert response.status_code == 200
    said = form_errors(response)
    assert "已有" in said and all(value in said for value in key_values(register, cells)), said
    assert register.model._default_manager.count() == count and cells_of(register, record, user=personas[ADMIN]) == stored


@pytest.mark.parametrize("moment", ["before-its-model-checks", "after-its-model-checks"])
@pytest.mark.parametrize("slug", GENERIC)
def test_a_key_taken_while_the_form_is_saved_is_the_form_again(admin, district, personas, slug, moment, monkeypatch):
    """A double click on 保存: the other request's record is written once this one has found the
    key free, before the model's own checks (they see it) or after them (the database's unique
    index refuses the row)."""
    import registers.records as records

    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        seed(district, personas[ADMIN], need, 1)
    cells = SAMPLES[slug].row(district, 4)
    before = register.model._default_manager.count()
    real_key_taken = records._key_taken

    def the_other_request_saves_now(register: Register, instance: Any) -> bool:
        free = real_key_taken(register, instance)
        monkeypatch.setattr(records, "_key_taken", real_key_taken)
        seed(district, personas[ADMIN], slug, 4)
        if moment == "after-its-model-checks":
            instance.validate_unique = instance.validate_constraints = lambda *args, **kwargs: None
        return free

    monkeypatch.setattr(records, "_key_taken", the_other_request_saves_now)
    response = admin.post(reverse("registers:record-create", args=[slug]), form_data(register, cells))
    assert response.status_code == 200
    said = form_errors(response)
    assert "已有" in said and all(value in said for value in key_values(register, cells)), said
    assert register.model._default_manager.count() == before + 1


# --- template, export, import -------------------------------------------------------------------

@pytest.mark.parametrize("slug", ALL)
def test_the_template_filled_with_a_sample_row_imports(admin, district, personas, slug):
    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        seed(district, personas[ADMIN], need, 1)
    response = admin.get(reverse("registers:template", args=[slug]))
    assert response.status_code == 200
    headers = read_xlsx(content(response))[0]
    assert [str(h) for h in headers] == register.headers
    row = SAMPLES[slug].row(district, 5)
    page = upload(admin, slug, xlsx([headers, [row.get(str(h), "") for h in headers]]))
    assert page.status_code == 302
    assert ImportLog.objects.get(register=slug).status == ImportStatus.READY


@pytest.mark.parametrize("slug", ALL)
def test_an_unmasked_export_reimports_unchanged(admin, district, personas, slug):
    """SPEC §2: an admin's export is the register as it is; uploaded again it changes nothing."""
    seed(district, personas[ADMIN], slug, 1, 2)
    response = admin.get(reverse("registers:export", args=[slug]))
    assert response.status_code == 200
    data = content(response)
    page = upload(admin, slug, data, "导出.xlsx")
    assert page.status_code == 302
    log = ImportLog.objects.filter(file_name="导出.xlsx").get()
    assert (log.status, log.created, log.updated) == (ImportStatus.READY, 0, 0), log.problems
    assert log.unchanged == registers()[slug].queryset(personas[ADMIN]).count()


@pytest.mark.parametrize("slug", ALL)
def test_a_good_file_goes_from_upload_to_undo_on_the_pages(admin, district, personas, slug):
    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        seed(district, personas[ADMIN], need, 1)
    first = seed(district, personas[ADMIN], slug, 1)[0]
    stored = cells_of(register, first, user=personas[ADMIN])
    before = register.model._default_manager.count()
    form = admin.get(reverse("registers:import", args=[slug]))
    assert form.status_code == 200 and f'href="{list_page(slug)}"' in form.text
    rows = [SAMPLES[slug].row(district, 1) | SAMPLES[slug].change, *(SAMPLES[slug].row(district, n) for n in (6, 7))]
    response = upload(admin, slug, rows_file(register, rows))
    assert response.status_code == 302
    log = ImportLog.objects.get(register=slug, file_name="台账.xlsx")
    preview = admin.get(response.url)
    assert preview.status_code == 200 and "待确认" in preview.text
    assert 'data-count="created">2<' in preview.text and 'data-count="updated">1<' in preview.text
    assert register.model._default_manager.count() == before and cells_of(register, first, user=personas[ADMIN]) == stored
    assert admin.post(reverse("registers:import-confirm", args=[log.pk])).status_code == 302
    done = admin.get(response.url)
    assert done.status_code == 200 and "已导入" in done.text and f'href="{list_page(slug)}"' in done.text
    assert "撤销本次导入" in done.text
    assert admin.get(response.url, headers={"HX-Request": "true"}).status_code == 200
    assert register.model._default_manager.count() == before + 2 and cells_of(register, first, user=personas[ADMIN]) != stored
    assert admin.post(reverse("registers:import-undo", args=[log.pk])).status_code == 302
    undone = admin.get(response.url)
    assert undone.status_code == 200 and "已撤销" in undone.text
    assert register.model._default_manager.count() == before and cells_of(register, first, user=personas[ADMIN]) == stored
    assert admin.get(reverse("registers:import-list"), {"register": slug}).status_code == 200


@pytest.mark.parametrize("slug", ALL)
def test_a_file_with_a_bad_row_is_listed_and_its_marked_copy_downloads(admin, district, personas, slug):
    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        seed(district, personas[ADMIN], need, 1)
    required = next(c.name for c in register.columns if c.required)
    before = register.model._default_manager.count()
    bad = SAMPLES[slug].row(district, 9) | {required: ""}
    response = upload(admin, slug, rows_file(register, [SAMPLES[slug].row(district, 8), bad]))
    assert response.status_code == 302
    page = admin.get(response.url)
    assert page.status_code == 200 and "有错误" in page.text and required in page.text
    log = ImportLog.objects.get(register=slug)
    marked = admin.get(reverse("registers:import-marked", args=[log.pk]))
    assert marked.status_code == 200
    rows = read_xlsx(content(marked))
    assert len(rows) == 3 and rows[0][-1] == "备注"
    assert rows[1][-1] in (None, "") and required in rows[2][-1]
    assert register.model._default_manager.count() == before


@pytest.mark.parametrize("slug", ALL)
@pytest.mark.parametrize(("name", "data", "says"), [
    ("台账.xlsx", b"just text, renamed", "不是有效的 Excel"),
    ("台账.xlsx", xlsx([["甲", "乙"], ["1", "2"]]), "缺少"),
    ("台账.pdf", b"%PDF-1.4", "不支持的文件类型"),
], ids=["renamed-text", "wrong-headers", "pdf"])
def test_a_refused_file_is_said_in_chinese(admin, district, slug, name, data, says):
    response = upload(admin, slug, data, name)
    assert response.status_code in (200, 302)
    text = admin.get(response.url).text if response.status_code == 302 else response.text
    assert says in text
    for marked in re.findall(r'href="(/registers/imports/\d+/marked/)"', text):
        assert read_xlsx(content(admin.get(marked)))[0][-1] == "备注"


# --- the API --------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", ALL)
def test_the_api_lists_the_rows_and_one_record(admin, district, personas, slug):
    register = registers()[slug]
    record = seed(district, personas[ADMIN], slug, 1)[0]
    rows = admin.get(reverse("api:register-rows", args=[slug]))
    assert rows.status_code == 200
    body = rows.json()
    assert body["count"] == register.queryset(personas[ADMIN]).count() and record.pk in [r["id"] for r in body["results"]]
    one = admin.get(reverse("api:register-record", args=[slug, record.pk]))
    assert one.status_code == 200 and set(one.json()["fields"]) == set(register.headers)
    if getattr(register.model, "WORKFLOW", None) is None:
        moved = admin.post(reverse("api:register-move", args=[slug, record.pk]), {"to": "已办结"}, content_type="application/json")
        assert moved.status_code == 400 and "没有办理流程" in moved.json()["detail"]
    sibling = login_as(admin, "hubin_admin", personas)
    assert sibling.get(reverse("api:register-record", args=[slug, record.pk])).status_code == 404


def needs_values(model: Any, names: tuple[str, ...], record: Any) -> dict[str, str]:
    """What a move asks for, as a person would fill it: a day after the record's dates, an amount."""
    from django.db import models

    out = {}
    for name in names:
        field = model._meta.get_field(name)
        if isinstance(field, models.DateField):
            out[name] = "2025-12-01"
        elif isinstance(field, models.ForeignKey) and field.related_model._meta.label == "orgs.Org":
            # a union named by the user (a transfer's receiving union): the one above the record's
            node = getattr(record, "node", None)
            out[name] = node.get_parent().name if node is not None and node.get_parent() else "上城区总工会"
        elif isinstance(field, models.DecimalField | models.IntegerField):
            out[name] = "1"
        else:
            out[name] = "已办理"
    return out


@pytest.mark.parametrize("slug", FLOWS)
def test_every_next_state_is_reachable_on_the_page_and_by_the_api(admin, district, personas, slug):
    register = registers()[slug]
    flow = register.model.WORKFLOW
    first, second = seed(district, personas[ADMIN], slug, 1, 2)
    state = getattr(first, flow.field)
    for to in flow.next_states(state):
        page = admin.get(reverse("registers:record-move", args=[slug, first.pk]), {"to": to})
        assert page.status_code == 200, to
    to = flow.next_states(state)[0]
    needs = needs_values(register.model, flow.needs.get(to, ()), first)
    moved = admin.post(reverse("registers:record-move", args=[slug, first.pk]), {"to": to, "reason": "页面办理", **needs})
    assert moved.status_code == 302, moved.content.decode()
    first.refresh_from_db()
    assert getattr(first, flow.field) == to
    url = reverse("api:register-move", args=[slug, second.pk])
    body = {"to": to, "reason": "接口办理", "changes": needs}
    done = admin.post(url, body, content_type="application/json")
    assert done.status_code == 200, done.content.decode()
    assert done.json()["state"] == to and Transition.objects.filter(object_id=second.pk, reason="接口办理").exists()
    wrong = admin.post(url, {"to": "没有这一步"}, content_type="application/json")
    assert wrong.status_code == 400 and "没有这一步" in wrong.json()["detail"]


@pytest.mark.parametrize("slug", ALL)
def test_the_api_takes_the_list_filters_and_any_page(admin, district, personas, slug):
    register = registers()[slug]
    seed(district, personas[ADMIN], slug, 1, 2)
    url = reverse("api:register-rows", args=[slug])
    request = RequestFactory().get(url)
    request.user = personas[ADMIN]
    fields = {}
    if register.filterset is not None:
        fields = register.filterset(QueryDict(), queryset=register.queryset(request.user), request=request).form.fields
    sample = SAMPLES[slug].row(district, 1)
    for name, field in fields.items():
        for value in filter_values(field, sample):
            response = admin.get(url, {name: value})
            assert response.status_code == 200, (name, value)
            expected = export_queryset(user=personas[ADMIN], register=register, params=QueryDict(urlencode({name: value})))
            assert response.json()["count"] == expected.count(), (name, value)
    for number in ("2", "999"):  # a page past the last is empty, not an error
        assert admin.get(url, {"page": number}).status_code == 200, number
    for number in ("0", "-1", "abc"):  # a page no list has is refused, in Chinese
        response = admin.get(url, {"page": number})
        assert response.status_code == 400 and "page" in response.json()["detail"], number


# --- bad cells, in a file and in the form ---------------------------------------------------------

def bad_cells(register: Register) -> dict[str, str]:
    """A value each typed column refuses: no date, no number, not one of the choices."""
    bad = {"date": "2025-13-45", "int": "十二", "decimal": "一百", "bool": "也许"}
    out = {}
    for column in register.columns:
        if column.choices:
            out[column.name] = "没有这个选项"
        elif column.kind in bad:
            out[column.name] = bad[column.kind]
    return out


@pytest.mark.parametrize("slug", ALL)
def test_each_bad_cell_is_named_by_row_column_and_value(admin, district, personas, slug):
    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        seed(district, personas[ADMIN], need, 1)
    bad = bad_cells(register)
    assert bad, f"{slug} has no typed column"
    rows = [SAMPLES[slug].row(district, 20 + i) | {name: value} for i, (name, value) in enumerate(bad.items())]
    response = upload(admin, slug, rows_file(register, rows))
    assert response.status_code == 302
    log = ImportLog.objects.get(register=slug)
    assert log.status == ImportStatus.INVALID
    named = {(row, column, value) for row, column, value, _ in log.problems}
    assert {(2 + i, name, value) for i, (name, value) in enumerate(bad.items())} <= named, log.problems
    page = admin.get(response.url)
    assert page.status_code == 200 and all(value in page.text for value in bad.values())


@pytest.mark.parametrize("slug", GENERIC)
def test_the_create_form_puts_each_problem_on_its_field(admin, district, personas, slug):
    register = registers()[slug]
    for need in SAMPLES[slug].needs:
        seed(district, personas[ADMIN], need, 1)
    url = reverse("registers:record-create", args=[slug])
    empty = admin.post(url, {})
    assert empty.status_code == 200
    errors = empty.context["form"].errors
    assert {f"c{i}" for i, c in enumerate(register.columns) if c.required} <= set(errors), errors
    # a typed column's bad text (the drop-downs refuse what they do not offer)
    drop_downs = {c.name for c in register.columns if c.choices or c.kind == "bool"}
    typed = {name: value for name, value in bad_cells(register).items() if name not in drop_downs}
    for name, value in typed.items():
        response = admin.post(url, form_data(register, SAMPLES[slug].row(district, 30) | {name: value}))
        assert response.status_code == 200, (name, value)
        assert f"c{register.headers.index(name)}" in response.context["form"].errors, (name, value)
    assert not register.model._default_manager.exists()


# --- records that others refer to ---------------------------------------------------------------

REFERRED = sorted((need, slug) for slug, sample in SAMPLES.items() for need in sample.needs if need in GENERIC)


@pytest.mark.parametrize(("need", "slug"), REFERRED, ids=[f"{n}-of-{s}" for n, s in REFERRED])
def test_a_record_others_refer_to_is_not_deleted_and_says_why(admin, district, personas, need, slug):
    seed(district, personas[ADMIN], slug, 1)
    referred = registers()[need].model._default_manager.get()
    url = reverse("registers:record-delete", args=[need, referred.pk])
    response = admin.post(url)
    assert response.status_code == 200 and "引用" in response.text
    assert registers()[need].model._default_manager.filter(pk=referred.pk).exists()


# --- personal data -------------------------------------------------------------------------------

PERSONAL = sorted(slug for slug, r in registers().items() if r.has_personal_data)


@pytest.mark.parametrize("slug", PERSONAL)
def test_a_viewers_export_is_masked_and_cannot_be_imported(login, district, personas, slug):
    register = registers()[slug]
    seed(district, personas[ADMIN], slug, 1)
    count = register.model._default_manager.count()
    exported = content(login("qingbo_viewer").get(reverse("registers:export", args=[slug])))
    rows = read_xlsx(exported)
    sample = SAMPLES[slug].row(district, 1)
    # the values the mask changes (an org's office line is no personal data and stays as it is)
    clear = {str(sample[c.name]) for c in register.columns
             if c.mask and sample.get(c.name) and c.mask(str(sample[c.name])) != str(sample[c.name])}
    assert not any(value in str(row) for row in rows for value in clear)
    admin = login(ADMIN)
    response = upload(admin, slug, exported, "脱敏导出.xlsx")
    text = admin.get(response.url).text if response.status_code == 302 else response.text
    assert "脱敏" in text and "不能导入" in text
    assert register.model._default_manager.count() == count


# --- workflows ------------------------------------------------------------------------------------

def move_by_api(client: Any, personas: dict, slug: str, record: Any, to: str) -> Any:
    """Make the move as the record's street admin, or the district's when the step is theirs."""
    flow = registers()[slug].model.WORKFLOW
    body = {"to": to, "reason": "按流程办理", "changes": needs_values(registers()[slug].model, flow.needs.get(to, ()), record)}
    url = reverse("api:register-move", args=[slug, record.pk])
    response = login_as(client, ADMIN, personas).post(url, body, content_type="application/json")
    if response.status_code == 403:
        response = login_as(client, "district_admin", personas).post(url, body, content_type="application/json")
    return response


def move_by_page(client: Any, personas: dict, slug: str, record: Any, to: str) -> Any:
    """The same move on the record's move page, as the street's admin or the district's."""
    flow = registers()[slug].model.WORKFLOW
    url = reverse("registers:record-move", args=[slug, record.pk])
    data = {"to": to, "reason": "按流程办理", **needs_values(registers()[slug].model, flow.needs.get(to, ()), record)}
    response = login_as(client, ADMIN, personas).post(url, data)
    if response.status_code == 200:  # refused: a step that is the district's
        response = login_as(client, "district_admin", personas).post(url, data)
    return response


def routes_from(flow: Any, start: str) -> dict[str, list[str]]:
    """For each state the workflow reaches from `start`, the shortest list of steps to it."""
    routes: dict[str, list[str]] = {start: []}
    queue = [start]
    while queue:
        state = queue.pop(0)
        for to in flow.next_states(state):
            if to not in routes:
                routes[to] = [*routes[state], to]
                queue.append(to)
    return routes


@pytest.mark.parametrize("slug", FLOWS)
def test_every_step_of_the_workflow_can_be_made_and_is_shown(client, district, personas, slug):
    """Each edge of the workflow, reached from where the sample row starts by the API and made on
    the move page; the record's page and its list then show the state."""
    register = registers()[slug]
    flow = register.model.WORKFLOW
    start = getattr(seed(district, personas[ADMIN], slug, 40)[0], flow.field)
    routes = routes_from(flow, start)
    edges = [(state, to) for state in routes for to in flow.next_states(state)]
    for n, (state, to) in enumerate(edges, start=41):
        record = seed(district, personas[ADMIN], slug, n)[0]
        for step in routes[state]:
            response = move_by_api(client, personas, slug, record, step)
            assert response.status_code == 200, (state, to, step, response.content.decode())
        response = move_by_page(client, personas, slug, record, to)
        assert response.status_code == 302, (state, to, response.content.decode())
        record.refresh_from_db()
        assert getattr(record, flow.field) == to
        page = login_as(client, ADMIN, personas).get(reverse("registers:record-detail", args=[slug, record.pk]))
        assert page.status_code == 200 and to in page.text
        assert not flow.next_states(to) or "变更为" in page.text
        # its edit form, in this state, saves what it shows and leaves the state alone
        edit = reverse("registers:record-edit", args=[slug, record.pk])
        form = client.get(edit).context["form"]
        saved = client.post(edit, {name: "" if value is None else str(value) for name, value in form.initial.items()})
        assert saved.status_code == 302, (to, saved.content.decode())
        record.refresh_from_db()
        assert getattr(record, flow.field) == to
    assert login_as(client, ADMIN, personas).get(list_page(slug)).status_code == 200


@pytest.mark.parametrize("slug", FLOWS)
def test_a_move_page_sent_empty_names_each_missing_value_once_in_the_forms_words(client, district, personas, slug):
    """Every step that asks for values or a reason, sent with none: each field (and the reason) says
    once, at the first try, what is missing, in the create form's words or the rule's, never
    Django's bare 这个字段是必填项; its dates are date pickers."""
    from django.db import models

    register = registers()[slug]
    flow = register.model.WORKFLOW
    start = getattr(seed(district, personas[ADMIN], slug, 70)[0], flow.field)
    routes = routes_from(flow, start)
    edges = [(state, to) for state in routes for to in flow.next_states(state) if flow.needs.get(to) or to in flow.needs_reason]
    assert edges, slug
    for n, (state, to) in enumerate(edges, start=71):
        record = seed(district, personas[ADMIN], slug, n)[0]
        for step in routes[state]:
            assert move_by_api(client, personas, slug, record, step).status_code == 200
        url = reverse("registers:record-move", args=[slug, record.pk])
        page = login_as(client, "district_admin", personas).post(url, {"to": to})
        assert page.status_code == 200, (to, page.status_code)
        reason_said = page.context["form"].errors.get("reason", [])
        assert reason_said == ([f"变为“{to}”须填写原因"] if to in flow.needs_reason else []), (to, reason_said)
        errors = page.context["needs_form"].errors if flow.needs.get(to) else {}
        for name in flow.needs.get(to, ()):
            said = errors.get(name, [])
            assert len(said) == 1, (to, name, said)
            assert "这个字段是必填项" not in said[0], (to, name, said)
            if isinstance(register.model._meta.get_field(name), models.DateField):
                assert f'type="date" name="{name}"' in page.text, (to, name)
        assert getattr(register.model._default_manager.get(pk=record.pk), flow.field) == state


@pytest.mark.django_db(transaction=True)
def test_six_concurrent_saves_of_one_key_save_one_record_and_answer_the_others(district, personas):
    """Six clicks on 保存 at once, each its own request and transaction: one record, and five
    forms saying its key exists. Concurrent writers need a server database (SQLite queues them)."""
    import threading

    from django.db import connection, connections
    from django.test import Client

    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time: the simulated races above stand for it")
    register = registers()["proposals"]
    data = form_data(register, SAMPLES["proposals"].row(district, 50))
    barrier = threading.Barrier(6)
    statuses: list[int] = []
    said: list[str] = []

    def click() -> None:
        try:
            client = Client(raise_request_exception=False)  # a server error is a 500, as users saw it
            client.force_login(personas[ADMIN])
            barrier.wait()
            response = client.post(reverse("registers:record-create", args=["proposals"]), data)
            statuses.append(response.status_code)
            if response.status_code == 200:
                said.append(form_errors(response))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 5 + [302]
    assert all("已有建议编号为“JY2025-0050”" in message for message in said), said
    assert register.model._default_manager.count() == 1


@pytest.mark.parametrize("slug", sorted(r.slug for r in registers().values() if r.person_field))
def test_a_registers_person_field_leads_an_index(slug, db):
    """A person's page and the 自动退会 proposals look each register up by 身份证号: without an
    index, every member of the list scanned the register's recent rows (3.4 s on the demo district
    on SQLite)."""
    from django.db import connection

    register = registers()[slug]
    column = register.model._meta.get_field(register.person_field).column
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, register.model._meta.db_table)
    assert any((c["index"] or c["unique"]) and c["columns"][:1] == [column] for c in found.values()), found
