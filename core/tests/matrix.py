"""What the permission matrices share: the personas in column order and a row builder."""

PERSONA_ORDER = [
    "district_admin", "qingbo_admin", "hubin_admin", "union_admin", "qingbo_viewer",
    "district_auditor", "qingbo_auditor", "sysadmin", "anonymous",
]


def expect(*codes: int) -> dict[str, int]:
    """One status per persona, in PERSONA_ORDER."""
    return dict(zip(PERSONA_ORDER, codes, strict=True))
