"""Two admins edit the same worker, employer or org: the second save of a stale form is refused,
and the first one's change stays."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from orgs.models import Employer, Org
from workers.models import Worker

PAGES = [  # (edit page, the record in 清波's subtree, its model)
    ("workers:worker-edit", "qingbo_worker", Worker),
    ("orgs:employer-edit", "qingbo_employer", Employer),
    ("orgs:org-edit", "qingbo_union", Org),
]


def posted(page) -> dict[str, str]:
    """What the browser posts back for the form as the page shows it."""
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = str(value)
    return data


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("url_name", "attr", "model"), PAGES)
def test_the_second_save_of_a_stale_edit_form_is_refused(personas, district, url_name, attr, model):
    record = getattr(district, attr)
    url = reverse(url_name, args=[record.pk])
    first, second = as_user(personas["district_admin"]), as_user(personas["qingbo_admin"])
    first_form, second_form = posted(first.get(url)), posted(second.get(url))

    saved = first.post(url, {**first_form, "name": "先保存的名称"})
    assert saved.status_code == 302
    refused = second.post(url, {**second_form, "name": "后保存的名称"})
    assert refused.status_code == 200
    assert "该记录已被他人修改" in refused.content.decode()
    assert model.objects.get(pk=record.pk).name == "先保存的名称"

    # after reloading, the second admin saves on top of the first one's change
    again = second.post(url, {**posted(second.get(url)), "name": "后保存的名称"})
    assert again.status_code == 302 and model.objects.get(pk=record.pk).name == "后保存的名称"
