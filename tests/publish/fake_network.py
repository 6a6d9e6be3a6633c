"""A network in a box: an ``httpx.MockTransport`` answering from a script, keeping requests."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from socialplan.publish.secrets import Credentials

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def reply(status: int = 200, body: Any = None, **headers: str) -> httpx.Response:
    """A JSON answer (or a raw one, for bytes)."""
    if isinstance(body, bytes):
        return httpx.Response(status, content=body, headers=headers)
    return httpx.Response(status, json=body if body is not None else {}, headers=headers)


@dataclass
class FakeNetwork:
    """Answers each ``(method, path)`` from its queue, or its last answer once the queue is down
    to one; records every request it was sent."""

    routes: dict[tuple[str, str], list[Answer]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def on(self, method: str, path: str, *answers: Answer) -> FakeNetwork:
        """Answer *method* *path* with *answers*, one per request, repeating the last."""
        self.routes[(method, path)] = list(answers)
        return self

    def handle(self, request: httpx.Request) -> httpx.Response:
        """The transport's handler."""
        request.read()
        self.requests.append(request)
        queue = self.routes.get((request.method, request.url.path))
        if not queue:
            return reply(404, {"error": "Record not found"})
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer

    @property
    def transport(self) -> httpx.MockTransport:
        """The transport to give an adapter."""
        return httpx.MockTransport(self.handle)

    def sent(self, method: str, path: str) -> list[httpx.Request]:
        """The requests sent to *method* *path*."""
        return [r for r in self.requests if (r.method, r.url.path) == (method, path)]


def body(request: httpx.Request) -> Any:
    """The JSON body of a request."""
    return json.loads(request.content)


def fake_jwt(did: str, exp: int = 4_102_444_800) -> str:
    """A token shaped like a PDS's (the client reads its expiry; nobody checks its signature)."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'at+jwt'})}.{part({'sub': did, 'exp': exp})}.c2ln"


@dataclass
class MemoryStore:
    """An adapter's store in memory: what it saved, and what another worker left there."""

    kept: dict[str, Any] | None = None
    saved: list[dict[str, Any]] = field(default_factory=list)

    def load(self) -> dict[str, Any] | None:
        """The credentials as kept now."""
        return None if self.kept is None else dict(self.kept)

    def save(self, credentials: Credentials) -> None:
        """Keep *credentials* (as the app would seal them)."""
        self.kept = credentials.stored()
        self.saved.append(self.kept)
