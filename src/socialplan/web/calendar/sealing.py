"""Tokens encrypted at rest: credentials are sealed with Fernet before they reach the database.

The key comes from ``SOCIALPLAN_ENCRYPTION_KEY`` (a Fernet key), else it is derived from the
app's secret key, so a database copied without the key opens nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    """The cipher for the configured (or derived) key."""
    configured = getattr(settings, "ENCRYPTION_KEY", "")
    if configured:
        return Fernet(configured.encode())
    digest = hashlib.sha256(f"socialplan-credentials:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(credentials: Mapping[str, object]) -> str:
    """Encrypt *credentials* (plain values, as the adapter's model dumps them)."""
    return _fernet().encrypt(json.dumps(dict(credentials)).encode()).decode()


class SealBroken(Exception):
    """Sealed credentials that this key cannot open (a different key, or damaged data)."""


def unseal(sealed: str) -> dict[str, object]:
    """The credentials inside *sealed*."""
    try:
        opened: dict[str, object] = json.loads(_fernet().decrypt(sealed.encode()))
    except (InvalidToken, ValueError) as exc:
        raise SealBroken from exc
    return opened
