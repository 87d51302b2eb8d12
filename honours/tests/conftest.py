"""Honours and facilities for the tests, made directly in the shared district."""

from __future__ import annotations

import datetime as dt

import pytest

from honours.models import Facility, FacilityType, Honour, HonourType, Level


@pytest.fixture
def make_honour(district):
    def make(name: str, *, honour_type: str = HonourType.LEARNING_TEAM, level: str = Level.DISTRICT, year: int = 2022,
             unit=None, **fields) -> Honour:
        honour = Honour(name=name, honour_type=honour_type, level=level, year=year, **fields)
        honour.set_unit(unit or district.qingbo_employer)
        honour.derive_keys()
        honour.full_clean()
        honour.save()
        return honour

    return make


@pytest.fixture
def make_facility(district):
    def make(name: str, *, facility_type: str = FacilityType.BOOK_HOUSE, built_on: dt.date = dt.date(2020, 5, 1),
             unit=None, **fields) -> Facility:
        facility = Facility(name=name, facility_type=facility_type, built_on=built_on, **fields)
        facility.set_unit(unit or district.qingbo_employer)
        facility.full_clean()
        facility.save()
        return facility

    return make
