"""Credentials typed as secrets, so that no repr, log line or error message can show them."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, SecretStr

MASK = "**********"


class Credentials(BaseModel):
    """What an adapter needs to act for one account; every secret field is a ``SecretStr``."""

    # hide_input_in_errors: a validation error must not quote the token it could not accept.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    def secret_values(self) -> list[str]:
        """The plain values of every secret field, for scrubbing them out of messages."""
        values = (getattr(self, name) for name in type(self).model_fields)
        return [v.get_secret_value() for v in values if isinstance(v, SecretStr)]


def redact(text: str, secrets: Iterable[str]) -> str:
    """*text* with every secret replaced by the mask; a network may echo what it was sent."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text
