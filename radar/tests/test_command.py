"""`uniondesk radar` (SPEC §9): its JSON, its refusals, and an empty database."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from . import builders as b

D = dt.date(2025, 6, 30)


def radar_json(capsys, *args: str) -> list:
    call_command("radar", *args)
    return json.loads(capsys.readouterr().out)


def test_an_empty_database_prints_an_empty_list(db, capsys):
    assert radar_json(capsys) == []
    assert radar_json(capsys, "--date", "2025-06-30") == []


def test_the_json_lists_scored_employers_highest_first(district, personas, capsys):
    b.lead(district.qingbo_employer, D, people=10)
    b.case(district.qingbo_employer, D)
    b.lead(district.hubin_employer, D)
    out = radar_json(capsys, "--date", "2025-06-30")
    assert out == [
        {
            "employer": district.qingbo_employer.name,
            "credit_code": district.qingbo_employer.credit_code,
            "level": "红",
            "score": 45,
            "signals": [
                {"signal": "劳动争议", "count": 1, "weight": 5},
                {"signal": "重大风险线索", "count": 1, "weight": 40},
            ],
        },
        {
            "employer": district.hubin_employer.name,
            "credit_code": district.hubin_employer.credit_code,
            "level": "橙",
            "score": 20,
            "signals": [{"signal": "风险线索", "count": 1, "weight": 20}],
        },
    ]


def test_as_a_street_admin_or_for_an_org_only_that_subtree(district, personas, capsys):
    b.lead(district.qingbo_employer, D)
    b.lead(district.hubin_employer, D)
    names = {district.qingbo_employer.name}
    assert {
        e["employer"] for e in radar_json(capsys, "--as", "qingbo_admin", "--date", "2025-06-30")
    } == names
    assert {
        e["employer"]
        for e in radar_json(capsys, "--org", district.qingbo.name, "--date", "2025-06-30")
    } == names


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "2025-13-01"), "评估日应写作 YYYY-MM-DD：2025-13-01"),
        (("--as", "nobody"), "没有名为“nobody”的有效账号"),
        (("--org", "不存在的工会"), "找不到名为“不存在的工会”的组织"),
    ],
)
def test_refusals_are_in_chinese(district, personas, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("radar", *args)


def test_an_org_outside_the_accounts_subtree_is_not_found(district, personas):
    with pytest.raises(CommandError, match="找不到名为“清波街道总工会”的组织"):
        call_command("radar", "--as", "hubin_admin", "--org", district.qingbo.name)


def test_the_console_script_exits_1_on_a_refusal(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "uniondesk.cli", "radar", "--date", "昨天"],  # noqa: S603
        capture_output=True,
        text=True,
        env={
            "UNIONDESK_VAR": str(tmp_path),
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
        },
    )
    assert result.returncode == 1 and "评估日应写作 YYYY-MM-DD：昨天" in result.stderr
