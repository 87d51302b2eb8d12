"""The list filters of the honour and facility registers, as the export applies them."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict
from django.utils import timezone

from honours.models import FacilityType, HonourType, Level
from registers.catalog import get_register
from registers.services import export_queryset


def shown(user, slug: str, **params) -> list[str]:
    query = QueryDict(mutable=True)
    query.update(params)
    return sorted(export_queryset(user=user, register=get_register(slug), params=query).values_list("name", flat=True))


def test_honour_filters(district, personas, make_honour):
    this_year = timezone.localdate().year
    make_honour("一班", year=2021)
    make_honour("二班", year=2022, revoked_year=this_year)
    make_honour("三公司", honour_type=HonourType.LEARNING_ORG, level=Level.CITY, year=2022, unit=district.qingbo_no_union)
    make_honour("张清波", honour_type=HonourType.KNOWLEDGE_WORKER, id_number=district.qingbo_worker.id_number)
    make_honour("湖滨班", unit=district.hubin_employer)
    admin = personas["district_admin"]
    assert shown(admin, "honours", status="revoked") == ["二班"]
    assert shown(admin, "honours", status="current") == ["一班", "三公司", "张清波", "湖滨班"]
    assert shown(admin, "honours", year="2021") == ["一班"]
    assert shown(admin, "honours", type=HonourType.LEARNING_ORG) == ["三公司"]
    assert shown(admin, "honours", level=Level.CITY) == ["三公司"]
    assert shown(admin, "honours", street=str(district.hubin.pk)) == ["湖滨班"]
    assert shown(admin, "honours", union=str(district.qingbo_union.pk)) == ["一班", "二班", "张清波"]
    assert shown(admin, "honours", q="班") == ["一班", "二班", "湖滨班"]
    assert shown(admin, "honours", q=district.qingbo_worker.id_number, reason="核实") == ["张清波"]
    # another street's id is not one of a street admin's choices: ignored, never a way out of scope
    assert shown(personas["qingbo_admin"], "honours", street=str(district.hubin.pk)) == ["一班", "三公司", "二班", "张清波"]


def test_facility_filters(district, personas, make_facility):
    today = timezone.localdate()
    make_facility("甲书屋", built_on=dt.date(2019, 4, 1), level=Level.PROVINCE)
    make_facility("乙书屋", built_on=dt.date(2020, 4, 1), closed_on=today - dt.timedelta(days=1), unit=district.qingbo_no_union)
    make_facility("丙学校", facility_type=FacilityType.SCHOOL, unit=district.hubin)
    admin = personas["district_admin"]
    assert shown(admin, "facilities", status="open") == ["丙学校", "甲书屋"]
    assert shown(admin, "facilities", status="closed") == ["乙书屋"]
    assert shown(admin, "facilities", year="2019") == ["甲书屋"]
    assert shown(admin, "facilities", year="0") == ["丙学校", "乙书屋", "甲书屋"]  # no date holds it: the filter is left out
    assert shown(admin, "facilities", type=FacilityType.SCHOOL, level="") == ["丙学校"]
    assert shown(admin, "facilities", level=Level.PROVINCE) == ["甲书屋"]
    assert shown(admin, "facilities", street=str(district.qingbo.pk)) == ["乙书屋", "甲书屋"]
    assert shown(admin, "facilities", union=str(district.qingbo_union.pk), q="书屋") == ["甲书屋"]
