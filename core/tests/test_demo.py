"""`uniondesk demo`: a repeatable, valid district whose printed accounts log in.

Built at the `small` size (2 streets, 20 unions, 100 employers, 1,000 workers): about a second.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User
from audit.models import AuditEntry
from core.demo import SIZES, Sizes, build_demo, parse_sizes
from core.demo.codes import org_code_check_char
from core.demo.context import DemoContext
from core.demo.district import plan_district
from core.demo.places import SHANGCHENG
from core.demo.reset import models_to_wipe, wipe
from core.demo.tree import org_rows
from core.validators import id_birth_date, id_gender, validate_credit_code, validate_id_number
from orgs.models import GRASSROOTS, Employer, EmployerType, Org, OrgType
from workers.models import LabourContract, Worker, WorkStatus

SMALL = SIZES["small"]
# Ten districts of two streets, eight unions, sixteen employers and fifty workers each.
CITY_SMALL = Sizes(streets=2, unions=8, employers=16, workers=50)


def demo(seed: int = 7, **options: object) -> str:
    out = StringIO()
    call_command("demo", seed=seed, size=options.pop("size", SMALL), stdout=out, **options)
    return out.getvalue()


def snapshot() -> tuple[list, ...]:
    return (
        list(Org.objects.order_by("path").values_list("name", "path", "org_type", "chairman")),
        list(Employer.objects.order_by("credit_code").values_list("credit_code", "name", "street__name", "union__name")),
        list(Worker.objects.order_by("id_number").values_list("id_number", "name", "mobile", "employer__name", "status")),
    )


def printed_accounts(output: str) -> dict[str, str]:
    """username → password, read from the table the command prints."""
    table = output.split("演示账号", 1)[1]
    return dict(re.findall(r"^\s+([a-z_]+)\s+(\S+)\s", table, re.MULTILINE))


@pytest.mark.django_db
def test_same_seed_gives_the_same_district_and_another_seed_another():
    demo(seed=7)
    first = snapshot()
    demo(seed=7, reset=True)
    assert snapshot() == first
    demo(seed=8, reset=True)
    other = snapshot()
    assert other[1] != first[1] and other[2] != first[2]
    assert {n for n, *_ in other[2]}.isdisjoint({n for n, *_ in first[2]})  # no 身份证号 in common


@pytest.mark.django_db
def test_names_and_codes_do_not_depend_on_the_day_it_runs():
    def names_and_codes() -> tuple[list, ...]:
        orgs, employers, workers = snapshot()
        return orgs, employers, [w[:4] for w in workers]  # not 在职状态: retirement comes with age

    build_demo(seed=3, sizes=SMALL, today=dt.date(2026, 11, 25))
    first = names_and_codes()
    build_demo(seed=3, sizes=SMALL, today=dt.date(2027, 7, 1), reset=True)
    assert names_and_codes() == first


@pytest.mark.django_db
def test_every_code_is_valid_and_gender_and_birth_date_come_from_the_id():
    demo()
    for e in Employer.objects.all():
        assert validate_credit_code(e.credit_code) == e.credit_code
        assert e.credit_code[2:8] == "330102"
        assert org_code_check_char(e.credit_code[8:16]) == e.credit_code[16]
        expected = {EmployerType.ENTERPRISE: ("91", "92"), EmployerType.AGENCY: ("11",),
                    EmployerType.INSTITUTION: ("12",), EmployerType.SOCIAL: ("51", "52")}[e.employer_type]
        assert e.credit_code[:2] in expected, (e.name, e.credit_code)
    workers = list(Worker.objects.all())
    assert len(workers) == SMALL.workers
    for w in workers:
        assert validate_id_number(w.id_number) == w.id_number
        assert (w.gender, w.birth_date) == (id_gender(w.id_number), id_birth_date(w.id_number))
        assert 1960 <= w.birth_date.year <= 2004
        assert not w.mobile or re.fullmatch(r"1[3-9]\d{9}", w.mobile)
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w.name), w.name
    regions = {w.id_number[:6] for w in workers}
    assert any(r.startswith("3301") for r in regions) and any(not r.startswith("33") for r in regions)


@pytest.mark.django_db
def test_every_record_sits_on_the_node_the_spec_gives_it():
    demo()
    root = Org.objects.get(depth=1)
    assert (root.name, root.org_type) == ("上城区总工会", OrgType.DISTRICT)
    assert list(Org.objects.filter(org_type=OrgType.STREET).values_list("name", flat=True)) == ["清波街道总工会", "湖滨街道总工会"]
    assert set(Org.objects.filter(org_type=OrgType.SYSTEM).values_list("name", flat=True)) == {
        "上城区教育系统工会", "上城区卫生健康系统工会", "上城区机关工会"
    }
    for union in Org.objects.filter(org_type__in=GRASSROOTS):
        assert Org.objects.get_parent(union).org_type in (OrgType.STREET, OrgType.SYSTEM)
    for e in Employer.objects.select_related("street", "union", "node"):
        assert e.street.org_type == OrgType.STREET
        assert e.union is None or e.union.org_type in GRASSROOTS
        assert e.node_id == (e.union_id or e.street_id)
    assert Worker.objects.exists() and not Worker.objects.exclude(node=F("employer__node")).exists()


@pytest.mark.django_db
def test_the_district_looks_like_a_district():
    demo()
    assert Org.objects.values("name").distinct().count() == Org.objects.count()
    assert Employer.objects.values("name").distinct().count() == Employer.objects.count()
    assert set(Employer.objects.values_list("employer_type", flat=True)) == set(EmployerType.values)
    assert Employer.objects.filter(union=None).count() == round(SMALL.employers * 0.15)
    assert Org.objects.filter(org_type=OrgType.JOINT, name__contains="联合工会").exists()
    assert Org.objects.filter(org_type=OrgType.GRASSROOTS, name__regex=r"^杭州.+公司工会$").exists()
    total = Worker.objects.count()
    assert Worker.objects.filter(status=WorkStatus.EMPLOYED).count() > 0.85 * total
    assert Worker.objects.filter(status__in=[WorkStatus.LEFT, WorkStatus.RETIRED]).exists()
    assert Worker.objects.filter(is_member=True).count() > 0.8 * total
    enterprise = Worker.objects.filter(employer__employer_type=EmployerType.ENTERPRISE)
    signed = enterprise.filter(labour_contract=LabourContract.SIGNED).count()
    due = enterprise.exclude(labour_contract=LabourContract.NOT_REQUIRED).count()
    assert 0.93 < signed / due < 0.99
    assert Worker.objects.exclude(model_worker_level="").exists()
    for e in Employer.objects.all():  # 职工人数 = workers at work
        assert e.headcount == e.workers.filter(status=WorkStatus.EMPLOYED).count() > 0
        assert e.female_headcount == e.workers.filter(status=WorkStatus.EMPLOYED, gender="女").count()


@pytest.mark.django_db
def test_demo_rows_have_no_history_until_edited():
    demo()
    assert not Org.history.exists() and not Employer.history.exists() and not Worker.history.exists()


@pytest.mark.django_db
def test_tree_paths_are_those_treebeard_builds_itself():
    demo()
    assert Org.objects.find_problems() == ([], [], [], [], [])
    # the same plan added node by node, in shuffled order, through treebeard
    planned = plan_district(DemoContext(seed=7, sizes=SMALL), SHANGCHENG)
    ours = {(o.name, o.path, o.depth, o.numchild) for o in org_rows(planned.root)}
    wipe()
    root = Org.objects.add_root(instance=Org(name=planned.root.name, org_type=planned.root.org_type))
    pending = [(root, child) for child in planned.root.children]
    shuffle = random.Random(1).shuffle
    shuffle(pending)
    while pending:
        parent, node = pending.pop()
        parent.refresh_from_db()
        added = Org.objects.add_child(parent, instance=Org(name=node.name, org_type=node.org_type))
        pending += [(added, child) for child in node.children]
        shuffle(pending)
    assert set(Org.objects.values_list("name", "path", "depth", "numchild")) == ours


@pytest.mark.django_db
def test_new_orgs_go_into_the_demo_tree_where_treebeard_expects():
    demo()
    qingbo = Org.objects.get(name="清波街道总工会")
    Org.objects.add_child(qingbo, instance=Org(name="清波街道测试社区联合工会", org_type=OrgType.JOINT))
    assert Org.objects.find_problems() == ([], [], [], [], [])
    names = [o.name for o in Org.objects.get_children(Org.objects.get(name="清波街道总工会"))]
    assert names == sorted(names) and "清波街道测试社区联合工会" in names


@pytest.mark.django_db
@pytest.mark.argon2
def test_personas_log_in_with_the_printed_passwords():
    output = demo()
    accounts = printed_accounts(output)
    assert set(accounts) == {"district_admin", "qingbo_admin", "hubin_admin", "union_admin", "viewer", "auditor", "sysadmin"}
    for username, password in accounts.items():
        user = User.objects.get(username=username)
        assert user.password.startswith("argon2$")
        assert not user.must_change_password and not user.password_expired
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": username, "password": password})
        assert response.status_code == 302, username
        assert client.session.get("_auth_user_id") == str(user.pk), username
    roles = {u.username: (u.role, u.org.name) for u in User.objects.select_related("org")}
    assert roles["district_admin"] == (Role.ADMIN, "上城区总工会")
    assert roles["qingbo_admin"] == (Role.ADMIN, "清波街道总工会")
    assert roles["hubin_admin"] == (Role.ADMIN, "湖滨街道总工会")
    assert roles["viewer"] == (Role.VIEWER, "上城区总工会")
    assert roles["auditor"] == (Role.AUDITOR, "上城区总工会")
    assert roles["sysadmin"] == (Role.SYSADMIN, "上城区总工会")
    union = User.objects.get(username="union_admin").org
    assert union.org_type == OrgType.GRASSROOTS and Org.objects.get_parent(union).name == "清波街道总工会"
    assert union.name in output  # the command says which union


@pytest.mark.django_db
def test_client_login_works_for_a_persona(rf):
    output = demo()
    password = printed_accounts(output)["hubin_admin"]
    client = Client()
    # the lockout backend needs the request
    assert client.login(request=rf.post("/"), username="hubin_admin", password=password)


@pytest.mark.django_db
def test_refuses_a_database_that_holds_orgs_unless_reset():
    demo()
    before = snapshot()
    with pytest.raises(CommandError, match=r"已有 \d+ 个组织.*--reset"):
        demo(seed=9)
    assert snapshot() == before
    audit_before = AuditEntry.objects.count()
    output = demo(seed=9, reset=True)
    assert "已删除原有数据" in output and snapshot() != before
    assert User.objects.count() == 7
    assert AuditEntry.objects.count() == audit_before + 7  # kept, and the new accounts are recorded


@pytest.mark.django_db
def test_reset_clears_history_and_sessions_too():
    demo()
    worker = Worker.objects.first()
    worker.post = "改过的岗位"
    worker.save()  # now it has a history row
    Client().post(reverse("accounts:login"), {"username": "viewer", "password": "Ck2026@zgh"})
    demo(seed=9, reset=True)
    assert Worker.history.count() == 0
    order = [m._meta.label for m in models_to_wipe()]
    assert "audit.AuditEntry" not in order
    for first, then in [("workers.Worker", "orgs.Employer"), ("orgs.Employer", "orgs.Org"),
                        ("workers.HistoricalWorker", "accounts.User"), ("accounts.User", "orgs.Org"),
                        ("accounts.PasswordHistory", "accounts.User")]:
        assert order.index(first) < order.index(then)


@pytest.mark.django_db
def test_city_scale_puts_ten_districts_under_the_city_federation():
    output = demo(scale="city", size=CITY_SMALL)
    root = Org.objects.get(depth=1)
    assert (root.name, root.org_type) == ("杭州市总工会", OrgType.CITY)
    districts = Org.objects.filter(depth=2)
    assert districts.count() == 10 and set(districts.values_list("org_type", flat=True)) == {OrgType.DISTRICT}
    assert Org.objects.find_problems() == ([], [], [], [], [])
    assert Worker.objects.count() == 10 * CITY_SMALL.workers
    assert Employer.objects.filter(credit_code__startswith="91330105").exists()  # 拱墅区
    assert User.objects.get(username="city_admin").org == root
    assert User.objects.get(username="district_admin").org.name == "上城区总工会"
    assert User.objects.get(username="viewer").org == root
    assert "city_admin" in printed_accounts(output)


def test_sizes_parse_presets_and_overrides():
    assert parse_sizes("small") == SMALL
    assert parse_sizes("workers=5000").workers == 5000 and parse_sizes("workers=5000").unions == 300
    with pytest.raises(ValueError, match="无法识别"):
        parse_sizes("people=3")
    with pytest.raises(ValueError, match="workers 不能少于 employers"):
        Sizes(workers=10).check()


@pytest.mark.django_db
def test_unreasonable_size_is_a_command_error():
    with pytest.raises(CommandError, match="规模参数"):
        demo(size="employers=10")
    assert not Org.objects.exists()
