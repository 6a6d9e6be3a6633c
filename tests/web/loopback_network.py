"""A social network on 127.0.0.1 for the publisher's tests and benchmark.

It speaks enough of Mastodon's API (statuses, honouring ``Idempotency-Key`` per account, and
image uploads) and of WordPress's (posts found by slug, so the key can be looked up) for the
real adapters to publish to it over real HTTP, and it counts how many posts it created under
each key: a count above one is a post published twice. Failures are injected per request
(``fail_next``) or at random (``random_faults``): refusals before anything is written, and
failures after the post is created (a dropped connection, a slow or unreadable answer, a 500)
whose outcome the client cannot know.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import random
import threading
import time
import zlib
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

#: Failures answered before anything is created: the client may safely retry (or must not).
BEFORE = {"429", "503", "401", "422", "504-nothing"}
#: Failures after the post is created: the client cannot know it was.
AFTER = {"drop", "slow", "garbage", "shape", "500"}
MASTODON_STATUSES = "/api/v1/statuses"
MASTODON_MEDIA = "/api/v2/media"
WORDPRESS_POSTS = "/wp-json/wp/v2/posts"


class LoopbackNetwork:
    """The server, its posts, and what it was asked; thread-safe."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        slow_seconds: float = 2.0,
        retry_after: int = 60,
        random_faults: dict[str, float] | None = None,
        seed: int = 0,
    ) -> None:
        self.latency = latency
        self.slow_seconds = slow_seconds
        self.retry_after = retry_after
        self.random_faults = random_faults or {}
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.faults: dict[str, deque[str]] = {"POST": deque(), "GET": deque()}
        #: Mastodon: status id → status; (token, key) → status id.
        self.statuses: dict[str, dict[str, Any]] = {}
        self.keys: dict[tuple[str, str], str] = {}
        #: WordPress posts, in creation order.
        self.posts: list[dict[str, Any]] = []
        #: Mastodon media uploads (multipart bodies), in order.
        self.media: list[bytes] = []
        #: Posts created per idempotency key (Mastodon) or requested slug (WordPress).
        self.created = Counter[str]()
        #: When each post was created (time.time()), per key.
        self.created_at: dict[str, float] = {}
        self.revoked: set[str] = set()
        self.requests = Counter[str]()
        self.injected = Counter[str]()
        self._server: ThreadingHTTPServer | None = None

    # -- running -----------------------------------------------------------------------------

    def start(self) -> LoopbackNetwork:
        """Listen on a free loopback port, in a background thread."""
        network = self

        class Handler(_Handler):
            owner = network

        self._server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> LoopbackNetwork:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The server's address."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- test controls -------------------------------------------------------------------------

    def fail_next(self, method: str, *faults: str) -> None:
        """Answer the next *method* requests with *faults* in turn (``ok`` for a normal one)."""
        with self.lock:
            self.faults[method].extend(faults)

    def mastodon(self, token: str) -> dict[str, str]:
        """Stored credentials for a Mastodon account on this server."""
        return {"instance": self.url, "access_token": token}

    def wordpress(self, user: str, password: str) -> dict[str, str]:
        """Stored credentials for a WordPress user on this server."""
        return {"site": self.url, "username": user, "application_password": password}

    def duplicates(self) -> dict[str, int]:
        """Keys under which more than one post was created."""
        with self.lock:
            return {key: n for key, n in self.created.items() if n > 1}

    def stats(self) -> dict[str, Any]:
        """Counts and creation times, as JSON (the benchmark reads them over HTTP)."""
        with self.lock:
            return {
                "created": dict(self.created),
                "created_at": dict(self.created_at),
                "requests": dict(self.requests),
                "injected": dict(self.injected),
            }

    # -- behaviour -------------------------------------------------------------------------------

    def next_fault(self, method: str, creating: bool) -> str:
        with self.lock:
            queue = self.faults[method]
            if queue:
                fault = queue.popleft()
            elif creating:
                fault = self._random_fault()
            else:
                fault = "ok"
            if fault != "ok":
                self.injected[fault] += 1
            return fault

    def _random_fault(self) -> str:
        roll = self.random.random()
        for fault, share in self.random_faults.items():
            if roll < share:
                return fault
            roll -= share
        return "ok"

    def create_status(
        self, token: str, key: str, body: dict[str, Any]
    ) -> tuple[dict[str, Any], bool]:
        """The status under (*token*, *key*): the first one again, or a new one."""
        with self.lock:
            known = self.keys.get((token, key)) if key else None
            if known is not None:
                return self.statuses[known], False
            status_id = str(100000 + len(self.statuses))
            now = time.time()
            status = {
                "id": status_id,
                "url": f"{self.url}/@{_account(token)}/{status_id}",
                "created_at": _iso(now),
                "content": body.get("status", ""),
                "language": body.get("language"),
                "media_ids": body.get("media_ids", []),
            }
            self.statuses[status_id] = status
            if key:
                self.keys[(token, key)] = status_id
                self.created[key] += 1
                self.created_at.setdefault(key, now)
            return status, True

    def keep_media(self, upload: bytes) -> str:
        """Keep an uploaded image (the multipart body as it came); its media id."""
        with self.lock:
            self.media.append(upload)
            return f"media{len(self.media)}"

    def create_post(self, body: dict[str, Any]) -> dict[str, Any]:
        """A WordPress post; like WordPress, a slug in use gets a suffix (a second post!)."""
        with self.lock:
            asked = str(body.get("slug") or f"post-{len(self.posts) + 1}")
            taken = {p["slug"] for p in self.posts}
            slug, n = asked, 2
            while slug in taken:
                slug, n = f"{asked}-{n}", n + 1
            now = time.time()
            post = {
                "id": len(self.posts) + 1,
                "slug": slug,
                "status": body.get("status", "draft"),
                "link": f"{self.url}/{slug}/",
                "date_gmt": dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S"),
                "title": {"raw": body.get("title", "")},
            }
            self.posts.append(post)
            self.created[asked] += 1
            self.created_at.setdefault(asked, now)
            return post

    def find_posts(self, slug: str) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in self.posts if p["slug"] == slug]


