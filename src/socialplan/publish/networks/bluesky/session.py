"""The account's session on its PDS: kept across workers, resumed, renewed, logged in last.

Logging in (``createSession``) is limited to 30 in 5 minutes and 300 a day per account, so a
session, once opened, is kept with the credentials (through the adapter's store) and the next
worker resumes it. A resumed session the PDS refuses is refreshed (``refreshSession``), and
only when that fails too is the app password used again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from atproto_client import Client
from atproto_client.client.session import SessionEvent
from pydantic import SecretStr

from socialplan.publish.content import AccountInfo
from socialplan.publish.errors import AuthError
from socialplan.publish.http import Http
from socialplan.publish.networks.base import Adapter, nothing_published
from socialplan.publish.networks.bluesky.credentials import SESSION_SEPARATOR, BlueskyCredentials
from socialplan.publish.networks.bluesky.transport import readable_answers

T = TypeVar("T")


class KeptSession:
    """The session an adapter acts in; what changes in it goes to the adapter's store."""

    def __init__(self, adapter: Adapter[BlueskyCredentials], client: Client, http: Http) -> None:
        self._adapter = adapter
        self._client = client
        self._http = http
        self._account: AccountInfo | None = None
        # Workers share an adapter: one login or refresh at a time.
        self._lock = threading.RLock()
        client.on_session_change(self._remember)

    def run(self, action: Callable[[], T]) -> T:
        """*action* in a session: a resumed one the PDS refuses is renewed once, then retried.

        A refused session means the request did nothing, so sending it again is safe; logging
        in and refreshing publish nothing, whatever their outcome.
        """
        with nothing_published():
            fresh = self.open()
        if fresh:
            return action()
        refused = self._client.export_session_string()
        try:
            return action()
        except AuthError:
            pass
        with nothing_published():
            self._renew(refused)
        return action()

    def open(self) -> bool:
        """Resume the kept session, or log in; whether this logged in."""
        with self._lock:
            if self._account is not None:
                return False
            kept = self._kept()
            if kept is not None:
                with readable_answers(self._http):
                    self._client.login(session_string=kept, fetch_bsky_profile=False)
                if self._account is not None:
                    return False
            self._log_in()
            return True

    def account(self) -> AccountInfo:
        """The account of the open session."""
        if self._account is None:
            raise self._http.shape_error("no session after logging in")
        return self._account

    def whoami(self) -> AccountInfo:
        """The account the PDS says the session is for."""
        with readable_answers(self._http):
            answer = self._client.com.atproto.server.get_session()
        return account_info(str(answer.did), str(answer.handle))

    def _renew(self, refused: str) -> None:
        """Replace the session *refused*: refreshed, else a new login with the app password."""
        with self._lock:
            if self._client.export_session_string() != refused:
                return  # another thread renewed it meanwhile
            try:
                with readable_answers(self._http):
                    # atproto's own refresh (the pin keeps its name); its REFRESH event keeps it.
                    self._client._refresh_and_set_session()
            except AuthError:
                self._log_in()

    def _log_in(self) -> None:
        """A new session with the app password: the rate-limited last resort."""
        credentials = self._adapter.credentials
        password = credentials.app_password.get_secret_value()
        with readable_answers(self._http):
            self._client.login(credentials.handle, password, fetch_bsky_profile=False)

    def _kept(self) -> str | None:
        """The kept session, if it has all five parts atproto exports."""
        kept = self._adapter.credentials.session.get_secret_value()
        parts = kept.split(SESSION_SEPARATOR)
        return kept if len(parts) == 5 and all(parts) else None

    def _remember(self, event: SessionEvent, session: Any) -> None:
        self._account = account_info(session.did, session.handle)
        self._http.add_secrets([session.access_jwt, session.refresh_jwt])
        if event is not SessionEvent.IMPORT:
            # A login or a refresh: kept, so that the next worker resumes it.
            update = {"session": SecretStr(session.export())}
            self._adapter.renewed(self._adapter.credentials.model_copy(update=update))


def account_info(did: str, handle: str) -> AccountInfo:
    """The account with the DID *did*, as people find it on Bluesky."""
    return AccountInfo(id=did, handle=handle, url=f"https://bsky.app/profile/{handle}")
