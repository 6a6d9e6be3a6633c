"""What opens one WordPress site: its address, a user and one of their application passwords."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import SecretStr, field_validator

from socialplan.publish.secrets import Credentials

#: WordPress refuses application passwords over plain HTTP except on a local site.
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class WordPressCredentials(Credentials):
    """An application password (Users → Profile), never the user's own password."""

    #: The site's address, with its path where WordPress lives in one (``https://x.org/blog``).
    site: str
    username: str
    application_password: SecretStr

    @field_validator("site")
    @classmethod
    def _secure_address(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        secure = parts.scheme == "https" or (
            parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS
        )
        if not secure or not parts.hostname or parts.query or parts.fragment:
            raise ValueError("the site's address must be https://host or https://host/path")
        return value.strip().rstrip("/")
