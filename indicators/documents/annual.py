"""The annual report (SPEC §5) as one `Report`, then as DOCX, XLSX and PDF.

`build(year, org, user=None)` reads everything the report says — the §5 figures with Y−1 and the
change, the registers beyond the sample (帮扶救助, 法律监督检查, 调解案件), the breakdown by
second-level node, a few figures over the years held, the meetings and competitions of the year —
and writes the narrative from it. `to_docx`, `to_xlsx` and `to_pdf` only lay that out, so the three
files always say the same thing and a page or a background task can call them alike.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Min
from django.db.models.functions import ExtractYear
from django.utils import timezone

from assistance.models import Application
from contests.models import Competition, Entry, Level
from contests.selectors import award_table, items_by_category
from contracts.models import Contract
from meetings.models import Meeting, MeetingType
from meetings.selectors import meetings_in
from orgs.models import Org, OrgType
from proposals.models import Proposal
from supervision.models import MATTERS, Inspection
from training.models import Course

from ..catalog import BY_KEY, figure, figures_by_year
from ..filing import filed, rows_for
from ..report import breakdown, json_number
from ..scope import Scope
from . import narrative
from .charts import CHART_KEYS
from .content import CompetitionRow, ItemRow, JsonNumber, MeetingRow, Report, Row
from .excel import to_xlsx
from .pdf import to_pdf
from .word import to_docx

if TYPE_CHECKING:
    from accounts.models import User

TREND_YEARS = 8  # at most this many years up to Y in the trend

__all__ = ["Report", "build", "to_docx", "to_pdf", "to_xlsx"]

AREA = {OrgType.CITY: "全市", OrgType.DISTRICT: "全区", OrgType.STREET: "全街道", OrgType.SYSTEM: "全系统"}
#: how a caption names the nodes under the reporting org, by their 组织类型
CHILD_NOUN = {OrgType.DISTRICT: "区（县）", OrgType.STREET: "街道", OrgType.SYSTEM: "系统",
              OrgType.GRASSROOTS: "基层工会", OrgType.JOINT: "基层工会", OrgType.CITY: "市"}


def children_noun(types: list[str]) -> str:
    """各街道（系统）, 各基层工会 …: the nodes of a breakdown named by the kinds among them, the most
    numerous first."""
    nouns = [CHILD_NOUN.get(t, "单位") for t in types]
    ranked = sorted(dict.fromkeys(nouns), key=lambda n: (-nouns.count(n), list(CHILD_NOUN.values()).index(n)
                                                         if n in CHILD_NOUN.values() else 99))
    if not ranked:
        return "各单位"
    return "各" + ranked[0] + (f"（{'、'.join(ranked[1:])}）" if len(ranked) > 1 else "")


def dated(org: Org | None, year: int, on: dt.date | None = None) -> dt.date:
    """The report's date: the one asked for, else the day the year was filed (定稿), else today."""
    if on:
        return on
    filing = filed(org, year) if org else None
    return timezone.localdate(filing.filed_at) if filing else timezone.localdate()


def short_name(org: Org, parent: Org) -> str:
    """清波街道总工会 → 清波街道; 上城区教育系统工会 → 教育系统工会 under 上城区总工会 (for narrow columns)."""
    name = org.name.removesuffix("总工会") if org.org_type == OrgType.STREET else org.name
    prefix = parent.name.removesuffix("总工会")
    return name.removeprefix(prefix) if prefix and name != prefix else name


def build(year: int, org: Org | None = None, user: User | None = None, site: str | None = None,
          on: dt.date | None = None) -> Report:
    """The report's content; `site` (default: settings.SITE_URL) is where its figures' links go,
    `on` the date it is signed (default: the filing's, else today)."""
    # a freshly migrated database has no org yet (SPEC §6): the report of nothing, without a name
    org = org or Org.objects.filter(depth=1).first()
    scope = Scope(year, org.path if org else "", user)
    live_rows, _ = rows_for(scope, org, changes=False)
    rows = [Row(r.indicator.key, r.indicator.label, r.indicator.unit, r.indicator.definition, r.now, r.before,
                r.indicator.as_stands) for r in live_rows]
    split = breakdown(year, org, user=user) if org else []
    report = Report(
        year=year, org=org.name if org else "", area=AREA.get(org.org_type, "本单位") if org else "全区",
        generated_on=dated(org, year, on), rows=rows, extras=extras(scope),
        parts=[(short_name(part, org), values) for part, values in split],
        trend=trend(scope), meetings=meetings(scope), competitions=competitions(scope), org_id=org.pk if org else 0,
        part_ids=[part.pk for part, _ in split], site=(settings.SITE_URL if site is None else site).rstrip("/"),
        level=org.org_type if org else OrgType.DISTRICT, children=children_noun([part.org_type for part, _ in split]),
    )
    report.sections = narrative.sections(report, details(scope))
    return report


# --- the registers the sample does not cover ------------------------------------------------------

#: the catalogue's working figures the report adds to §5's, in its table's order
EXTRAS: tuple[str, ...] = (
    "assistance.applications", "assistance.refused", "assistance.paid", "assistance.paid_wan",
    "supervision.inspections", "supervision.units", "supervision.findings", "supervision.rectified",
    "supervision.overdue", "mediation.cases", "mediation.succeeded",
)


def extras(scope: Scope) -> list[Row]:
    rows = []
    for key in EXTRAS:
        indicator = BY_KEY[key]
        before = None if indicator.as_stands else json_number(figure(indicator, scope.previous()))
        rows.append(Row(key, indicator.label, indicator.unit, indicator.definition, json_number(figure(indicator, scope)),
                        before, indicator.as_stands, in_json=False))
    return rows


