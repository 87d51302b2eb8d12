"""JSON API of the worker register: personal data always masked here (reveal is a page action)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from core.api import Pages, require_reader
from core.masking import mask_id_number, mask_mobile
from core.params import MAX_ID

from .models import Worker

router = Router(tags=["职工"])


class WorkerOut(Schema):
    id: int
    name: str
    id_number_masked: str
    mobile_masked: str
    gender: str
    employer_id: int
    is_member: bool
    labour_contract: str
    status: str
    joined_on: dt.date | None

    @staticmethod
    def resolve_id_number_masked(obj: Worker) -> str:
        return mask_id_number(obj.id_number)

    @staticmethod
    def resolve_mobile_masked(obj: Worker) -> str:
        return mask_mobile(obj.mobile)


@router.get("/workers", response=list[WorkerOut], url_name="worker-list")
@paginate(Pages, page_size=100)
def list_workers(request: HttpRequest, employer: int | None = Query(None, ge=1, le=MAX_ID), status: str = ""):  # noqa: B008
    require_reader(request)
    workers = Worker.objects.visible_to(request.user).order_by("name", "id")
    if employer:
        workers = workers.filter(employer_id=employer)
    return workers.filter(status=status) if status else workers


@router.get("/workers/{pk}", response=WorkerOut, url_name="worker-detail")
def get_worker(request: HttpRequest, pk: int):
    require_reader(request)
    return get_object_or_404(Worker.objects.visible_to(request.user), pk=pk)
