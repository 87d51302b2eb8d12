"""Malformed query parameters on every page, export and API route of the URL conf: never a server error.

Each route without path parameters, and each route of a register (`<slug>`) for every register, is
opened as the first persona it answers; the query parameters it reads are found by recording what
the view asks of request.GET (and, for the API, from the operation's declared parameters). Then
each parameter is sent malformed, by kind: years (-1, 0, 99999, 18 digits, text), pages (0, -1,
10^20), ids of 湖滨's subtree and ids no column holds, and text with NUL bytes and unknown
choices. All parameters of a route go in one request per value (when the API refuses it with 400,
the rest goes again without the parameters it named), and each parameter once alone, so neither
a refusal nor a parameter that changes what the view does hides another.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from ninja.params.models import QueryModel

from core.tests.records import qingbo_record, qingbo_records
from indicators.areas import AREAS
from registers.catalog import registers

PERSONAS = ["qingbo_admin", "qingbo_auditor", "sysadmin", "anonymous"]  # the first one a route answers with 200
SKIPPED = {"accounts:logout"}  # ends the session the walk goes on with

HUGE = "1" + "0" * 20
YEARS = ["-1", "0", "99999", "1" * 18, "二〇二三\x00"]
PAGES = ["0", "-1", HUGE, "x\x00"]
TEXTS = ["\x00", "未知\x00选项", "' OR 1=1 --"]
ID_NAMES = {"org", "street", "union", "parent", "node", "employer", "course", "competition", "pk", "id"}


def _values(name: str, district: Any) -> list[str]:
    if name == "year" or name.endswith("_year"):
        return YEARS
    if name in {"page", "page_size", "problems"}:
        return PAGES
    if name in ID_NAMES:
        other = district.hubin_employer.pk if name == "employer" else district.hubin.pk  # 湖滨's, not the persona's
        return [str(other), "-1", HUGE, "x\x00"]
    return TEXTS


READ: set[str] = set()


class RecordedQuery(QueryDict):
    """request.GET that notes every parameter the view asks for."""

    def get(self, key: str, default: Any = None) -> Any:
        READ.add(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> list:
        READ.add(key)
        return super().getlist(key, default)

    def __getitem__(self, key: str) -> Any:
        READ.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        READ.add(str(key))
        return super().__contains__(key)


class RecordReads:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        request.GET = RecordedQuery(request.GET.urlencode())  # the query as the product's layer left it
        return self.get_response(request)


def _slugs(name: str) -> list[str]:
    """An area's slugs for the area pages; else every register's, but for the generic record
    pages of a register that has pages of its own (Register.list_url)."""
    if name.endswith(":area"):  # the area pages (and the old address that redirects to them)
        return [area.slug for area in AREAS]
    return [slug for slug, r in registers().items() if not (name.startswith("registers:record-") and r.list_url)]


def _routes(resolver: URLResolver | None = None, prefix: str = "") -> list[tuple[str, str]]:
    """(name, register slug or "") for every route whose only path parameter, if any, is a slug."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name and prefix + pattern.name not in SKIPPED:
            params = set(pattern.pattern.converters) | set(pattern.pattern.regex.groupindex)
            name = prefix + pattern.name
            if not params:
                found.append((name, ""))
            elif params == {"slug"}:
                found += [(name, slug) for slug in _slugs(name)]
    return found


def _api_params(url: str) -> set[str]:
    """The query parameters an API operation declares (ninja reads request.GET whole)."""
    func = resolve(url).func
    views = [c.cell_contents for c in func.__closure__ or () if hasattr(c.cell_contents, "operations")]
    names = set()
    for operation in (op for view in views for op in view.operations):
        for model in operation.models:
            if issubclass(model, QueryModel):
                names |= set(getattr(model, "__ninja_flatten_map__", None) or model.model_fields)
    return names


ROUTES = _routes()


@pytest.mark.parametrize(("name", "slug"), ROUTES, ids=[f"{n}-{s}" if s else n for n, s in ROUTES])
def test_malformed_query_parameters_get_no_server_error(client, personas, district, settings, name, slug):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "core.tests.test_fuzz.RecordReads"]
    if slug in registers():
        qingbo_record(district, slug)  # the rows the register's pages show
    else:
        qingbo_records(district)
    url = reverse(name, kwargs={"slug": slug} if slug else {})
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(personas[persona])
        READ.clear()
        if client.get(url + "?_=1").status_code == 200:  # a non-empty query: FilterSets read an empty one as unbound
            break
    else:
        pytest.skip(f"{url} answers no persona with a page")
    names = sorted((READ | _api_params(url)) - {"_"})
    if not names:
        return
    values = {n: _values(n, district) for n in names}
    failures = []

    def send(query: dict[str, str]) -> None:
        try:
            response = client.get(url, query)
        except Exception as error:  # noqa: BLE001 — the test client re-raises what the view raised
            failures.append((query, repr(error)))
            return
        if response.status_code >= 500:
            failures.append((query, response.status_code))
        elif response.status_code == 400 and len(query) > 1:
            # the API names what it refused: the rest is sent again; a page's 400, each alone
            refused = {str(e["loc"][-1]) for e in response.json().get("errors", [])} \
                if response.get("Content-Type", "").startswith("application/json") else set()
            rest = {n: v for n, v in query.items() if n not in refused}
            for again in [rest] if refused and rest else [{n: v} for n, v in query.items()] if not refused else []:
                send(again)

    for i in range(max(len(v) for v in values.values())):
        send({n: v[i % len(v)] for n, v in values.items()})
    if len(names) > 1:  # and each alone, as one parameter may decide what the others are read for (?indicator=)
        for j, n in enumerate(names):
            send({n: values[n][j % len(values[n])]})
    assert not failures, f"{url} as {persona}: {failures}"


def test_the_walk_reaches_the_lists_exports_and_api_of_every_register():
    """A register's list, export and API rows are among the routes fuzzed (none lost to a URL change)."""
    routes = set(ROUTES)
    for slug, register in registers().items():
        assert ("registers:export", slug) in routes and ("api:register-rows", slug) in routes
        assert (register.list_url, "") in routes if register.list_url else ("registers:record-list", slug) in routes
    assert {"api:org-list", "api:employer-list", "api:worker-list", "registers:import-list"} <= {n for n, _ in routes}


def test_recording_finds_the_parameters_a_list_reads(client, personas, district, settings):
    """The walk fuzzes what a view reads: the cases' list reads its filters, page and sort."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "core.tests.test_fuzz.RecordReads"]
    client.force_login(personas["qingbo_admin"])
    READ.clear()
    client.get(reverse("registers:record-list", args=["cases"]) + "?_=1")
    assert {"year", "q", "status", "street", "union", "page", "sort"} <= READ
    assert {"page", "q"} <= _api_params(reverse("api:org-list")) and "employer" in _api_params(reverse("api:worker-list"))

