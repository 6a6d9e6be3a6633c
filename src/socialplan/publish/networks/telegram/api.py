"""The Bot API on the shared helper: the token travels in the path, errors in the answer.

Telegram authenticates by the request's path (``/bot<token>/sendMessage``), and the helper logs
every path it sends, so the helper only ever sees ``/bot/sendMessage``: :class:`TokenInPath`
puts the token in on the way out, below the helper. Answers are ``{"ok": ..., "result": ...}``;
a refusal carries ``error_code`` and ``description``, sometimes with status 200.
"""

from __future__ import annotations

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

API = "https://api.telegram.org"
_MAX_DETAIL = 300


class TokenInPath(httpx.BaseTransport):
    """Sends each request with the bot's token put into its path (``/bot/`` → ``/bot<token>/``)."""

    def __init__(self, token: str, inner: httpx.BaseTransport) -> None:
        self._prefix = b"/bot" + token.encode("ascii") + b"/"
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Forward *request* to the real transport with the token in its path."""
        path = request.url.raw_path.replace(b"/bot/", self._prefix, 1)
        outgoing = httpx.Request(
            request.method,
            request.url.copy_with(raw_path=path),
            headers=request.headers,
            stream=request.stream,
            extensions=request.extensions,
        )
        return self._inner.handle_request(outgoing)

    def close(self) -> None:
        """Release the real transport's connections."""
        self._inner.close()


class TelegramHttp(Http):
    """:class:`Http` that reads the Bot API's ``ok``/``result`` answers and its error shape."""

    def call(
        self, method: str, *, read: bool = False, unsafe: bool | None = None, **kwargs: Any
    ) -> Any:
        """Call the Bot API *method* (a GET when *read*); its ``result``.

        *unsafe* as for :meth:`Http.send`: by default every method but a read may publish.
        """
        unsafe = not read if unsafe is None else unsafe
        verb = "GET" if read else "POST"
        response = self.send(verb, f"/bot/{method}", unsafe=unsafe, **kwargs)
        try:
            answer = response.json()
        except ValueError:
            raise self.shape_error("the answer is not JSON") from None
        if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
            raise self.shape_error("no 'ok' in the answer")
        if answer["ok"] and "result" in answer:
            return answer["result"]
        code = answer.get("error_code")
        if answer["ok"] or not isinstance(code, int) or not 400 <= code < 600:
            raise self.shape_error("neither a result nor an error code in the answer")
        # A refusal sent with status 200: judged as if it had come with its own code.
        refusal = httpx.Response(code, json=answer, request=response.request)
        raise self.status_error(refusal, unsafe=unsafe)

    def status_error(self, response: httpx.Response, *, unsafe: bool) -> PublishError:
        """The error for a refusal, with Telegram's waits and its ``not found`` words."""
        status = response.status_code
        code, detail = self._words(response)
        common: dict[str, Any] = {"network": self.network, "status": status, "code": code}
        if status == 429:
            wait = _parameters(response).get("retry_after")
            seconds = float(wait) if isinstance(wait, int | float) else None
            return RetryableError(
                BUSY, retry_after=seconds or retry_after(response.headers), **common
            )
        if status == 404:
            # The Bot API answers 404 only to a path naming no bot: the token is wrong.
            return AuthError(AUTH_FAILED, detail=detail, **common)
        if status == 400 and "not found" in detail.lower():
            return NotFoundError(NOT_FOUND, detail=detail, **common)
        return super().status_error(response, unsafe=unsafe)

    def _words(self, response: httpx.Response) -> tuple[str, str]:
        answer = _answer(response)
        description = answer.get("description")
        if not isinstance(description, str):
            return super()._words(response)
        # Scrubbed before it is cut, so that no part of a secret is left at the cut.
        detail = redact(" ".join(description.split()), self.secrets)[:_MAX_DETAIL]
        detail = detail or response.reason_phrase
        code = str(answer.get("error_code") or "")
        return redact(code, self.secrets), detail


def _answer(response: httpx.Response) -> dict[str, Any]:
    try:
        answer = response.json()
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _parameters(response: httpx.Response) -> dict[str, Any]:
    parameters = _answer(response).get("parameters")
    return parameters if isinstance(parameters, dict) else {}
