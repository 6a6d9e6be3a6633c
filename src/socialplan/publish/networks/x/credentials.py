"""What opens one X account: an OAuth 2.0 user token, and what renews it."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import SecretStr, model_validator

from socialplan.publish.secrets import Credentials


class XCredentials(Credentials):
    """A user access token with the scopes ``tweet.read tweet.write users.read media.write``.

    X's user tokens last two hours. With the ``offline.access`` scope X also gives a refresh
    token, which renews the pair with the app's client id (and, for a confidential client, its
    secret); each renewal replaces the refresh token, so the new one must be kept at once.
    Without a refresh token, an expired token is an ``AuthError``.
    """

    access_token: SecretStr
    refresh_token: SecretStr = SecretStr("")
    #: The app's OAuth 2.0 client id, which renewing the token needs.
    client_id: str = ""
    #: Only for a confidential client (the app's "Client Secret").
    client_secret: SecretStr = SecretStr("")
    #: When the access token stops working, as X said when it gave it; None when not known.
    expires_at: dt.datetime | None = None

    kept: ClassVar[frozenset[str]] = frozenset({"expires_at"})

    @model_validator(mode="after")
    def _renewable(self) -> XCredentials:
        if self.refresh_token.get_secret_value() and not self.client_id.strip():
            raise ValueError("a refresh token needs the app's client id to renew the access token")
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise ValueError("the token's expiry must carry its time zone")
        return self

    @property
    def renewable(self) -> bool:
        """Whether a refresh token can renew the access token."""
        return bool(self.refresh_token.get_secret_value())
