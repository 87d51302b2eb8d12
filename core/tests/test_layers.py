"""The import-linter contract (pyproject.toml) names every app: import-linter's own `exhaustive`
needs the apps under one container package, and ours are top-level packages."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _importlinter() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["tool"]["importlinter"]


def _apps() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/apps.py")} | {"uniondesk"}


def test_every_app_stands_in_a_layer_of_the_contract():
    contract = next(c for c in _importlinter()["contracts"] if c["type"] == "layers")
    named = {name.strip().strip("()") for layer in contract["layers"] for name in layer.replace(":", "|").split("|")}
    assert _apps() <= named, f"apps in no layer: {sorted(_apps() - named)}"


def test_the_contract_reads_every_app():
    assert _apps() <= set(_importlinter()["root_packages"])
