"""Several years' figures at once (figures_by_year: one query where the indicator allows it)
equal each year's figure(), for every indicator of the catalogue, on the tiny demo district: its
registers hold records in several years, some owned through units closed in between."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from indicators.catalog import BY_KEY, figure, figures_by_year, groups_by_year, takes_years_together
from indicators.scope import Scope
from orgs.models import Org


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("demo", size="tiny", seed=1, stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def scopes(demo, db):
    street = Org.objects.filter(depth=2).order_by("path").first()
    user = get_user_model().objects.get(username="qingbo_admin")
    return [Scope(0), Scope(0, street.path), Scope(0, user.org.path, user)]


YEARS = list(range(2019, 2028))


@pytest.mark.parametrize("key", sorted(BY_KEY))
def test_every_indicator_over_the_years_equals_its_figure_of_each_year(scopes, key):
    indicator = BY_KEY[key]
    for scope in scopes:
        expected = {year: figure(indicator, Scope(year, scope.path, scope.user)) for year in YEARS}
        assert figures_by_year(indicator, scope, YEARS) == expected, (key, scope.path)


def test_the_demo_gives_the_grouped_indicators_figures_in_several_years(scopes):
    """The comparison above means something: most figures taken together are non-zero in two years or more."""
    grouped = [i for i in BY_KEY.values() if groups_by_year(i) or takes_years_together(i)]
    several = [i.key for i in grouped if sum(1 for v in figures_by_year(i, scopes[0], YEARS).values() if v) >= 2]
    assert len(several) >= len(grouped) * 2 // 3, several
