"""An org's 联系电话 that holds a mobile is masked like every mobile; an office line is shown."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from audit.models import Action, AuditEntry
from orgs.services import org_update

MOBILE = "13912345678"
MASKED = "139****5678"
OFFICE = "0571-87654321"


def _sheet(response) -> list[list]:
    content = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


@pytest.fixture
def phones(district):
    district.qingbo_union.phone = MOBILE
    district.qingbo_union.save()
    district.qingbo.phone = OFFICE
    district.qingbo.save()
    return district


@pytest.mark.parametrize("persona", ["qingbo_viewer", "qingbo_admin"])
def test_the_org_page_masks_a_mobile_and_shows_an_office_line(login, phones, persona):
    client = login(persona)
    union = client.get(reverse("orgs:org-detail", args=[phones.qingbo_union.pk])).content.decode()
    assert MASKED in union and MOBILE not in union
    assert OFFICE in client.get(reverse("orgs:org-detail", args=[phones.qingbo.pk])).content.decode()


def test_a_viewers_export_and_the_api_mask_it_an_admins_export_keeps_it(login, phones):
    viewer_rows = _sheet(login("qingbo_viewer").get(reverse("registers:export", args=["orgs"])))
    assert "脱敏" in str(viewer_rows[0][0])
    cells = {str(c) for row in viewer_rows for c in row}
    assert MASKED in cells and MOBILE not in cells and OFFICE in cells
    admin_cells = {str(c) for row in _sheet(login("qingbo_admin").get(reverse("registers:export", args=["orgs"]))) for c in row}
    assert MOBILE in admin_cells
    api = login("qingbo_admin").get(reverse("api:register-rows", args=["orgs"])).content.decode()
    assert MASKED in api and MOBILE not in api


def test_a_change_of_the_phone_is_masked_in_the_history_and_the_audit_log(login, personas, phones):
    org_update(user=personas["qingbo_admin"], org=phones.qingbo_union, phone="13800001111")
    page = login("qingbo_viewer").get(reverse("orgs:org-detail", args=[phones.qingbo_union.pk])).content.decode()
    assert "138****1111" in page and "13800001111" not in page and MOBILE not in page
    entry = AuditEntry.objects.get(action=Action.UPDATE)
    assert MOBILE not in str(entry.detail) and "13800001111" not in str(entry.detail)
