"""What opens one Bluesky account: its server, handle and an app password, and its session."""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr

from socialplan.publish.secrets import Credentials

#: How atproto joins the parts of a session (handle, DID, access token, refresh token, PDS).
SESSION_SEPARATOR = ":::"


class BlueskyCredentials(Credentials):
    """An app password (never the account's main password) for one handle.

    Logging in is limited (30 in 5 minutes, 300 a day per account), so the session a login
    opens is kept as well, and the next worker resumes it instead of logging in again.
    """

    #: The account's PDS, or the entryway that finds it (``https://bsky.social``).
    service: str = "https://bsky.social"
    #: ``name.bsky.social``, a custom domain, or the account's DID.
    handle: str
    app_password: SecretStr
    #: The last session, as atproto exports it; empty until the first login.
    session: SecretStr = SecretStr("")

    kept: ClassVar[frozenset[str]] = frozenset({"session"})

    def secret_values(self) -> list[str]:
        """Every secret, and each token of the session alone: a server may quote just one."""
        parts = self.session.get_secret_value().split(SESSION_SEPARATOR)
        tokens = parts[2:4] if len(parts) >= 4 else []
        return [*super().secret_values(), *tokens]
