"""How personal data is shown to someone whose role does not need it (SPEC §1, §3)."""


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
