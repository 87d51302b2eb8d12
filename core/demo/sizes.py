"""How big a demo district is. `uniondesk demo` builds the `district` preset; tests build `small`
(two streets, seconds); `--size` (hidden) also takes `key=value,…` on top of the district preset,
e.g. `--size workers=200000` to see how a page holds up."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Sizes:
    streets: int = 6  # per district: the first N of its streets (上城区: 清波, 湖滨, 小营 …)
    unions: int = 300  # grassroots unions (基层工会 and 联合基层工会) per district
    employers: int = 2000  # per district
    workers: int = 60_000  # per district
    system_unions: int = 3  # 教育, 卫生健康, 机关

    def check(self) -> None:
        """The demo needs 清波 and 湖滨 (personas), one union of each kind, and at least one
        employer and one worker per union."""
        problems = []
        if self.streets < 2:
            problems.append("streets 至少为 2（演示账号需要清波、湖滨两个街道）")
        if not 1 <= self.system_unions <= 3:
            problems.append("system_unions 应为 1–3")
        if self.unions < self.streets + self.system_unions + 2:
            problems.append(f"unions 至少为 streets + system_unions + 2 = {self.streets + self.system_unions + 2}")
        if self.employers < 2 * self.unions:
            problems.append(f"employers 至少为 unions 的 2 倍（{2 * self.unions}）")
        if self.workers < self.employers:
            problems.append(f"workers 不能少于 employers（{self.employers}）")
        if problems:
            raise ValueError("演示规模参数不合理：" + "；".join(problems))


SIZES: dict[str, Sizes] = {
    "district": Sizes(),
    "small": Sizes(streets=2, unions=20, employers=100, workers=1_000),
    "tiny": Sizes(streets=6, unions=24, employers=60, workers=400),
}


def parse_sizes(text: str) -> Sizes:
    """`small`, or `unions=20,workers=5000` (the rest from the district preset)."""
    if text in SIZES:
        return SIZES[text]
    names = {f.name for f in fields(Sizes)}
    values: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, _, value = item.partition("=")
        if key.strip() not in names or not value.strip().isdigit():
            raise ValueError(f"无法识别的规模参数“{item}”：可用 {', '.join(sorted(SIZES))}，或 {'=N, '.join(sorted(names))}=N")
        values[key.strip()] = int(value)
    return replace(SIZES["district"], **values)
