"""Numbers as a Chinese office writes them in a work summary (工作总结):

    受益职工2.3万名          approx_wan(23064)              "2.3万"
    创造直接经济效益3900多万元  more_than(3916.4, unit="万元")  "3900多万元"
    80多家企业               more_than(83)                  "80多"
    已召开七次               count_cn(7)                    "七"
    占应签人数的96.1%         percent(Decimal("96.1"))       "96.1%"
    57422人 / 3841.03万元    plain(57422) / plain(Decimal("3841.03"))

Each form only drops precision downwards ("多" means "more than"), so a rounded figure never
claims more than the records give.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

Numeric = int | float | Decimal

_DIGITS = "零一二三四五六七八九"
_UNITS = ("", "十", "百", "千")


def _decimal(value: Numeric) -> Decimal:
    # str() first: Decimal(0.1) would carry the float's binary noise into the text
    return value if isinstance(value, Decimal) else Decimal(str(value))


def plain(value: Numeric) -> str:
    """A count as digits without separators (57422人); a decimal amount with its two places
    (3841.03万元), the way the sample writes both."""
    number = _decimal(value)
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"


def count_cn(n: int) -> str:
    """A small count in Chinese numerals: 7 → 七, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.

    "十" alone opens the teens (十二, not 一十二) as in ordinary text; 0–9999."""
    if not 0 <= n <= 9999:
        raise ValueError(f"count_cn takes 0–9999, not {n}")
    if n == 0:
        return "零"
    digits = [int(d) for d in str(n)]
    out, zero_pending = "", False
    for i, digit in enumerate(digits):
        position = len(digits) - 1 - i
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out += "零"
            zero_pending = False
        out += _DIGITS[digit] + _UNITS[position]
    return out[1:] if 10 <= n <= 19 else out


def approx_wan(n: Numeric) -> str:
    """A large head-count in 万 to one decimal, half-up: 23064 → 2.3万, 10000 → 1万.
    Below 10000 it is written out (9876)."""
    number = _decimal(n)
    if number < 10000:
        return plain(number)
    wan = (number / 10000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{wan}".removesuffix(".0")
    return f"{text}万"


def more_than(value: Numeric, unit: str = "") -> str:
    """The figure cut down to its leading digits with 多 when anything was cut:
    3916.4 → 3900多, 83 → 80多, 467 → 460多, 80 → 80, 7 → 7.

    Two leading digits from 100 up, one from 10 to 99; below 10 the count is exact."""
    number = _decimal(value)
    if number < 10:
        return plain(number) + unit
    whole = int(number.to_integral_value(rounding=ROUND_DOWN))
    keep = 2 if whole >= 100 else 1
    step = 10 ** (len(str(whole)) - keep)
    floor = whole // step * step
    return f"{floor}{'多' if number > floor else ''}{unit}"


def percent(value: Numeric) -> str:
    """A rate with its one decimal: 96.1%, 96.0%."""
    return f"{_decimal(value).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
