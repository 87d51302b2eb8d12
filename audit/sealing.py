"""How an audit entry is sealed: HMAC-SHA256 under a key kept outside the database.

A plain hash chain can be recomputed by anyone who can write the table; an HMAC cannot without
the key. The key is configuration (`AUDIT_KEY`, else derived from `SECRET_KEY`), never stored in
the database or in a backup; the entry stores only the key's fingerprint, so a check can tell a
changed key from a changed entry. Entries written before keying (key_id empty) keep their plain
SHA-256 seal and still verify; they may only precede the keyed ones.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings

KEY_PURPOSE = b"uniondesk audit chain"


def audit_key() -> bytes:
    """AUDIT_KEY when set; otherwise a key derived from SECRET_KEY (enough for a demo: change
    SECRET_KEY and the log no longer verifies, which is why production sets AUDIT_KEY)."""
    if settings.AUDIT_KEY:
        return settings.AUDIT_KEY.encode()
    return hmac.new(settings.SECRET_KEY.encode(), KEY_PURPOSE, hashlib.sha256).digest()


def key_id(key: bytes | None = None) -> str:
    """A fingerprint that names the key without revealing it."""
    return hmac.new(key or audit_key(), b"key id", hashlib.sha256).hexdigest()[:8]


def payload(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str).encode()


def seal(data: bytes, *, keyed: bool, key: bytes | None = None) -> str:
    if not keyed:  # an entry written before the chain was keyed
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key or audit_key(), data, hashlib.sha256).hexdigest()
