"""An X user token kept alive: renewed once its expiry has passed, and once after a 401.

A 401 says X did not accept the token, so the request did nothing and is sent once more with
the renewed token. The new pair goes to the adapter's store at once: X has already forgotten
the refresh token it replaces.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from socialplan.publish.errors import AuthError
from socialplan.publish.http import Http
from socialplan.publish.networks.base import Adapter
from socialplan.publish.networks.x.credentials import XCredentials
from socialplan.publish.networks.x.tokens import renew

log = logging.getLogger(__name__)
T = TypeVar("T")
#: Renew this long before the stated expiry, so that no request leaves with a dying token.
EARLY = dt.timedelta(minutes=1)


class LiveToken:
    """The access token of an adapter, renewed with its refresh token where it has one."""

    def __init__(self, adapter: Adapter[XCredentials], tokens: Http) -> None:
        self._adapter = adapter
        self._tokens = tokens
        # Workers share an adapter: one renewal at a time, or the second would spend a refresh
        # token the first has already replaced.
        self._lock = threading.Lock()

    def send(self, request: Callable[[], T]) -> T:
        """*request* with a live token."""
        if self.expired():
            self._renew(self._token())
        sent_with = self._token()
        try:
            return request()
        except AuthError as refused:
            # 401: the token was not accepted; 403 is about the account, not the token.
            if refused.status != 401 or not self._adapter.credentials.renewable:
                raise
        self._renew(sent_with)
        return request()

    def expired(self) -> bool:
        """Whether the token is past (or about to pass) the expiry X stated."""
        credentials = self._adapter.credentials
        expires_at = credentials.expires_at
        return (
            credentials.renewable
            and expires_at is not None
            and expires_at - EARLY <= dt.datetime.now(dt.UTC)
        )

    def _token(self) -> str:
        return self._adapter.credentials.access_token.get_secret_value()

    def _renew(self, refused: str) -> None:
        """Replace the token *refused*, unless another worker already has."""
        with self._lock:
            if self._token() != refused:
                return  # another thread of this worker renewed it meanwhile
            if self._adopt_kept(refused):
                return
            try:
                fresh = renew(self._tokens, self._adapter.credentials)
            except AuthError:
                # Another worker may have spent the refresh token a moment ago: its pair counts.
                if self._adopt_kept(refused):
                    return
                raise
            log.info("renewed the access token of an X account")
            self._adapter.renewed(fresh)

    def _adopt_kept(self, refused: str) -> bool:
        """Take the store's tokens where another worker renewed them; whether that did."""
        kept = self._adapter.kept_elsewhere()
        if kept is None or kept.access_token.get_secret_value() == refused:
            return False
        self._adapter.use(kept)
        return not self.expired()
