"""Every persona clicks through the product: each page two clicks from the home page answers
without a server error, and the district admin's walk reaches every register.

The district has a record of every register in 清波's subtree (core/tests/records.py). Links are
the pages' own <a href>s, same origin, followed with GET only (a change of state is a form's POST
and is not sent); a redirect is followed at the same depth. A route is opened once per register it
serves, at the first address that leads to it (another record's detail page, the next page of a
list, another indicator are not opened again): the walk is about pages, not rows; the query
parameters are test_fuzz.py's. The district admin's walk goes one click further (3), so it reaches
the record forms behind each register's records.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from core.tests.matrix import PERSONA_ORDER
from core.tests.records import qingbo_records
from registers.catalog import registers

DEPTH = 2
NOT_FOLLOWED = {"accounts:logout"}
GENERIC_PAGES = {"registers:record-list", "registers:record-detail", "registers:record-create", "registers:record-edit",
                 "registers:record-delete", "registers:template", "registers:export", "registers:import"}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _route(url: str) -> tuple | None:
    """What makes two addresses the same page: the route, and the register when it serves many."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return ("?", path)
    if match.view_name in NOT_FOLLOWED:
        return None
    return match.view_name, match.kwargs.get("slug", "")


def crawl(client, depth: int = DEPTH) -> tuple[dict[str, int], set[tuple]]:
    """{url: status} of every page opened, and the routes seen."""
    seen: dict[tuple, str] = {}
    statuses: dict[str, int] = {}
    level = ["/"]
    for click in range(depth + 1):
        following = []
        for url in level:
            key = _route(url)
            if key is None or key in seen:
                continue
            seen[key] = url
            try:
                response = client.get(url)
            except Exception as error:  # noqa: BLE001 — the test client re-raises what a view raised
                statuses[url] = 500
                statuses[f"{url} ({error!r})"] = 500
                continue
            statuses[url] = response.status_code
            if response.status_code in (301, 302):
                level.append(urljoin(url, response["Location"]))  # the same click lands there
                continue
            if click == depth or not response.get("Content-Type", "").startswith("text/html"):
                continue
            parser = Links()
            parser.feed(response.content.decode())
            for href in parser.hrefs:
                target = urlsplit(urljoin(url, href))
                if not target.scheme and not target.netloc or target.netloc == "testserver":
                    following.append(target.path + (f"?{target.query}" if target.query else ""))
        level = following
    return statuses, set(seen)


@pytest.fixture
def district_with_records(district):
    qingbo_records(district)
    return district


@pytest.mark.parametrize("persona", [p for p in PERSONA_ORDER if p != "district_admin"])
def test_every_page_two_clicks_from_home_answers_without_server_error(client, personas, district_with_records, persona):
    if persona != "anonymous":
        client.force_login(personas[persona])
    statuses, _ = crawl(client)
    broken = {url: status for url, status in statuses.items() if status >= 500}
    assert not broken, broken


def test_district_admins_walk_reaches_every_register_without_server_error(client, personas, district_with_records):
    """The meta-test: a register, or a generic page of the registers, that no link leads to fails it."""
    client.force_login(personas["district_admin"])
    statuses, routes = crawl(client, DEPTH + 1)
    assert not {url: status for url, status in statuses.items() if status >= 500}
    opened = {url.split("?")[0] for url in statuses}
    lists = {slug: r.list_page for slug, r in registers().items()}
    assert not {slug for slug, url in lists.items() if url not in opened}, "registers whose list no link leads to"
    names = {route[0] for route in routes}
    assert GENERIC_PAGES <= names, f"pages no link leads to: {sorted(GENERIC_PAGES - names)}"
    assert reverse("core:home") in opened
