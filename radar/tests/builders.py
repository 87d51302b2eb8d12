"""Records over the shared `district` (conftest.py) for the radar's tests, one call each."""

from __future__ import annotations

import datetime as dt
import itertools

from conftest import make_id_number

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def mediation_org(org, name: str = ""):
    from mediation.models import MediationLevel, MediationOrg

    return MediationOrg.objects.get_or_create(
        name=name or f"{org.name}调解委员会",
        defaults={
            "level": MediationLevel.STREET,
            "org": org,
            "founded_on": dt.date(2015, 1, 1),
            "node": org,
        },
    )[0]


def case(
    employer, applied_on: dt.date, people: int | None = None, *, by=None, status: str = "已申请"
):
    """A mediation case against the employer, handled by the committee of `by` (default its street)."""
    from mediation.models import Case

    committee = mediation_org(by or employer.street)
    return Case.objects.create(
        number=f"AJ{_n():05d}",
        applicant="申请人",
        respondent_employer=employer,
        dispute_type="劳动报酬",
        people=people,
        applied_on=applied_on,
        mediation_org=committee,
        status=status,
        node=committee.node,
    )


def inspection(
    employer, inspected_on: dt.date, *, deadline: dt.date | None = None, result: str = ""
):
    from supervision.models import Inspection

    return Inspection.objects.create(
        number=f"JC{_n():05d}",
        inspected_on=inspected_on,
        employer=employer,
        supervisor_org=employer.street,
        matters="工资支付",
        findings="延期支付工资" if deadline or result else "",
        deadline=deadline,
        result=result,
        node=employer.node,
    )


def contract(
    employers,
    signed_on: dt.date,
    term_years: int = 1,
    contract_type: str = "综合性集体合同",
    number: str = "",
):
    from contracts.importing import set_parties
    from contracts.models import Contract

    employers = employers if isinstance(employers, list | tuple) else [employers]
    made = Contract(
        number=number or f"JT{_n():05d}",
        contract_type=contract_type,
        signing_mode="新签",
        party_codes="；".join(e.credit_code for e in employers),
        signed_on=signed_on,
        term_years=term_years,
        covered_workers=50,
        node_id=employers[0].node_id,
    )
    made.derive()
    made.save()
    set_parties({made.pk: tuple(e.pk for e in employers)})
    return made


def workers(employer, n: int, *, labour_contract: str = "已签订", status: str = "在职") -> list:
    from workers.models import Worker

    made = []
    for _ in range(n):
        seq = _n()
        w = Worker(
            name=f"职工{seq}",
            id_number=make_id_number(
                born=f"198{seq % 10}0101",
                seq=f"{seq % 1000:03d}",
                region=f"33{seq // 1000 % 100:02d}02",
            ),
            employer=employer,
            node=employer.node,
            labour_contract=labour_contract,
            status=status,
        )
        w.derive_from_id()
        made.append(w)
    return Worker.objects.bulk_create(made)


def assistance(worker_or_id: str, applied_on: dt.date, *, node, kind: str = "职工急难救助"):
    from assistance.models import Application

    id_number = worker_or_id if isinstance(worker_or_id, str) else worker_or_id.id_number
    return Application.objects.create(
        number=f"JZ{_n():05d}",
        applicant="申请人",
        id_number=id_number,
        kind=kind,
        applied_on=applied_on,
        requested_amount=3000,
        node=node,
    )


def lead(employer, found_on: dt.date, people: int | None = None, verdict: str = "待核实"):
    from radar.models import Lead

    return Lead.objects.create(
        number=f"XS{_n():05d}",
        employer=employer,
        kind="欠薪",
        source="职工来信",
        found_on=found_on,
        people=people,
        verdict=verdict,
        node=employer.node,
    )
