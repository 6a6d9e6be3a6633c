"""The atproto client's requests, sent through the shared HTTP helper.

atproto builds and parses the XRPC calls; :class:`Http` sends them, so timeouts, error classes
and secret scrubbing are the same as every other network's and tests mock the same boundary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from atproto_client.request import Request
from atproto_core.exceptions import AtProtocolError

from socialplan.publish.errors import (
    AUTH_FAILED,
    NOT_FOUND,
    AuthError,
    NotFoundError,
    PermanentError,
)
from socialplan.publish.http import Http

#: XRPC error names that mean the session or the account, not the request, is the problem;
#: the PDS sends some of them with status 400.
_AUTH_CODES = frozenset(
    {"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AccountTakedown",
     "AccountDeactivated", "AuthFactorTokenRequired"}
)  # fmt: skip
_NOT_FOUND_CODES = frozenset({"RecordNotFound", "RepoNotFound", "HandleNotFound"})


class ThroughHttp(Request):  # type: ignore[misc]  # atproto ships no types
    """atproto's request layer with the sending replaced by :meth:`Http.send`."""

    def __init__(self, http: Http) -> None:
        # Request.__init__ would open an httpx client of its own; only the headers part is kept.
        super(Request, self).__init__()
        self._http = http

    def _new_instance(self) -> ThroughHttp:
        return type(self)(self._http)

    def _send_request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = self.get_headers(kwargs.pop("headers", None))
        if isinstance(kwargs.get("data"), bytes):
            kwargs["content"] = kwargs.pop("data")  # httpx's name for a raw body (blob uploads)
        try:
            return self._http.send(method, url, headers=headers, **kwargs)
        except PermanentError as exc:
            raise _refined(exc) from exc

    def close(self) -> None:
        """Release the connections."""
        self._http.close()


def _refined(exc: PermanentError) -> PermanentError:
    """The error an XRPC error name calls for, where it says more than the status."""
    common: dict[str, Any] = {"status": exc.status, "code": exc.code, **exc.params}
    if exc.code in _AUTH_CODES and not isinstance(exc, AuthError):
        return AuthError(AUTH_FAILED, **common)
    if exc.code in _NOT_FOUND_CODES and not isinstance(exc, NotFoundError):
        return NotFoundError(NOT_FOUND, **common)
    return exc


@contextmanager
def readable_answers(http: Http) -> Iterator[None]:
    """Turn atproto's failures to read an answer into :class:`AnswerShapeError`."""
    try:
        yield
    except (AtProtocolError, ValueError) as exc:
        # The exception's own text may quote the answer; its name is enough to say what failed.
        raise http.shape_error(type(exc).__name__) from None
