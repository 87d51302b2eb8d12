"""The demo generator behind `uniondesk demo` (SPEC §6): a seeded, realistic 上城区 district —
or ten Hangzhou districts under 杭州市总工会 — with one account per persona.

    names.py      surnames and given-name characters
    places.py     Hangzhou's districts, streets, roads; 身份证 birthplace codes
    companies.py  trade names, kinds of company and shop, schools, hospitals, bureaus
    codes.py      身份证号, 统一社会信用代码, phone numbers, with valid check characters
    sizes.py      how big a district is (presets: district, small, tiny)
    context.py    the seeded random source and the names and codes handed out
    tree.py       the planned org tree and its treebeard paths
    district.py   one district planned: unions and employers
    workers.py    the workers of an employer
    personas.py   the demo accounts
    reset.py      --reset: delete business data and accounts, dependents first
    run.py        build_demo(): plan, bulk insert, personas, summary

Everything is drawn from one random.Random(seed): the same seed gives the same district.
"""

from .context import DemoContext
from .run import DEFAULT_SEED, DemoRefused, DemoResult, build_demo
from .sizes import SIZES, Sizes, parse_sizes

__all__ = ["DEFAULT_SEED", "SIZES", "DemoContext", "DemoRefused", "DemoResult", "Sizes", "build_demo", "parse_sizes"]
