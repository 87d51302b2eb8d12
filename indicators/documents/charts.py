"""The report's charts as PNG, drawn on the server with matplotlib in WenQuanYi Zen Hei (the
CJK font Debian's fonts-wqy-zenhei installs), so Word, the PDF and a page show the same picture."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import Report

#: figures drawn by street and over the years (none describes the register as it stands, so
#: every past year can be computed)
CHART_KEYS = ("training.person_times", "competition.labour_participants", "proposals.submitted",
              "contracts.covered_workers")


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes
    width: float = 7.4  # inches, as drawn
    height: float = 5.0

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")



FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
BLUE, RED = "#2f5597", "#c00000"
DPI = 150


def _font_family() -> str:
    """Register the CJK font once; without it (another system) matplotlib falls back and the
    Chinese labels are missing, which the tests would show."""
    from matplotlib import font_manager

    if FONT_FILE.exists():
        font_manager.fontManager.addfont(str(FONT_FILE))
        return font_manager.FontProperties(fname=str(FONT_FILE)).get_name()
    return "sans-serif"


TOP = 10  # nodes drawn one by one in a panel of the breakdown; the rest make one bar
NAME_AT_MOST = 10  # characters of a node's name on an axis


def _png(figure: object) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _chart(title: str, figure: object) -> Chart:
    width, height = figure.get_size_inches()  # type: ignore[attr-defined]
    return Chart(title, _png(figure), float(width), float(height))


def _axis(ax: Any, values: list[float]) -> None:
    """A few ticks (long numbers would run into each other); a panel of nothing but zeros says so
    instead of drawing an axis around 0."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    if not any(values):
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        ax.text(0.5, 0.5, "本年无记录", transform=ax.transAxes, ha="center", va="center", color="#666")


def _short(name: str) -> str:
    return name if len(name) <= NAME_AT_MOST else name[:NAME_AT_MOST - 1] + "…"


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _label(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value / 1e4:.0f}万"


def charts(report: Report) -> list[Chart]:
    import matplotlib

    style = {"font.family": _font_family(), "font.size": 9, "axes.spines.top": False, "axes.spines.right": False,
             "axes.titlesize": 10,
             # Zen Hei has one weight (medium): asking for another only logs a fallback warning
             "font.weight": "medium", "axes.titleweight": "medium",
             "axes.unicode_minus": False}  # Zen Hei has no U+2212
    out = []
    with matplotlib.rc_context(style):
        # a chart of nothing but zeros says nothing: it is left out
        if any(_number(values.get(key)) for _, values in report.parts for key in CHART_KEYS):
            many = len(report.parts) > TOP + 1
            title = f"图1 {report.year}年{report.children}主要指标" + (f"（每项前{TOP}位及其余合计）" if many else "")
            out.append(_chart(title, _breakdown(report, CHART_KEYS) if not many else _top(report, CHART_KEYS)))
        if len(report.trend) > 1 and any(_number(v) for _, values in report.trend for v in values.values()):
            title = f"图{len(out) + 1} {report.trend[0][0]}—{report.year}年主要指标变化"
            out.append(_chart(title, _trend(report, CHART_KEYS)))
    return out


def _breakdown(report: Report, keys: tuple[str, ...]) -> object:
    """Every node in each panel, one axis of names shared (a few nodes)."""
    from matplotlib.figure import Figure

    names = [_short(name) for name, _ in report.parts][::-1]  # the first node on top
    height = max(4.5, 1.2 + 0.3 * len(names) * 2)
    figure = Figure(figsize=(7.4, height), layout="constrained")
    axes = figure.subplots(2, 2, sharey=True)
    for ax, key in zip(axes.flat, keys, strict=True):
        values = [_number(values.get(key)) for _, values in report.parts][::-1]
        bars = ax.barh(names, values, color=BLUE, height=0.6)
        if any(values):
            ax.bar_label(bars, labels=[_label(v) for v in values], padding=2, fontsize=8)
        ax.set_title(report.labels[key])
        ax.margins(x=0.22)
        ax.tick_params(axis="x", labelsize=7)
        _axis(ax, values)
    return figure


def _top(report: Report, keys: tuple[str, ...]) -> object:
    """Many nodes: each panel draws its TOP largest and one bar for the others together, so the
    chart keeps a page's height whatever the number of nodes."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.4, 1.2 + 0.3 * (TOP + 1) * 2), layout="constrained")
    for ax, key in zip(figure.subplots(2, 2).flat, keys, strict=True):
        ranked = sorted(((name, _number(values.get(key))) for name, values in report.parts), key=lambda p: -p[1])
        top = [(name, value) for name, value in ranked[:TOP] if value]
        rest = ranked[len(top):]
        bars = [(_short(name), value) for name, value in top]
        if not any(value for _, value in rest):
            rest = []
        if rest:
            bars.append((f"其余{len(rest)}个合计", sum(value for _, value in rest)))
        bars.reverse()  # the largest on top
        colors = (["#8faadc"] if rest else []) + [BLUE] * len(top)  # the others together, paler
        drawn = ax.barh([name for name, _ in bars], [value for _, value in bars], height=0.6, color=colors)
        ax.bar_label(drawn, labels=[_label(value) for _, value in bars], padding=2, fontsize=8)
        ax.set_title(report.labels[key])
        ax.margins(x=0.22)
        ax.tick_params(axis="x", labelsize=7)
        ax.tick_params(axis="y", labelsize=8)
        _axis(ax, [value for _, value in bars])
    return figure


def _trend(report: Report, keys: tuple[str, ...]) -> object:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    all_years = [year for year, _ in report.trend]
    figure = Figure(figsize=(7.4, 5.0), layout="constrained")
    axes = figure.subplots(2, 2)
    for ax, key in zip(axes.flat, keys, strict=True):
        # a year before the register holds records is left blank, not drawn as 0
        held = [(year, _number(values[key])) for year, values in report.trend if values.get(key) is not None]
        years, values = [y for y, _ in held] or all_years[-1:], [v for _, v in held] or [0.0]
        ax.plot(years, values, color=BLUE, marker="o", markersize=4)
        ax.plot(years[-1:], values[-1:], color=RED, marker="o", markersize=6)  # the report's year
        for year, value in zip(years, values, strict=True):
            # on a white ground above the line, so the line never runs through a number
            ax.annotate(_label(value), (year, value), textcoords="offset points", xytext=(0, 7), ha="center",
                        fontsize=7, zorder=5, bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"})
        ax.set_title(report.labels[key])
        ax.set_xticks(all_years, [str(y) for y in all_years], fontsize=7)
        ax.set_xlim(all_years[0] - 0.4, all_years[-1] + 0.4)
        ax.set_ylim(0, max(values + [1]) * 1.2)
        ax.tick_params(axis="y", labelsize=7)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure
