"""What opens one Mastodon account: its server and an access token."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import SecretStr, field_validator

from socialplan.publish.secrets import Credentials

#: Plain HTTP would send the token in the clear; only a server on this machine may use it.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class MastodonCredentials(Credentials):
    """An access token (scopes ``read`` and ``write``) for one account on one server."""

    #: The server's address, such as ``https://mastodon.social``.
    instance: str
    access_token: SecretStr

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
