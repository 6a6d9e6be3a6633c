"""Renewing an X user token: ``POST /2/oauth2/token`` with ``grant_type=refresh_token``.

X answers with a new access token (two hours) and a new refresh token; the old refresh token
stops working at once. A confidential client authenticates with HTTP Basic (client id and
secret), a public one names its client id in the form. A refresh token X refuses
(``invalid_request``, ``invalid_grant``; ``unauthorized_client`` for a missing secret) means
someone must connect the account again.
"""

from __future__ import annotations

import base64
import datetime as dt

from pydantic import SecretStr

from socialplan.i18n import N_
from socialplan.publish.errors import (
    AuthError,
    PermanentError,
    RetryableError,
    UnknownOutcome,
)
from socialplan.publish.http import Http, expect
from socialplan.publish.networks.x.credentials import XCredentials

TOKEN_PATH = "/2/oauth2/token"
RENEWAL_REFUSED = N_(
    "{network} did not renew the account's access token ({detail}); connect the account again"
)


def renew(http: Http, credentials: XCredentials, now: dt.datetime | None = None) -> XCredentials:
    """*credentials* with a new token pair from X.

    Raises ``AuthError`` when X refuses the refresh token, ``RetryableError`` when X could not
    be asked: the post itself was not sent, whatever happened to the renewal.
    """
    form = {
        "grant_type": "refresh_token",
        "refresh_token": credentials.refresh_token.get_secret_value(),
        "client_id": credentials.client_id,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    secret = credentials.client_secret.get_secret_value()
    if secret:
        pair = f"{credentials.client_id}:{secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    try:
        answer = http.json("POST", TOKEN_PATH, data=form, headers=headers)
        token = expect(answer, "access_token", str, http)
    except UnknownOutcome as exc:
        # The renewal may have happened without our learning the new tokens; the post was not
        # sent, so trying again later is safe (and tells whether the old token still works).
        raise RetryableError(exc.message, status=exc.status, code=exc.code, **exc.params) from None
    except PermanentError as exc:
        detail = exc.params.get("detail") or exc.code or exc.status
        raise AuthError(
            RENEWAL_REFUSED, status=exc.status, code=exc.code, network=http.network, detail=detail
        ) from None
    refresh = answer.get("refresh_token")
    lifetime = answer.get("expires_in")
    expires_at = None
    if isinstance(lifetime, int) and lifetime > 0:
        expires_at = (now or dt.datetime.now(dt.UTC)) + dt.timedelta(seconds=lifetime)
    changes: dict[str, object] = {"access_token": SecretStr(token), "expires_at": expires_at}
    if isinstance(refresh, str) and refresh:
        changes["refresh_token"] = SecretStr(refresh)
    return credentials.model_copy(update=changes)
