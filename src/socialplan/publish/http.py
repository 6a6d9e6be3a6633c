"""The one way adapters speak HTTP: timeouts, error classes and secret scrubbing live here.

Every adapter sends its requests through :class:`Http` (Bluesky's client too, see
``networks/bluesky/transport.py``), so tests replace the network at one boundary: an
``httpx.MockTransport`` passed as ``transport``.
"""

from __future__ import annotations

import functools
import logging
import ssl
from collections.abc import Iterable
from typing import Any, TypeVar

import httpx

from socialplan.publish.errors import (
    ANSWER_SHAPE,
    AUTH_FAILED,
    BUSY,
    CANNOT_SEND,
    FAILED,
    NO_ANSWER,
    NOT_FOUND,
    REFUSED,
    SERVER_FAILED,
    SLOW,
    UNREACHABLE,
    AnswerShapeError,
    AuthError,
    NotFoundError,
    PermanentError,
    PublishError,
    RejectedError,
    RetryableError,
    UnknownOutcome,
)
from socialplan.publish.ratelimit import retry_after
from socialplan.publish.secrets import redact

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
#: Failures that happen before a single byte of the request has left: nothing can have happened.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
#: Answers that say the server did not act on the request, so sending it again is safe.
_DID_NOT_ACT = frozenset({408, 429, 503})
_REFUSES_CONTENT = frozenset({400, 413, 415, 422})
_MAX_DETAIL = 300


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """The trusted certificates, loaded once per process (about 25 ms each time otherwise)."""
    return httpx.create_ssl_context()


class Http:
    """An HTTP client for one account on one network that raises only :class:`PublishError`."""

    def __init__(
        self,
        network: str,
        base_url: str = "",
        *,
        headers: dict[str, str] | None = None,
        secrets: Iterable[str] = (),
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    ) -> None:
        #: The network's name, as messages show it.
        self.network = network
        self.secrets = [s for s in secrets if s]
        self._client = httpx.Client(
            base_url=base_url,
            headers=headers,
            transport=transport,
            timeout=timeout,
            verify=ssl_context(),
        )

    def send(
        self, method: str, url: str, *, unsafe: bool | None = None, **kwargs: Any
    ) -> httpx.Response:
        """Send one request; a failure raises the error class that says what may be done next.

        *unsafe* says the request may change something on the network, so that an answer
        which leaves its fate open is an unknown outcome; by default, POST requests are.
        """
        unsafe = method.upper() == "POST" if unsafe is None else unsafe
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            # Not chained: the transport's own message is in the error, scrubbed of secrets.
            raise self._transport_error(exc, unsafe=unsafe) from None
        # The path only: a query string could carry something that is not ours to log.
        log.debug("%s %s %s: %s", self.network, method, response.url.path, response.status_code)
        if response.is_success:
            return response
        raise self.status_error(response, unsafe=unsafe)

    def json(self, method: str, url: str, **kwargs: Any) -> Any:
        """Send one request and return its JSON answer."""
        response = self.send(method, url, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise self.shape_error("the answer is not JSON") from None

    def close(self) -> None:
        """Release the connections."""
        self._client.close()

    def add_secrets(self, values: Iterable[str]) -> None:
        """Scrub *values* too (tokens the network renewed); the old ones stay scrubbed."""
        self.secrets.extend(v for v in values if v and v not in self.secrets)

    def shape_error(self, reason: str) -> AnswerShapeError:
        """The error for an answer that does not look like the network's documented one."""
        return AnswerShapeError(ANSWER_SHAPE, network=self.network, reason=reason)

    def _transport_error(self, exc: httpx.HTTPError, *, unsafe: bool) -> PublishError:
        reason = redact(str(exc) or type(exc).__name__, self.secrets)
        if isinstance(exc, _NOT_SENT):
            return RetryableError(UNREACHABLE, network=self.network, reason=reason)
        if isinstance(exc, httpx.TransportError) and not unsafe:
            return RetryableError(SLOW, network=self.network, reason=reason)
        if isinstance(exc, httpx.TransportError):
            # Timeouts and dropped connections after sending: the network may have acted.
            return UnknownOutcome(NO_ANSWER, network=self.network, reason=reason)
        # Bad URLs and the like: our configuration, which no retry will change.
        return PermanentError(CANNOT_SEND, network=self.network, detail=reason)

    def status_error(self, response: httpx.Response, *, unsafe: bool) -> PublishError:
        """The error for a non-success answer."""
        status = response.status_code
        code, detail = self._words(response)
        common: dict[str, Any] = {"network": self.network, "status": status, "code": code}
        if status in (401, 403):
            return AuthError(AUTH_FAILED, detail=detail, **common)
        if status == 404:
            return NotFoundError(NOT_FOUND, detail=detail, **common)
        if status in _DID_NOT_ACT:
            return RetryableError(BUSY, retry_after=retry_after(response.headers), **common)
        if status in _REFUSES_CONTENT:
            return RejectedError(REFUSED, detail=detail, **common)
        if 400 <= status < 500:
            return PermanentError(FAILED, detail=detail, **common)
        if status >= 500 and not unsafe:
            return RetryableError(BUSY, retry_after=retry_after(response.headers), **common)
        if status >= 500:
            # A gateway timing out or a server failing half-way may already have published.
            return UnknownOutcome(SERVER_FAILED, **common)
        return self.shape_error(f"HTTP {status}")

    def _words(self, response: httpx.Response) -> tuple[str, str]:
        """The network's own code and message for an error (``{"error": ..., "message": ...}``)."""
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            code = str(body.get("error") or "")
            detail = str(body.get("message") or body.get("error_description") or code)
        else:
            code, detail = "", response.text
        # Secrets go before the cut, or a secret across the cut would leave its first part.
        detail = redact(" ".join(detail.split()), self.secrets)[:_MAX_DETAIL]
        return redact(code, self.secrets), detail or response.reason_phrase


def expect(answer: object, key: str, kind: type[T], http: Http) -> T:
    """``answer[key]`` if *answer* is an object holding a *kind* there; else a shape error."""
    value = answer.get(key) if isinstance(answer, dict) else None
    if not isinstance(value, kind):
        raise http.shape_error(f"no {kind.__name__} {key!r} in the answer")
    return value
