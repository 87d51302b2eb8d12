"""How personal data is shown to someone whose role does not need it (SPEC §1, §3)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

#: a 身份证号 or a mobile inside any text (a search box, a log line): digits not part of a longer run
_ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")
_MOBILE = re.compile(r"(?<!\d)1\d{10}(?!\d)")
#: any other run of seven digits or more standing alone (a 身份证号 typed in part): the region code
#: is all it keeps (digits inside a code of letters and digits, such as a credit code, are left)
_LONG_DIGITS = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d+[Xx]?)(?![0-9A-Za-z])")


def mask_id_number(value: str | None) -> str:
    """330102199001011234 → 330102********1234 (region kept, birth date hidden)."""
    if not value:
        return ""
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_mobile(value: str | None) -> str:
    """13812345678 → 138****5678."""
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) >= 8 else "*" * len(value)


def mask_text(value: str | None) -> str:
    """Any text with every 身份证号 and mobile in it masked, and any other long run of digits cut to
    its first six: what a log line or an audit entry may keep of what someone typed."""
    if not value:
        return value or ""
    value = _ID_NUMBER.sub(lambda m: mask_id_number(m.group()), value)
    value = _MOBILE.sub(lambda m: mask_mobile(m.group()), value)
    return _LONG_DIGITS.sub(lambda m: m.group(1) + "*" * len(m.group(2)), value)


def mask_phone(value: str | None) -> str:
    """A contact phone (联系电话): a mobile in it is masked like every mobile; an office line,
    which names no person, is shown as it is."""
    if not value:
        return ""
    return _MOBILE.sub(lambda m: mask_mobile(m.group()), value)


def mask_params(params: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Request parameters as an audit entry keeps them: personal numbers masked."""
    return {key: mask_text(str(value)) for key, value in params}


def mask_name(value: str | None) -> str:
    """A person's name as a page shown to someone who need not know it whole gives it: 张*, 欧阳**."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)
