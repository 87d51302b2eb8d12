"""`uniondesk demo` builds a consistent, valid, repeatable district."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from core.validators import id_birth_date, id_gender, validate_credit_code, validate_id_number
from demo.steps.accounts import PERSONAS
from orgs.models import Employer, Org, OrgType
from workers.models import Worker


def run_demo(seed: int = 7, **options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("demo", size="tiny", seed=seed, stdout=out, **options)
    return out.getvalue()


def snapshot() -> tuple:
    return (
        list(Org.objects.order_by("path").values_list("name", "path")),
        list(Employer.objects.order_by("credit_code").values_list("credit_code", "name")),
        list(Worker.objects.order_by("id_number").values_list("id_number", "name", "mobile")),
    )


@pytest.mark.django_db
def test_demo_district_is_valid_and_consistent():
    output = run_demo()
    root = Org.objects.get(depth=1)
    assert root.name == "上城区总工会"
    streets = set(Org.objects.filter(org_type=OrgType.STREET).values_list("name", flat=True))
    assert streets == {f"{s}街道总工会" for s in ("清波", "湖滨", "小营", "南星", "紫阳", "望江")}
    assert Org.objects.filter(org_type=OrgType.SYSTEM).count() == 3
    assert Org.objects.find_problems() == ([], [], [], [], [])
    assert set(Employer.objects.values_list("employer_type", flat=True)) == {"企业", "事业单位", "机关", "社会组织"}
    for e in Employer.objects.select_related("street", "union"):
        validate_credit_code(e.credit_code)
        assert e.node_id == (e.union_id or e.street_id) and e.street.org_type == OrgType.STREET
    for w in Worker.objects.select_related("employer"):
        assert validate_id_number(w.id_number) == w.id_number
        assert w.gender == id_gender(w.id_number) and w.birth_date == id_birth_date(w.id_number)
        assert w.node_id == w.employer.node_id
    assert Employer.objects.filter(union__isnull=True).exists()
    for username, _, _, _, password in PERSONAS:
        assert username in output and password in output


@pytest.mark.django_db
def test_same_seed_same_district_other_seed_other_district():
    from accounts.models import User
    from audit.models import AuditEntry
    from registers.catalog import get_register
    from registers.imports import import_file
    from registers.tests.files import xlsx

    run_demo(seed=7)
    first = snapshot()
    # what people did in the demo (an import, its log and audit entries) does not stop a reset
    admin = User.objects.get(username="district_admin")
    headers = get_register("meetings").headers
    import_file(user=admin, register=get_register("meetings"), file_name="会议.xlsx", data=xlsx([headers]))
    assert AuditEntry.objects.filter(org__isnull=False).exists()
    run_demo(seed=7, reset=True)
    # the new log starts with the reset; the import's entries went with the data they concerned
    assert AuditEntry.objects.order_by("id").first().object_repr == "uniondesk demo --reset"
    assert not AuditEntry.objects.filter(action="import").exists()
    if connection.vendor == "postgresql":  # the log is append-only again after the reset
        with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic():
            AuditEntry.objects.all()._raw_delete(AuditEntry.objects.db)
    assert snapshot() == first
    run_demo(seed=8, reset=True)
    assert snapshot()[2] != first[2]


@pytest.mark.django_db
def test_demo_refuses_a_database_that_holds_orgs_without_reset():
    run_demo()
    with pytest.raises(CommandError, match="--reset"):
        run_demo()


@pytest.mark.django_db
def test_personas_log_in_with_the_printed_passwords():
    run_demo()
    for username, _, _, _, password in PERSONAS:
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.session.get("_auth_user_id"), username


@pytest.mark.django_db
def test_city_scale_puts_ten_districts_under_the_city_federation():
    run_demo(scale="city")
    root = Org.objects.get(depth=1)
    assert (root.name, root.org_type) == ("杭州市总工会", OrgType.CITY)
    districts = Org.objects.filter(depth=2)
    assert districts.count() == 10 and set(districts.values_list("org_type", flat=True)) == {OrgType.DISTRICT}
    assert Org.objects.find_problems() == ([], [], [], [], [])
    # each district has its own workers, and a district admin sees only theirs
    from accounts.models import User

    admin = User.objects.get(username="district_admin")
    assert admin.org.name == "上城区总工会"
    assert 0 < Worker.objects.visible_to(admin).count() < Worker.objects.count()