class _Server(ThreadingHTTPServer):
    """A thread per connection, and room for many connections at once.

    Every worker opens a keep-alive connection per account at its first post; the standard
    backlog of five would drop most of them for a second (the SYN is retried), and show up
    as the publisher's lateness.
    """

    request_queue_size = 1024
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    owner: LoopbackNetwork
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- requests --------------------------------------------------------------------------------

    def do_GET(self) -> None:
        net, parts = self.owner, urlsplit(self.path)
        net.requests[f"GET {_route(parts.path)}"] += 1
        if parts.path == "/_fake/stats":
            return self._json(200, net.stats())
        token = self._token()
        if token is None:
            return None
        fault = net.next_fault("GET", creating=False)
        if fault in ("503", "429", "401"):
            return self._refuse(fault, token)
        if parts.path == "/api/v1/accounts/verify_credentials":
            return self._json(200, {"id": "1", "acct": _account(token), "display_name": ""})
        if parts.path.startswith(MASTODON_STATUSES + "/"):
            status = net.statuses.get(parts.path.rsplit("/", 1)[1])
            return self._json(200, status) if status else self._json(404, {"error": "Not found"})
        if parts.path == WORDPRESS_POSTS:
            slug = parse_qs(parts.query).get("slug", [""])[0]
            return self._json(200, net.find_posts(slug))
        if parts.path == "/wp-json/wp/v2/users/me":
            caps = {"publish_posts": True}
            return self._json(200, {"id": 1, "slug": "editor", "capabilities": caps})
        return self._json(404, {"error": "Not found"})

    def do_POST(self) -> None:
        net, path = self.owner, urlsplit(self.path).path
        net.requests[f"POST {_route(path)}"] += 1
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        token = self._token()
        if token is None:
            return None
        if net.latency:
            time.sleep(net.latency)
        if path == MASTODON_MEDIA:
            return self._json(200, {"id": net.keep_media(raw)})
        if path not in (MASTODON_STATUSES, WORDPRESS_POSTS):
            return self._json(404, {"error": "Not found"})
        fault = net.next_fault("POST", creating=True)
        if fault in BEFORE:
            return self._refuse(fault, token)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            return self._json(400, {"error": "unreadable body"})
        if path == MASTODON_STATUSES:
            key = self.headers.get("Idempotency-Key", "")
            answer, _ = net.create_status(token, key, body)
        else:
            answer = net.create_post(body)
        self._after_writing(fault, answer)
        return None

    # -- answers ---------------------------------------------------------------------------------

    def _after_writing(self, fault: str, answer: dict[str, Any]) -> None:
        if fault == "drop":
            # The post exists; the client never hears so.
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if fault == "slow":
            time.sleep(self.owner.slow_seconds)
        if fault == "garbage":
            return self._raw(200, b"<html>Bad gateway, maybe</html>", "text/html")
        if fault == "shape":
            return self._json(200, {"data": {"status": answer}})
        if fault == "500":
            return self._json(500, {"error": "Internal server error"})
        self._json(200, answer)

    def _refuse(self, fault: str, token: str) -> None:
        if fault == "429":
            headers = {"Retry-After": str(self.owner.retry_after)}
            return self._json(429, {"error": "Too many requests"}, headers)
        if fault == "503":
            return self._json(503, {"error": "Service unavailable"})
        if fault == "504-nothing":
            return self._json(504, {"error": "Gateway timeout"})
        if fault == "401":
            # Networks quote what they were sent; the client must mask it.
            return self._json(401, {"error": f"The access token {token} was revoked"})
        # 422: the content is refused, quoting the credentials it came with.
        detail = f"Validation failed: the image is too large (sent by {token})"
        return self._json(422, {"error": detail})

    def _token(self) -> str | None:
        header = self.headers.get("Authorization", "")
        kind, _, value = header.partition(" ")
        if kind == "Basic":
            value = base64.b64decode(value).decode().partition(":")[2]
        if not value or value in self.owner.revoked:
            self._json(401, {"error": f"The access token {value} is invalid"})
            return None
        return value

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self._raw(status, json.dumps(body).encode(), "application/json", headers)

    def _raw(
        self, status: int, data: bytes, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            # The client went away (it timed out): the post exists all the same.
            self.close_connection = True


def _account(token: str) -> str:
    return f"acct{zlib.crc32(token.encode()) % 10_000}"


def _route(path: str) -> str:
    return MASTODON_STATUSES + "/:id" if path.startswith(MASTODON_STATUSES + "/") else path


def _iso(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="microseconds")