# --- figures over the years held ------------------------------------------------------------------

def first_years(scope: Scope) -> dict[str, int | None]:
    """For each charted figure, the first year its register holds a record in the subtree: the
    years before are not drawn as 0 (the register was not kept then)."""
    first = {
        "training.person_times": scope.of(Course).aggregate(y=Min(ExtractYear("start_date")))["y"],
        "competition.labour_participants": scope.of(Competition).aggregate(y=Min("year"))["y"],
        "proposals.submitted": scope.of(Proposal).aggregate(y=Min(ExtractYear("submitted_on")))["y"],
        "contracts.covered_workers": scope.of(Contract).aggregate(y=Min(ExtractYear("signed_on")))["y"],
    }
    return {key: first[key] for key in CHART_KEYS}


def trend(scope: Scope) -> list[tuple[int, dict[str, JsonNumber]]]:
    """The charted figures for each year held (at most TREND_YEARS up to Y); None before a
    figure's register holds records."""
    firsts = first_years(scope)
    start = max(min((y for y in firsts.values() if y), default=scope.year), scope.year - TREND_YEARS + 1)
    years = list(range(start, scope.year + 1))
    scopes = {year: Scope(year, scope.path, scope.user) for year in years}  # shared by the figures of a year
    series = {key: figures_by_year(BY_KEY[key], scope, [y for y in years if y >= first], scopes.__getitem__)
              if first else {} for key, first in firsts.items()}
    out = [(year, {key: json_number(series[key][year]) if year in series[key] else None for key in firsts})
           for year in years]
    # a leading year with nothing to draw (a record dated then, counted by none of the figures) is left out
    while len(out) > 1 and not any(out[0][1].values()):
        out.pop(0)
    return out


# --- the meetings and competitions of the year ------------------------------------------------------

def meetings(scope: Scope) -> list[MeetingRow]:
    return [_meeting_row(m) for m in meetings_in(scope.year, base=scope.of(Meeting))]


def competitions(scope: Scope) -> list[CompetitionRow]:
    """The competitions of 年度 Y in the subtree, higher levels first, each with its items and the
    awards every item gave."""
    rank = {level: i for i, level in enumerate(reversed(Level.values))}
    found = sorted(scope.of(Competition).filter(year=scope.year).with_figures(),
                   key=lambda c: (rank.get(c.level, len(rank)), c.name))
    entries: dict[int, list[Any]] = {c.pk: [] for c in found}
    for entry in Entry.objects.filter(competition__in=[c.pk for c in found]).order_by(
            "competition_id", "category", "item", "pk"):
        entries[entry.competition_id].append(entry)
    out = []
    for competition in found:
        table = award_table(items_by_category(entries[competition.pk]))
        items = [ItemRow(item.category, item.name, len(item.entries), counts, total)
                 for item, counts, total in table.rows]
        out.append(CompetitionRow(
            competition.name, competition.contest_type, competition.level, competition.organisers,
            competition.participant_count, competition.person_times, table.awards, items, table.totals, table.total))
    return out


# --- what the narrative names beyond the figures ----------------------------------------------------

def details(scope: Scope) -> narrative.Details:
    def first_year(key: str) -> int | None:
        first = BY_KEY[key].records(scope).order_by("held_on").values_list("held_on", flat=True).first()
        return first.year if first else None

    year_meetings = scope.of(Meeting).held_in(scope.year).order_by("held_on", "id")
    by_type = {t: [m for m in year_meetings if m.meeting_type == t] for t in MeetingType.values}
    counted = scope.of(Application).filter(applied_on__year=scope.year).values("kind").annotate(n=Count("pk"))
    kinds = {row["kind"]: row["n"] for row in counted.order_by("kind")}
    matters = dict.fromkeys(MATTERS, 0)
    for text in scope.of(Inspection).filter(inspected_on__year=scope.year).values_list("matters", flat=True):
        for matter in text.split("；"):
            if matter in matters:
                matters[matter] += 1
    free = BY_KEY["free_training.projects"].records(scope).order_by("start_date", "name")
    provincial = BY_KEY["facilities.book_houses_provincial"].records(scope).order_by("name")
    return narrative.Details(
        joint_first_year=first_year("meetings.joint_total"),
        tripartite_first_year=first_year("meetings.tripartite_total"),
        joint_meetings=[_meeting_row(m) for m in by_type[MeetingType.JOINT]],
        tripartite_meetings=[_meeting_row(m) for m in by_type[MeetingType.TRIPARTITE]],
        street_tripartite=len(by_type[MeetingType.STREET_TRIPARTITE]),
        regional_congresses=len(by_type[MeetingType.REGIONAL_CONGRESS]),
        free_courses=list(free.values_list("name", flat=True)),
        provincial_book_houses=list(provincial.values_list("name", "level")),
        assistance_kinds=kinds,
        inspection_matters={m: n for m, n in matters.items() if n},
    )


def _meeting_row(m: Any) -> MeetingRow:
    return MeetingRow(m.held_on, str(m), m.meeting_type, m.session, str(m.convener or ""), m.topic_list,
                      m.document_list)


FORMATS = ("docx", "xlsx", "pdf")


def render(year: int, org: Org | None, fmt: str, user: User | None = None, site: str | None = None,
           on: dt.date | None = None) -> bytes:
    """The report of `year` for `org`'s subtree (as `user` may see it) in one of FORMATS."""
    return {"docx": to_docx, "xlsx": to_xlsx, "pdf": to_pdf}[fmt](build(year, org, user, site, on))
