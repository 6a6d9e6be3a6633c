"""What opens one X account: an OAuth 2.0 user-context access token."""

from __future__ import annotations

from pydantic import SecretStr

from socialplan.publish.secrets import Credentials


class XCredentials(Credentials):
    """A user access token with the scopes ``tweet.read tweet.write users.read media.write``.

    X's user tokens last two hours; renewing them with the refresh token is the app's concern,
    which stores the new pair. An expired token is an ``AuthError`` here.
    """

    access_token: SecretStr
