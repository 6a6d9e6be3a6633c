"""Credentials typed as secrets, so that no repr, log line or error message can show them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, SecretStr
from pydantic.fields import FieldInfo

MASK = "**********"


class Credentials(BaseModel):
    """What an adapter needs to act for one account; every secret field is a ``SecretStr``."""

    # hide_input_in_errors: a validation error must not quote the token it could not accept.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    #: Fields the adapter fills in itself (a session, a token's expiry, the server's limits):
    #: kept with the others, never typed by people.
    kept: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def typed_fields(cls) -> dict[str, FieldInfo]:
        """The fields people type in to connect the account."""
        return {name: info for name, info in cls.model_fields.items() if name not in cls.kept}

    def secret_values(self) -> list[str]:
        """The plain values of every secret field, for scrubbing them out of messages."""
        values = (getattr(self, name) for name in type(self).model_fields)
        return [
            v.get_secret_value()
            for v in values
            if isinstance(v, SecretStr) and v.get_secret_value()
        ]

    def stored(self) -> dict[str, Any]:
        """The values as JSON, secrets in the clear: only for sealing them away.

        Kept fields still at their default are left out, so that what was stored before they
        existed reads the same.
        """
        plain = self.model_dump(mode="json")
        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if name in self.kept and value == info.get_default(call_default_factory=True):
                del plain[name]
            elif isinstance(value, SecretStr):
                plain[name] = value.get_secret_value()
        return plain


def redact(text: str, secrets: Iterable[str]) -> str:
    """*text* with every secret replaced by the mask; a network may echo what it was sent."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text
