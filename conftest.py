"""Shared test fixtures: a small district with two sibling streets and one persona per role.

上城区总工会
├── 清波街道总工会 ── 清波示范企业工会 ── 单位「清波示范科技有限公司」(3 workers)
│                  └─ 单位「清波未建会商店」(未建会, 1 worker)
└── 湖滨街道总工会 ── 湖滨示范企业工会 ── 单位「湖滨示范酒店有限公司」(2 workers)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils import timezone

from core.validators import credit_code_check_char, id_check_char

PASSWORD = "Passw0rd!demo"


def make_id_number(region: str = "330102", born: str = "19900101", seq: str = "123") -> str:
    first17 = region + born + seq
    return first17 + id_check_char(first17)


def make_credit_code(body: str) -> str:
    """body: 17 characters of the GB 32100 alphabet; the check character is appended."""
    return body + credit_code_check_char(body)


@dataclass
class District:
    root: object
    qingbo: object
    hubin: object
    qingbo_union: object
    hubin_union: object
    qingbo_employer: object
    qingbo_no_union: object
    hubin_employer: object
    qingbo_worker: object
    hubin_worker: object


@pytest.fixture(autouse=True)
def _plain_http_and_one_factor(settings):
    """The suite talks plain HTTP to the test client; 2FA has tests of its own that turn it on."""
    settings.SECURE_SSL_REDIRECT = False
    settings.OTP_REQUIRED = False
    # background tasks run inside the request (tests of the database worker set it back)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    # pages name static files by their plain names: the suite runs without `collectstatic`
    # (core/tests/test_static.py collects them with the production storage)
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # a test's writes never commit, so the data's token (core/freshness.py) never moves inside it:
    # figures are computed every time (indicators/tests/test_kept_figures.py keeps them, committing)
    settings.FIGURE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _audit_anchor_of_its_own(settings, tmp_path):
    """Each test anchors its audit log in a file of its own, never in var/ beside a demo's."""
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "audit-anchor.jsonl")


@receiver(connection_created)
def _flush_may_empty_the_audit_log(sender, connection, **kwargs) -> None:
    """Transactional tests end with a flush that truncates every table (audit/migrations/0006)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET uniondesk.allow_audit_truncate = on")


@pytest.fixture
def district(db) -> District:
    from orgs.models import Employer, EmployerType, Org, OrgType
    from workers.models import LabourContract, Worker

    def org(parent, name: str, org_type: str) -> Org:
        return Org.objects.add_child(parent, instance=Org(name=name, org_type=org_type))

    root = Org.objects.add_root(instance=Org(name="上城区总工会", org_type=OrgType.DISTRICT))
    qingbo = org(root, "清波街道总工会", OrgType.STREET)
    hubin = org(root, "湖滨街道总工会", OrgType.STREET)
    qingbo_union = org(qingbo, "清波示范企业工会", OrgType.GRASSROOTS)
    hubin_union = org(hubin, "湖滨示范企业工会", OrgType.GRASSROOTS)

    def employer(name: str, code: str, street, union) -> Employer:
        return Employer.objects.create(
            name=name, credit_code=make_credit_code(code), employer_type=EmployerType.ENTERPRISE,
            street=street, union=union, node=union or street, headcount=10,
        )

    qingbo_employer = employer("清波示范科技有限公司", "91330102MA2B00001", qingbo, qingbo_union)
    qingbo_no_union = employer("清波未建会商店", "92330102MA2B00002", qingbo, None)
    hubin_employer = employer("湖滨示范酒店有限公司", "91330102MA2B00003", hubin, hubin_union)

    def worker(name: str, seq: str, emp: Employer, **extra) -> Worker:
        fields = {"mobile": "13812345678", "labour_contract": LabourContract.SIGNED, "is_member": True, **extra}
        w = Worker(name=name, id_number=make_id_number(born="19900101", seq=seq), employer=emp, node=emp.node, **fields)
        w.derive_from_id()
        w.save()
        return w

    qingbo_worker = worker("张清波", "123", qingbo_employer)
    worker("李晓梅", "224", qingbo_employer)
    worker("王建国", "315", qingbo_employer, is_member=False)
    worker("赵小店", "416", qingbo_no_union, labour_contract=LabourContract.UNSIGNED, is_member=False)
    hubin_worker = worker("陈湖滨", "517", hubin_employer)
    worker("周西湖", "618", hubin_employer)
    return District(
        root, qingbo, hubin, qingbo_union, hubin_union, qingbo_employer, qingbo_no_union,
        hubin_employer, qingbo_worker, hubin_worker,
    )


PERSONAS = {
    # name: (org attribute of District, role)
    "district_admin": ("root", "admin"),
    "qingbo_admin": ("qingbo", "admin"),
    "hubin_admin": ("hubin", "admin"),
    "union_admin": ("qingbo_union", "admin"),
    "qingbo_viewer": ("qingbo", "viewer"),
    "district_auditor": ("root", "auditor"),
    "qingbo_auditor": ("qingbo", "auditor"),
    "sysadmin": ("root", "sysadmin"),
}


@pytest.fixture
def personas(district):
    """One active account per persona, password set and not due for change."""
    from accounts.models import User

    users = {}
    for username, (org_attr, role) in PERSONAS.items():
        user = User(
            username=username, org=getattr(district, org_attr), role=role,
            must_change_password=False, password_changed_at=timezone.now(),
        )
        user.set_password(PASSWORD)
        user.save()
        users[username] = user
    return users


@pytest.fixture
def login(client, personas):
    """login("qingbo_admin") → a test client logged in as that persona."""

    def _login(username: str):
        client.force_login(personas[username])
        return client

    return _login


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """Argon2 is deliberately slow; tests that are about hashing mark themselves `argon2`."""
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
