"""Workers (职工) of one employer: names, valid 身份证号, mobiles, membership, contracts, status.

Shares: 在职 most, 退休 for most past retirement age, 离职 3%; members 93% where the employer has
a union (98% in public bodies), 3% where it has none; in enterprises and social organisations
2% 无需签订 (interns, re-employed retirees) and 96.1% of the rest 已签订 (the sample summary's
签订率), in 事业单位 85% 已签订, in 机关 12% (contract staff) and the rest 无需签订; 0.4% 劳模.

Every worker takes the same number of random draws whatever today's date, so a seed gives the
same names and 身份证号 on any day; only dates measured from today move with it.
"""

from __future__ import annotations

import datetime as dt

from orgs.models import EmployerType
from workers.models import LabourContract, ModelWorkerLevel, Worker, WorkStatus

from . import codes
from .companies import POSTS
from .context import DemoContext
from .district import PlannedEmployer
from .names import person_name

CONTRACT_LAW = dt.date(2008, 1, 1)  # 劳动合同法
EARLIEST_JOIN = dt.date(1985, 1, 1)
MODEL_LEVELS = (ModelWorkerLevel.DISTRICT, ModelWorkerLevel.CITY, ModelWorkerLevel.PROVINCE, ModelWorkerLevel.NATIONAL)
TERMS = (1, 2, 3, 3, 3, 5)  # years of a fixed-term contract


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class WorkerMaker:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx, self.rng, self.today = ctx, ctx.rng, ctx.today

    def contract(self, employer_type: str, r: float) -> str:
        if employer_type == EmployerType.AGENCY:
            return LabourContract.SIGNED if r < 0.12 else LabourContract.NOT_REQUIRED
        if employer_type == EmployerType.INSTITUTION:
            return LabourContract.SIGNED if r < 0.85 else LabourContract.NOT_REQUIRED
        if r < 0.02:
            return LabourContract.NOT_REQUIRED
        return LabourContract.SIGNED if (r - 0.02) / 0.98 < 0.961 else LabourContract.UNSIGNED

    def make(self, planned: PlannedEmployer, employer_id: int, node_id: int, *, keep_employed: bool) -> Worker:
        ctx, rng, today = self.ctx, self.rng, self.today
        male = rng.random() < 0.52
        year = int(rng.triangular(1960, 2005, 1988))
        born = ctx.day_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
        adult = _years_after(born, 18)
        id_number = ctx.unique_code(lambda: codes.id_number(rng, born=born, male=male))
        name = person_name(rng, male=male, born_year=year)

        # status: both numbers drawn whatever the age, which depends on today
        r_retire, r_leave = rng.random(), rng.random()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if keep_employed:
            status = WorkStatus.EMPLOYED
        elif age >= (60 if male else 55) and r_retire < 0.85:
            status = WorkStatus.RETIRED
        elif r_leave < 0.03:
            status = WorkStatus.LEFT
        else:
            status = WorkStatus.EMPLOYED

        contract = self.contract(planned.employer_type, rng.random())
        start = end = None
        if contract == LabourContract.SIGNED:
            open_ended, term = rng.random() < 0.3, rng.choice(TERMS)
            if open_ended:
                start = ctx.day_between(max(adult, CONTRACT_LAW), today)
            else:
                start = ctx.day_between(max(adult, _years_after(today, -term)), today)
                end = _years_after(start, term) - dt.timedelta(days=1)

        public = planned.employer_type in (EmployerType.AGENCY, EmployerType.INSTITUTION)
        is_member = rng.random() < ((0.98 if public else 0.93) if planned.union else 0.03)
        joined = ctx.day_between(max(adult, EARLIEST_JOIN), today) if is_member else None
        mobile = codes.mobile(rng) if rng.random() < 0.97 else ""
        level = rng.choices(MODEL_LEVELS, (60, 28, 10, 2))[0] if rng.random() < 0.004 else ""
        worker = Worker(
            name=name, id_number=id_number, employer_id=employer_id, node_id=node_id, mobile=mobile, is_member=is_member, joined_on=joined,
            labour_contract=contract, contract_start=start, contract_end=end,
            post=rng.choice(POSTS[planned.posts]), model_worker_level=level, status=status,
        )
        worker.derive_from_id()  # gender and birth date, as every other way in does
        return worker
