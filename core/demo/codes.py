"""Identity codes that pass the real check digits: 身份证号 (GB 11643), 统一社会信用代码
(GB 32100, whose 9-character body is an organisation code with its own GB 11714 check), mobile
and landline numbers."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from core.validators import credit_code_check_char, id_check_char

from .places import ID_REGIONS

# GB 32100 alphabet: digits and capitals without I, O, S, V, Z
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUES = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}

# 登记管理部门码 + 机构类别码 by 单位类型 (GB 32100 table 1): 9 工商 1 企业 / 2 个体工商户,
# 1 机构编制 1 机关 / 2 事业单位, 5 民政 1 社会团体 / 2 民办非企业单位
CREDIT_PREFIX = {"企业": "91", "个体工商户": "92", "机关": "11", "事业单位": "12"}

_ID_REGION_CODES = tuple(code for code, _ in ID_REGIONS)
_ID_REGION_WEIGHTS = tuple(itertools.accumulate(w for _, w in ID_REGIONS))

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182",
    "183", "185", "186", "187", "188", "189", "191", "198", "199", "135", "138", "139", "158", "187",
)


def org_code_check_char(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code."""
    c = 11 - sum(_ORG_VALUES[ch] * w for ch, w in zip(body8, _ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(rng: random.Random, prefix: str, region: str) -> str:
    """An 18-character code: prefix (e.g. 91), 6-digit region, organisation code + check, check.

    Enterprises registered since 2015 have organisation codes starting MA (e.g. 91330102MA2CXXXXXX);
    older bodies and public ones have eight digits."""
    if prefix[0] == "9" and rng.random() < 0.7:
        body = "MA" + "".join(rng.choice(USCC_ALPHABET) for _ in range(6))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    first17 = prefix + region + body + org_code_check_char(body)
    return first17 + credit_code_check_char(first17)


def id_number(rng: random.Random, *, born: dt.date, male: bool) -> str:
    """A 身份证号 born on `born`: birthplace code, date, sequence with the right parity, check."""
    region = rng.choices(_ID_REGION_CODES, cum_weights=_ID_REGION_WEIGHTS)[0]
    sequence = rng.randrange(0, 1000, 2) + (1 if male else 0)  # odd 17th digit = 男
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_char(first17)


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


def landline(rng: random.Random) -> str:
    """A Hangzhou office number, 0571-8xxxxxxx."""
    return f"0571-8{rng.randrange(10_000_000):07d}"
