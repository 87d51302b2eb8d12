"""What the permission matrices share: the personas in column order and a row builder."""

PERSONA_ORDER = [
    "district_admin", "qingbo_admin", "hubin_admin", "union_admin", "qingbo_viewer",
    "district_auditor", "qingbo_auditor", "sysadmin", "anonymous",
]


def expect(*codes: int) -> dict[str, int]:
    """One status per persona, in PERSONA_ORDER."""
    return dict(zip(PERSONA_ORDER, codes, strict=True))


#                     dist  qb   hubin union view  audD  audQ  sys  anon
READ_ANY = expect(200, 200, 200, 200, 200, 403, 403, 403, 302)
READ_QINGBO = expect(200, 200, 404, 200, 200, 403, 403, 403, 302)
READ_QINGBO_STREET = expect(200, 200, 404, 404, 200, 403, 403, 403, 302)
WRITE_ANY = expect(200, 200, 200, 200, 403, 403, 403, 403, 302)
WRITE_QINGBO = expect(200, 200, 404, 200, 403, 403, 403, 403, 302)
WRITE_QINGBO_STREET = expect(200, 200, 404, 404, 403, 403, 403, 403, 302)
API_ANY = expect(200, 200, 200, 200, 200, 403, 403, 403, 401)
API_QINGBO = expect(200, 200, 404, 200, 200, 403, 403, 403, 401)
AUDIT = expect(403, 403, 403, 403, 403, 200, 200, 403, 302)
HOME = expect(200, 200, 200, 200, 200, 302, 302, 302, 302)

WRITE_QINGBO_STREET_POST = expect(302, 302, 404, 404, 403, 403, 403, 403, 302)
WRITE_QINGBO_POST = expect(302, 302, 404, 302, 403, 403, 403, 403, 302)
PUBLIC = expect(*[200] * 9)
