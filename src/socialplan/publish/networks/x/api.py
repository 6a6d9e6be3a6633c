"""X API v2 on the shared helper: problem+json refusals and X's own rate-limit headers."""

from __future__ import annotations

from typing import Any

import httpx

from socialplan.publish.errors import BUSY, REFUSED, PublishError, RejectedError, RetryableError
from socialplan.publish.http import Http
from socialplan.publish.ratelimit import retry_after
from socialplan.publish.secrets import redact

API = "https://api.x.com"
_MAX_DETAIL = 300


class XHttp(Http):
    """:class:`Http` that reads X's error shapes and waits."""

    def status_error(self, response: httpx.Response, *, unsafe: bool) -> PublishError:
        """The error for a refusal; X sends a duplicate post as 403, and its limits as headers."""
        status = response.status_code
        code, detail = self._words(response)
        common: dict[str, Any] = {"network": self.network, "status": status, "code": code}
        if status == 403 and "duplicate content" in detail:
            return RejectedError(REFUSED, detail=detail, **common)
        if status == 429:
            return RetryableError(BUSY, retry_after=wait(response.headers), **common)
        return super().status_error(response, unsafe=unsafe)

    def _words(self, response: httpx.Response) -> tuple[str, str]:
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            return super()._words(response)
        errors = answer.get("errors")
        first = errors[0] if isinstance(errors, list) and errors else {}
        first = first if isinstance(first, dict) else {}
        kind = answer.get("type")
        code = kind if kind and kind != "about:blank" else answer.get("title") or ""
        detail = (
            answer.get("detail")
            or first.get("message")
            or first.get("detail")
            or answer.get("message")  # a proxy's words, not X's own shape
            or code
        )
        # Scrubbed before it is cut, so that no part of a secret is left at the cut.
        detail = redact(" ".join(str(detail).split()), self.secrets)[:_MAX_DETAIL]
        detail = detail or response.reason_phrase
        return redact(str(code), self.secrets), detail


def wait(headers: httpx.Headers) -> float | None:
    """Seconds until X lets the account post again: the longest of the limits it reports.

    ``x-rate-limit-reset`` ends the current window; ``x-user-limit-24hour-reset`` the day, when
    the account has used its posts for the day (both Unix times).
    """
    waits = [retry_after(headers), _reset(headers.get("x-rate-limit-reset"))]
    if headers.get("x-user-limit-24hour-remaining") == "0":
        waits.append(_reset(headers.get("x-user-limit-24hour-reset")))
    known = [w for w in waits if w is not None]
    return max(known) if known else None


def _reset(value: str | None) -> float | None:
    return retry_after({"ratelimit-reset": value}) if value else None


def data(answer: Any, http: Http) -> dict[str, Any]:
    """The ``data`` object of an answer."""
    found = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(found, dict):
        raise http.shape_error("no 'data' object in the answer")
    return found
