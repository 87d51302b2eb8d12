"""Validators for the codes that identify people and employers (SPEC §3).

Each returns the normalised value or raises ValidationError with a Chinese message, so a form,
an import row and the API all say the same thing about the same bad value.
"""

import datetime as dt
import re
from operator import mul

from django.core.exceptions import ValidationError
from django.utils import timezone

from .params import FIRST_YEAR, year_param  # noqa: F401 — a page's ?year= is read with the other query parameters

# GB 11643-1999: weights 2^(17-i) mod 11, check char from the ISO 7064 MOD 11-2 remainder.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def id_check_char(first17: str) -> str:
    total = sum(map(mul, map(int, first17), _ID_WEIGHTS))  # first17 is 17 digits (the callers check)
    return _ID_CHECK[total % 11]


def id_birth_date(value: str) -> dt.date:
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def id_gender(value: str) -> str:
    """男 for an odd sequence digit (the 17th), 女 for even."""
    return "男" if int(value[16]) % 2 else "女"


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    value = (value or "").strip().upper()
    if len(value) != 18:
        raise ValidationError("身份证号应为18位，现为%(n)d位", params={"n": len(value)}, code="length")
    if not _ID_RE.match(value):
        raise ValidationError("身份证号前17位应为数字，末位为数字或X", code="chars")
    try:
        born = id_birth_date(value)
    except ValueError:
        raise ValidationError("身份证号中的出生日期%(d)s不存在", params={"d": value[6:14]}, code="birth") from None
    today = today or timezone.localdate()
    if born > today or born.year < 1850:
        raise ValidationError("身份证号中的出生日期%(d)s不合理", params={"d": value[6:14]}, code="birth")
    if id_check_char(value[:17]) != value[17]:
        raise ValidationError("身份证号校验位错误", code="check")
    return value


# GB 32100-2015: 31-character alphabet (no I, O, S, V, Z), weights 3^i mod 31, MOD 31-1.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def credit_code_check_char(first17: str) -> str:
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    value = (value or "").strip().upper()
    if len(value) != 18:
        raise ValidationError("统一社会信用代码应为18位，现为%(n)d位", params={"n": len(value)}, code="length")
    bad = sorted({c for c in value if c not in _USCC_ALPHABET})
    if bad:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符：%(c)s（不使用 I、O、S、V、Z）",
            params={"c": "、".join(bad)},
            code="chars",
        )
    if not _USCC_RE.match(value):
        raise ValidationError("统一社会信用代码第3至8位应为行政区划码（6位数字）", code="region")
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError("统一社会信用代码校验位错误", code="check")
    return value


_MOBILE_RE = re.compile(r"^1\d{10}$")


def validate_mobile(value: str) -> str:
    value = (value or "").strip().replace(" ", "").replace("-", "")
    if not _MOBILE_RE.match(value):
        raise ValidationError("手机号应为以1开头的11位数字", code="mobile")
    return value


def validate_not_future(value: dt.date | None, *, label: str = "日期", today: dt.date | None = None) -> None:
    if value and value > (today or timezone.localdate()):
        raise ValidationError("%(label)s不能晚于今天", params={"label": label}, code="future")


def validate_not_before(end: dt.date | None, start: dt.date | None, *, end_label: str, start_label: str) -> None:
    if end and start and end < start:
        raise ValidationError(
            "%(end)s不能早于%(start)s", params={"end": end_label, "start": start_label}, code="order"
        )


def validate_year(value: int | None, *, today: dt.date | None = None) -> None:
    """A 年度 that has begun (a competition, a naming, a revocation), not a distant past."""
    if value is None:
        return
    this_year = (today or timezone.localdate()).year
    if not FIRST_YEAR <= value <= this_year:
        raise ValidationError("年度应在%(first)d至%(last)d之间", params={"first": FIRST_YEAR, "last": this_year}, code="year")
