"""Chinese personal names: common surnames by frequency and given-name characters.

Compact lists instead of Faker: the demo draws ~60,000 names, and a draw here is one random
number and a string join.
"""

from __future__ import annotations

import itertools
import random

# Most frequent first, in roughly the order they appear in Zhejiang; the draw favours the front.
SURNAMES = (
    "陈王张李吴徐周朱杨黄金胡沈林刘孙蒋叶方何钱赵郑俞施章许楼应倪汪潘余丁孔毛戴"
    "姚顾马范邵程谢宋唐韩冯邓曹彭曾肖田董袁于蔡杜程苏魏吕任卢姜崔钟谭陆石廖贾夏"
    "韦付白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺郝龚万严武莫向汤裘童屠翁骆"
)
COMPOUND_SURNAMES = ("欧阳", "诸葛", "上官", "司徒", "司马")

MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建峰亮成东志海晨博昊天睿轩泽锋毅翔荣兴永彬立斌坤"
FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧颖琳洁萍红梅莉倩欣悦怡蕾璐瑶琪雯晶露婉梦诗涵菲琴兰英秀凤月岚薇"
NEUTRAL = "晓文子一雨春秋明丹宁清嘉佳安乐家逸思"
# Whole given names typical of people born before the mid-1970s.
OLDER_MALE = ("建国", "卫东", "建华", "国强", "志强", "建平", "国平", "卫国", "建军", "永明", "国华", "志明")
OLDER_FEMALE = ("秀英", "桂英", "红梅", "美华", "丽华", "秀珍", "玉兰", "凤英", "建英", "红英", "秀兰", "彩霞")


def _unique(chars: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(chars))


_SURNAMES = _unique(SURNAMES)
# Zipf-like weights: the 1st surname about 10× as common as the 60th.
_SURNAME_WEIGHTS = tuple(itertools.accumulate(1 / (i + 6) for i in range(len(_SURNAMES))))
_MALE = _unique(MALE) + _unique(NEUTRAL)
_FEMALE = _unique(FEMALE) + _unique(NEUTRAL)


def surname(rng: random.Random) -> str:
    if rng.random() < 0.003:
        return rng.choice(COMPOUND_SURNAMES)
    return rng.choices(_SURNAMES, cum_weights=_SURNAME_WEIGHTS)[0]


def person_name(rng: random.Random, *, male: bool, born_year: int = 1985) -> str:
    """A plausible name: surname, then one or (three times in four) two given-name characters."""
    family = surname(rng)
    if born_year < 1975 and rng.random() < 0.3:
        return family + rng.choice(OLDER_MALE if male else OLDER_FEMALE)
    pool = _MALE if male else _FEMALE
    if rng.random() < 0.25:
        return family + rng.choice(pool)
    return family + rng.choice(pool) + rng.choice(pool)
