"""The Graph API on the shared helper: one pinned version, and its error objects read.

Graph refuses with ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``,
mostly with status 400 whatever went wrong, so the code decides the class: 190 (token expired
or revoked), 102, 10 and 200-299 (permissions) ask for the account to be connected again; 4,
17, 32, 613 and 80001-80014 (rate limits) and Instagram's daily publishing limit are retryable;
100 with subcode 33 names an object that does not exist. Instagram shares this module.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from socialplan.publish.errors import (
    AUTH_FAILED,
    BUSY,
    NOT_FOUND,
    AuthError,
    NotFoundError,
    PublishError,
    RetryableError,
)
from socialplan.publish.http import Http
from socialplan.publish.ratelimit import retry_after
from socialplan.publish.secrets import redact

#: Every request names this version (Facebook and Instagram alike): v26.0, released on
#: 29 July 2026; Meta keeps each for about two years (see docs/decisions/0008).
GRAPH_VERSION = "v26.0"
GRAPH = f"https://graph.facebook.com/{GRAPH_VERSION}"
_AUTH_CODES = frozenset({10, 102, 190, *range(200, 300)})
_RATE_CODES = frozenset({4, 17, 32, 613, *range(80001, 80015)})
#: Instagram: "the maximum number of posts allowed in a 24-hour period" (code 9).
_RATE_SUBCODES = frozenset({2207042})
_MAX_DETAIL = 300


class GraphHttp(Http):
    """:class:`Http` that judges Graph API refusals by their code, not their status."""

    def status_error(self, response: httpx.Response, *, unsafe: bool) -> PublishError:
        """The error a Graph error object calls for."""
        error = _error(response)
        code, subcode = error.get("code"), error.get("error_subcode")
        words, detail = self._words(response)
        common: dict[str, Any] = {
            "network": self.network,
            "status": response.status_code,
            "code": words,
        }
        if code in _AUTH_CODES:
            return AuthError(AUTH_FAILED, detail=detail, **common)
        if code in _RATE_CODES or subcode in _RATE_SUBCODES:
            wait = retry_after(response.headers) or regain(response.headers)
            return RetryableError(BUSY, retry_after=wait, **common)
        if code == 100 and subcode == 33:
            return NotFoundError(NOT_FOUND, detail=detail, **common)
        return super().status_error(response, unsafe=unsafe)

    def _words(self, response: httpx.Response) -> tuple[str, str]:
        error = _error(response)
        if not error:
            return super()._words(response)
        code = str(error.get("code") or "")
        if error.get("error_subcode"):
            code += f"/{error['error_subcode']}"
        detail = error.get("error_user_msg") or error.get("message") or code
        # Scrubbed before it is cut, so that no part of a secret is left at the cut.
        detail = redact(" ".join(str(detail).split()), self.secrets)[:_MAX_DETAIL]
        detail = detail or response.reason_phrase
        return redact(code, self.secrets), detail


def regain(headers: httpx.Headers) -> float | None:
    """Seconds until the Business Use Case limits let the app call again, where Meta says."""
    try:
        usage = json.loads(headers.get("x-business-use-case-usage") or "{}")
    except ValueError:
        return None
    minutes = [
        entry.get("estimated_time_to_regain_access")
        for entries in (usage.values() if isinstance(usage, dict) else ())
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict)
    ]
    known = [m for m in minutes if isinstance(m, int | float) and m > 0]
    return max(known) * 60.0 if known else None


def _error(response: httpx.Response) -> dict[str, Any]:
    try:
        answer = response.json()
    except ValueError:
        return {}
    error = answer.get("error") if isinstance(answer, dict) else None
    return error if isinstance(error, dict) else {}
