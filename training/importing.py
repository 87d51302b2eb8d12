"""Import rules of the course, attendance and certificate registers: owning nodes and links (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from core.declarations import Plan
from orgs.following import follow_node
from orgs.models import Org
from orgs.refs import Lookups
from registers.importing import ImportContext
from registers.node_moves import moved_nodes, note_node_change
from registers.organisers import fallback_node_id, host_of
from workers.refs import link_worker

from .models import Attendance, Certificate, Course

if TYPE_CHECKING:
    from accounts.models import User

# A course may share its name and start with another host's; an import in a subtree holding both
# cannot tell which one a row means (SPEC §5), and says who can.
SEVERAL = ("您的管辖范围内有 {n} 个{when}的培训项目“{name}”（主办单位不同），无法确定是哪一个；"
           "请由主办单位所属组织的管理员导入")


def prepare_course(course: Course, before: Course | None, ctx: ImportContext) -> None:
    """The host (an employer itself, or an org) and node are those of the first 主办单位."""
    host = host_of(ctx.lookups, course.organisers or "")
    course.host_employer = host.employer
    course.host_org = host.org
    course.node_id = host.node_id
    note_node_change(course, before, ctx)


def after_courses(plan: Plan, user: User, tag: str, when: dt.datetime) -> None:
    """Attendance takes its course's node, and so does a certificate linked to no worker."""
    moved = moved_nodes(plan)
    follow_node(Attendance, "course_id", moved, user=user, tag=tag, when=when)
    follow_node(Certificate, "course_id", moved, user=user, tag=tag, when=when, extra={"worker__isnull": True})


# --- finding a course by its name and start -----------------------------------------------------

_COURSES = "_training_courses"


def _courses(lookups: Lookups, *, above: bool = False) -> dict[str, list[Course]]:
    """项目名称 → the courses of the subtree with that name (with `above`: those the orgs above the
    subtree run themselves), loaded once per import."""
    key = f"{_COURSES}_above" if above else _COURSES
    found = lookups.__dict__.get(key)
    if found is None:
        found = defaultdict(list)
        queryset = Course.objects.only("id", "name", "start_date", "node_id")
        if above:
            queryset = queryset.filter(node__path__in=Org.paths_above(lookups.scope_path))
        elif lookups.scope_path:
            queryset = queryset.in_subtree(lookups.scope_path)
        for course in queryset:
            found[course.name].append(course)
        lookups.__dict__[key] = found
    return found


def _matching(courses: dict[str, list[Course]], name: str, start: dt.date | None) -> list[Course]:
    named = courses.get(name, [])
    return [c for c in named if c.start_date == start] if start else named


def find_course(lookups: Lookups, name: str, start: dt.date | None, *, field: str, above: bool = False) -> Course:
    """By name and start, or by name alone when exactly one course has it: a course of the subtree,
    else (with `above`) one the orgs above it run, e.g. the district's course a street worker took."""
    where = "您的管辖范围内"
    found = _matching(_courses(lookups), name, start)
    if not found and above and lookups.scope_path:
        where, found = "上级组织", _matching(_courses(lookups, above=True), name, start)
    when = f"开始日期为{start:%Y-%m-%d}" if start else "同名"
    if not found:
        dated = f"开始日期为{start:%Y-%m-%d}的" if start else ""
        scope = "在您的管辖范围内和上级组织中都" if above and lookups.scope_path else "在您的管辖范围内"
        raise ValidationError({field: f"{scope}找不到{dated}培训项目“{name}”，请先导入培训项目"})
    if len(found) > 1:
        message = SEVERAL.format(n=len(found), when=when, name=name) if start else (
            f"{where}有 {len(found)} 个名为“{name}”的培训项目，请同时填写培训开始日期")
        raise ValidationError({field: message.replace("您的管辖范围内", where)})
    return found[0]


# --- attendance and certificates ----------------------------------------------------------------

def prepare_attendance(attendance: Attendance, before: Attendance | None, ctx: ImportContext) -> None:
    """A row belongs to the course of its 项目名称 and 开始日期 and takes its node."""
    course = find_course(ctx.lookups, (attendance.course_name or "").strip(), attendance.course_start, field="course_name")
    attendance.course = course
    attendance.node_id = course.node_id
    link_worker(attendance, before, ctx.lookups)


_EMPLOYER_NODES = "_training_employer_nodes"


def _employer_node(lookups: Lookups, employer_id: int) -> int | None:
    nodes = lookups.__dict__.get(_EMPLOYER_NODES)
    if nodes is None:
        # the subtree's employers the lookups loaded anyway (worker_ids gives the employer's id)
        by_code, _ = lookups._employers
        nodes = {e.pk: e.node_id for e in by_code.values()}
        lookups.__dict__[_EMPLOYER_NODES] = nodes
    return nodes.get(employer_id)


def prepare_certificate(certificate: Certificate, before: Certificate | None, ctx: ImportContext) -> None:
    """The 培训项目 (with its start, or alone when unambiguous) links the course; the node is the
    worker's employer's, else the course's, else the importer's (kept on update)."""
    if "course_name" in ctx.present or "course_start" in ctx.present or before is None:
        name = (certificate.course_name or "").strip() if "course_name" in ctx.present else ""
        start = certificate.course_start if "course_start" in ctx.present else None
        if name:
            # a district course's certificate goes to a street's worker: the street imports it
            certificate.course = find_course(ctx.lookups, name, start, field="course_name", above=True)
        elif start:
            raise ValidationError({"course_start": "填写了培训开始日期，请同时填写培训项目"})
        elif "course_name" in ctx.present or before is None:
            certificate.course = None
    found = link_worker(certificate, before, ctx.lookups)
    node_id = _employer_node(ctx.lookups, found[1]) if found else None
    if node_id is None and certificate.course_id and ctx.lookups.in_scope(ctx.lookups.path_of(certificate.course.node_id)):
        node_id = certificate.course.node_id
    certificate.node_id = node_id or fallback_node_id(ctx, before)
