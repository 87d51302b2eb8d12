"""The two working areas beyond the tree (SPEC §2): their registers, pages and front page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    slug: str
    label: str
    registers: tuple[str, ...]  # register slugs, in the order a cadre works through them
    pages: tuple[tuple[str, str], ...] = ()  # (label, URL name) of the area's own pages
    due_modules: tuple[str, ...] = ()  # the todo modules whose items the front page shows
    figures: tuple[str, ...] = ()  # indicator keys: the year's figures on the front page, in this order
    # (model label, date or year field) of the records whose years the year picker offers
    years: tuple[tuple[str, str], ...] = ()

    @property
    def navs(self) -> tuple[str, ...]:
        return (self.slug, *self.registers)


AREAS = (
    Area(
        "quality", "职工素质建设",
        ("competitions", "entries", "courses", "attendance", "certificates", "proposals", "honours", "facilities"),
        pages=(("合理化建议待审", "proposals:inbox"),),
        due_modules=("proposals.due",),
        figures=("competition.count", "competition.participants", "training.courses", "training.all_person_times",
                 "certificates.people", "proposals.submitted", "proposals.adopted", "proposals.benefit_wan",
                 "honours.in_force", "facilities.open", "facilities.funds_wan"),
        years=(("contests.Competition", "year"), ("training.Course", "start_date"),
               ("proposals.Proposal", "submitted_on")),
    ),
    Area(
        "relations", "劳动关系",
        ("meetings", "instructors", "contracts", "mediation_orgs", "cases", "inspections", "assistance"),
        pages=(("未签集体合同的单位", "contracts:uncovered"), ("帮扶救助审批", "assistance:queue")),
        due_modules=("contracts.due", "mediation.due", "supervision.due", "assistance.due"),
        figures=("meetings.held", "instructors.active", "contracts.signed", "contracts.units_total",
                 "contracts.covered_workers", "mediation.cases", "mediation.succeeded", "mediation.overdue",
                 "supervision.inspections", "supervision.overdue", "assistance.applications",
                 "assistance.paid_wan"),
        years=(("meetings.Meeting", "held_on"), ("contracts.Contract", "signed_on"), ("mediation.Case", "applied_on")),
    ),
)


def get_area(slug: str) -> Area | None:
    return next((a for a in AREAS if a.slug == slug), None)
