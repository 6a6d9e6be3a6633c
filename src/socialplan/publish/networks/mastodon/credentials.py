"""What opens one Mastodon account: its server and an access token, and the server's limits."""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator

from socialplan.publish.secrets import Credentials

#: Plain HTTP would send the token in the clear; only a server on this machine may use it.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class MastodonCredentials(Credentials):
    """An access token (scopes ``read`` and ``write``) for one account on one server.

    Each server sets its own limits; they are read from it when the account is connected or
    checked again, and kept here (None: the server did not say).
    """

    #: The server's address, such as ``https://mastodon.social``.
    instance: str
    access_token: SecretStr
    #: The longest status the server takes, in characters (Mastodon's default is 500).
    max_characters: int | None = Field(default=None, ge=1)
    max_media_attachments: int | None = Field(default=None, ge=0)
    #: What every link counts for in a status, whatever its length (23 by default).
    characters_reserved_per_url: int | None = Field(default=None, ge=0)

    kept: ClassVar[frozenset[str]] = frozenset(
        {"max_characters", "max_media_attachments", "characters_reserved_per_url"}
    )

    @field_validator("instance")
    @classmethod
    def _secure_address(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        secure = parts.scheme == "https" or (
            parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS
        )
        if not secure or not parts.hostname or parts.query or parts.fragment:
            raise ValueError("the server's address must be https://host")
        return value.strip().rstrip("/")

    @property
    def server(self) -> str:
        """The server's name, as people know it (``mastodon.social``)."""
        return urlsplit(self.instance).netloc
