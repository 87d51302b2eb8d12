"""JSON API of the org tree and employers; every query starts from visible_to(user)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from core.api import Pages, require_reader

from .models import Employer, Org

router = Router(tags=["组织与单位"])


class OrgOut(Schema):
    id: int
    name: str
    org_type: str
    depth: int
    founded_on: dt.date | None
    chairman: str
    closed_on: dt.date | None


class EmployerOut(Schema):
    id: int
    credit_code: str
    name: str
    employer_type: str
    street_id: int
    union_id: int | None
    industry: str
    headcount: int | None
    closed_on: dt.date | None


@router.get("/orgs", response=list[OrgOut], url_name="org-list")
@paginate(Pages, page_size=100)
def list_orgs(request: HttpRequest, q: str = ""):
    require_reader(request)
    orgs = Org.objects.visible_to(request.user).order_by("path")
    return orgs.filter(name__contains=q) if q else orgs


@router.get("/orgs/{pk}", response=OrgOut, url_name="org-detail")
def get_org(request: HttpRequest, pk: int):
    require_reader(request)
    return get_object_or_404(Org.objects.visible_to(request.user), pk=pk)


@router.get("/employers", response=list[EmployerOut], url_name="employer-list")
@paginate(Pages, page_size=100)
def list_employers(request: HttpRequest, q: str = ""):
    require_reader(request)
    employers = Employer.objects.visible_to(request.user).order_by("name", "id")
    return employers.filter(name__contains=q) if q else employers


@router.get("/employers/{pk}", response=EmployerOut, url_name="employer-detail")
def get_employer(request: HttpRequest, pk: int):
    require_reader(request)
    return get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
