"""What opens one Bluesky account: its server, handle and an app password."""

from __future__ import annotations

from pydantic import SecretStr

from socialplan.publish.secrets import Credentials


class BlueskyCredentials(Credentials):
    """An app password (never the account's main password) for one handle."""

    #: The account's PDS, or the entryway that finds it (``https://bsky.social``).
    service: str = "https://bsky.social"
    #: ``name.bsky.social``, a custom domain, or the account's DID.
    handle: str
    app_password: SecretStr
