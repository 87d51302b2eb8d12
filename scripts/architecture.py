"""Measures the shape of the code: production lines, the import graph between the apps (at module
level and inside functions), its cycles, the arrows that run from a lower layer to a higher one,
and how many files name a register's app outside the app itself.

    uv run python scripts/architecture.py [--json]

Reads the source with `ast`; imports nothing of the project.
"""

from __future__ import annotations

import ast
import json
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def _contract_layers() -> list[set[str]]:
    """The layers of the import-linter contract (pyproject.toml), lowest first; the settings are
    read by everything through django.conf, so they count as the lowest."""
    with open(ROOT / "pyproject.toml", "rb") as handle:
        contracts = tomllib.load(handle)["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    return [{"uniondesk_settings"}] + [
        {name.strip().strip("()") for name in layer.replace(":", "|").split("|")} for layer in reversed(layers)]


#: an app may import its own layer and below
LAYERS: list[set[str]] = _contract_layers()
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
#: the apps that declare registers, for the "files to add a register" count
REGISTER_APPS = ["orgs", "workers", "contests", "training", "proposals", "honours", "meetings",
                 "contracts", "mediation", "supervision", "assistance"]


def production_files() -> list[Path]:
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} | {"uniondesk"}
    files = []
    for app in sorted(apps):
        for path in (ROOT / app).rglob("*.py"):
            parts = set(path.relative_to(ROOT).parts)
            if parts & {"tests", "migrations"}:
                continue
            files.append(path)
    return files


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, modules: set[str]) -> list[tuple[str, bool]]:
    """(imported first-party module, made inside a function) for each import of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: list[tuple[str, bool]] = []

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if target := resolve(alias.name):
                        found.append((target, inner))
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in child.names:
                    if target := resolve(f"{base}.{alias.name}") or resolve(base):
                        found.append((target, inner))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                continue  # imports for annotations only never run
            visit(child, inner)

    visit(tree, False)
    return [(target, inner) for target, inner in found if target != me]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def app_of(module: str) -> str:
    top = module.split(".")[0]
    return "uniondesk_settings" if module in {"uniondesk.settings"} else top


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strongconnect(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                strongconnect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            strongconnect(node)
    return found


def measure() -> dict:
    files = production_files()
    modules = {module_name(path) for path in files}
    lines = sum(len(path.read_text(encoding="utf-8").splitlines()) for path in files)
    demo_lines = sum(
        len(path.read_text(encoding="utf-8").splitlines()) for path in files
        if "demo" in path.name or "sample_district" in path.name or path.parts[-2] == "demo"
        or "demo" in path.relative_to(ROOT).parts[0])

    module_graph: dict[str, set[str]] = defaultdict(set)
    top_graph: dict[str, set[str]] = defaultdict(set)
    app_graph_all: dict[str, set[str]] = defaultdict(set)
    app_graph_top: dict[str, set[str]] = defaultdict(set)
    in_function = 0
    upward: set[tuple[str, str]] = set()
    for path in files:
        me = module_name(path)
        for target, inner in imports_of(path, modules):
            module_graph[me].add(target)
            a, b = app_of(me), app_of(target)
            in_function += inner
            if not inner:
                top_graph[me].add(target)
            if a != b:
                app_graph_all[a].add(b)
                if not inner:
                    app_graph_top[a].add(b)
                if RANK.get(a, 99) < RANK.get(b, 99):
                    upward.add((me, target))

    def mutual(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
        return sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if a in graph.get(b, ())})

    touched = {}
    for app in REGISTER_APPS:
        outside = set()
        for path in files:
            rel = path.relative_to(ROOT)
            if rel.parts[0] == app:
                continue
            text = path.read_text(encoding="utf-8")
            if f'"{app}' in text or f"'{app}" in text or f"{app}." in text or f"import {app}" in text:
                outside.add(str(rel))
        extra = [p for p in ("pyproject.toml",) if f'"{app}"' in (ROOT / p).read_text()]
        touched[app] = sorted(outside) + extra
    return {
        "production_lines": lines,
        "demo_lines": demo_lines,
        "imports_inside_functions": in_function,
        "app_cycles_module_level": cycles(app_graph_top),
        "app_cycles_with_functions": cycles(app_graph_all),
        "app_pairs_importing_each_other": mutual(app_graph_all),
        "file_cycles_module_level": cycles(top_graph),
        "file_cycles_with_functions": cycles(module_graph),
        "upward_arrows": sorted(f"{a} -> {b}" for a, b in upward),
        "files_outside_app_naming_it": touched,
    }


def main() -> None:
    result = measure()
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"production lines (apps, no tests/migrations): {result['production_lines']}")
    print(f"  of which demo generators: {result['demo_lines']}")
    print(f"imports made inside functions: {result['imports_inside_functions']}")
    for key in ("app_cycles_module_level", "app_cycles_with_functions",
                "file_cycles_module_level", "file_cycles_with_functions"):
        found = result[key]
        print(f"{key}: {len(found)} cycle(s), largest {max(map(len, found), default=0)}")
        for cycle in found:
            print("   ", " ".join(cycle) if len(cycle) < 25 else f"{len(cycle)} modules")
    print(f"app pairs importing each other: {len(result['app_pairs_importing_each_other'])}")
    print(f"arrows from a lower layer to a higher one: {len(result['upward_arrows'])}")
    for arrow in result["upward_arrows"]:
        print("   ", arrow)
    counts = {app: len(files) for app, files in result["files_outside_app_naming_it"].items()}
    print(f"files outside a register's app that name it: {counts}")
    lower = {app: [f for f in files if _rank_of_file(f) <= RANK[app]]
             for app, files in result["files_outside_app_naming_it"].items()}
    print("of which in the app's own layer or below (lists that must learn of a new register):")
    for app, files in lower.items():
        print(f"    {app}: {len(files)} {' '.join(files)}")


def _rank_of_file(rel: str) -> int:
    top = rel.split("/")[0]
    if rel in ("pyproject.toml", "uniondesk/settings.py"):
        return -1  # the project's own lists: every layer needs them
    return RANK.get(top, 99)


if __name__ == "__main__":
    main()
