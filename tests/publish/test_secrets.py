"""Tokens and passwords never show: not in a repr, a log record, an error message or a traceback."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import logging
import traceback
from collections.abc import Callable

import httpx
import pytest
from pydantic import ValidationError
from tests.publish.fake_network import FakeNetwork, reply

from socialplan.publish.content import IdempotencyKey, Image, Outgoing
from socialplan.publish.errors import PublishError
from socialplan.publish.networks import adapter_class, connect
from socialplan.publish.networks.base import Adapter
from socialplan.publish.networks.bluesky.credentials import BlueskyCredentials
from socialplan.publish.networks.facebook.credentials import FacebookCredentials
from socialplan.publish.networks.facebook.graph import GRAPH_VERSION
from socialplan.publish.networks.instagram.credentials import InstagramCredentials
from socialplan.publish.networks.linkedin.credentials import LinkedInCredentials
from socialplan.publish.networks.mastodon.credentials import MastodonCredentials
from socialplan.publish.networks.telegram.credentials import TelegramCredentials
from socialplan.publish.networks.wordpress.credentials import WordPressCredentials
from socialplan.publish.networks.x.credentials import XCredentials
from socialplan.publish.secrets import MASK, Credentials, redact

TOKEN = "sekrit-token-9f8e7d6c5b4a"
PASSWORD = "abcd-efgh-ijkl-mnop"
#: Telegram's tokens have a shape of their own, and travel in the request's path.
BOT_TOKEN = "7712345678:sekrit-bot-token-9f8e7d6c5b4a_AbCd"
#: What WordPress's Basic header carries: the user and the password, encoded.
BASIC = base64.b64encode(f"editor:{PASSWORD}".encode()).decode()
V = f"/{GRAPH_VERSION}"
KEY = IdempotencyKey("k1", dt.datetime(2026, 11, 2, tzinfo=dt.UTC))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _echo(request: httpx.Request) -> httpx.Response:
    # The worst case: a server quoting every credential it was sent back in its error.
    quoted = " ".join(
        (
            str(request.url),
            request.headers.get("Authorization", ""),
            request.content.decode(errors="ignore"),
        )
    )
    return reply(401, {"error": "AuthenticationRequired", "message": f"bad credentials {quoted}"})


def _mastodon(answer: object) -> Adapter[MastodonCredentials]:
    net = FakeNetwork()
    for path in ("/api/v1/statuses", "/api/v2/media"):
        net.on("POST", path, answer)  # type: ignore[arg-type]
    net.on("GET", "/api/v1/accounts/verify_credentials", answer)  # type: ignore[arg-type]
    stored = {"instance": "https://social.example", "access_token": TOKEN}
    return connect("mastodon", stored, transport=net.transport)


def _bluesky(answer: object) -> Adapter[BlueskyCredentials]:
    net = FakeNetwork().on("POST", "/xrpc/com.atproto.server.createSession", answer)  # type: ignore[arg-type]
    stored = {"service": "https://pds.example", "handle": "brand.example", "app_password": PASSWORD}
    return connect("bluesky", stored, transport=net.transport)


def _routed(answer: object, *routes: tuple[str, str]) -> FakeNetwork:
    net = FakeNetwork()
    for method, path in routes:
        net.on(method, path, answer)  # type: ignore[arg-type]
    return net


def _telegram(answer: object) -> Adapter[TelegramCredentials]:
    bot = f"/bot{BOT_TOKEN}"
    net = _routed(answer, ("POST", f"{bot}/sendPhoto"), ("GET", f"{bot}/getMe"))
    stored = {"bot_token": BOT_TOKEN, "chat_id": "@brand"}
    return connect("telegram", stored, transport=net.transport)


def _x(answer: object) -> Adapter[XCredentials]:
    net = _routed(answer, ("POST", "/2/media/upload"), ("GET", "/2/users/me"))
    return connect("x", {"access_token": TOKEN}, transport=net.transport)


def _linkedin(answer: object) -> Adapter[LinkedInCredentials]:
    net = _routed(answer, ("POST", "/rest/images"), ("GET", "/rest/organizationAcls"))
    stored = {"access_token": TOKEN, "organization_id": "5515715"}
    return connect("linkedin", stored, transport=net.transport)


def _facebook(answer: object) -> Adapter[FacebookCredentials]:
    net = _routed(answer, ("POST", f"{V}/1045/photos"), ("GET", f"{V}/me"))
    stored = {"page_id": "1045", "page_access_token": TOKEN}
    return connect("facebook", stored, transport=net.transport)


def _instagram(answer: object) -> Adapter[InstagramCredentials]:
    net = _routed(answer, ("POST", f"{V}/1784/media"), ("GET", f"{V}/1784"))
    creds = InstagramCredentials(ig_user_id="1784", access_token=TOKEN)  # type: ignore[arg-type]
    cls = adapter_class("instagram")
    return cls(
        creds, transport=net.transport, image_host=lambda _image: "https://cdn.example/1.png"
    )  # type: ignore[call-arg]


def _wordpress(answer: object) -> Adapter[WordPressCredentials]:
    net = _routed(answer, ("GET", "/wp-json/wp/v2/posts"), ("GET", "/wp-json/wp/v2/users/me"))
    stored = {
        "site": "https://blog.example.org",
        "username": "editor",
        "application_password": PASSWORD,
    }
    return connect("wordpress", stored, transport=net.transport)


def _answers(secret: str) -> list[object]:
    """Answers that quote *secret*, the one credential the adapter under test was given."""
    return [
        _echo,
        reply(422, {"error": f"the credential {secret} is wrong"}),
        reply(429, {"error": f"slow down {secret}"}, **{"Retry-After": "5"}),
        reply(503, f"busy {secret}".encode()),
        reply(200, f"garbage {secret}".encode()),
        httpx.ReadTimeout(f"timed out for {secret}"),
        httpx.ConnectError(f"refused {secret}"),
    ]


def _leaks(text: str) -> bool:
    return any(secret in text for secret in (TOKEN, PASSWORD, BOT_TOKEN, BASIC))


ADAPTERS = {
    "mastodon": (_mastodon, TOKEN),
    "bluesky": (_bluesky, PASSWORD),
    "telegram": (_telegram, BOT_TOKEN),
    "x": (_x, TOKEN),
    "linkedin": (_linkedin, TOKEN),
    "facebook": (_facebook, TOKEN),
    "instagram": (_instagram, TOKEN),
    "wordpress": (_wordpress, PASSWORD),
}


@pytest.mark.parametrize(("make", "secret"), ADAPTERS.values(), ids=ADAPTERS.keys())
@pytest.mark.parametrize("answer", range(7))
@pytest.mark.parametrize("step", ["validate", "publish"])
def test_no_failure_shows_a_secret(
    make: Callable[[object], Adapter[MastodonCredentials]],
    secret: str,
    answer: int,
    step: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    adapter = make(_answers(secret)[answer])
    post = Outgoing("hello", images=(Image(PNG, "image/jpeg", "alt"),))  # every network takes JPEG
    act = adapter.validate if step == "validate" else functools.partial(adapter.publish, post, KEY)
    with pytest.raises(PublishError) as raised:
        act()
    error = raised.value
    shown = [str(error), repr(error), error.render(), *map(str, error.params.values())]
    shown += traceback.format_exception(error)
    shown += [repr(adapter), str(adapter)]
    shown += [r.getMessage() for r in caplog.records] + [r.exc_text or "" for r in caplog.records]
    assert not [text for text in shown if _leaks(text)]


CREDENTIALS: list[tuple[type[Credentials], dict[str, str], str]] = [
    (MastodonCredentials, {"instance": "https://social.example", "access_token": TOKEN}, TOKEN),
    (BlueskyCredentials, {"handle": "brand.example", "app_password": PASSWORD}, PASSWORD),
    (TelegramCredentials, {"bot_token": BOT_TOKEN, "chat_id": "@brand"}, BOT_TOKEN),
    (XCredentials, {"access_token": TOKEN}, TOKEN),
    (LinkedInCredentials, {"access_token": TOKEN, "organization_id": "5515715"}, TOKEN),
    (FacebookCredentials, {"page_id": "1045", "page_access_token": TOKEN}, TOKEN),
    (InstagramCredentials, {"ig_user_id": "1784", "access_token": TOKEN}, TOKEN),
    (WordPressCredentials, {"site": "https://blog.example.org", "username": "editor",
                            "application_password": PASSWORD}, PASSWORD),
]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "stored", "secret"), CREDENTIALS, ids=lambda v: getattr(v, "__name__", "")
)
def test_credentials_show_masks(
    model: type[Credentials], stored: dict[str, str], secret: str
) -> None:
    creds = model.model_validate(stored)
    for text in (repr(creds), str(creds), creds.model_dump_json(), str(creds.model_dump())):
        assert not _leaks(text)
        assert MASK in text
    assert creds.secret_values() == [secret]


def test_every_network_is_covered_here() -> None:
    from socialplan.publish.networks import ADAPTERS as REGISTERED

    assert set(ADAPTERS) == set(REGISTERED)
    assert {adapter_class(n).credentials_type for n in REGISTERED} == {m for m, *_ in CREDENTIALS}


def test_a_rejected_credential_is_not_quoted() -> None:
    with pytest.raises(ValidationError) as raised:
        MastodonCredentials.model_validate(
            {"instance": f"ftp://{TOKEN}", "access_token": TOKEN, "token": TOKEN}
        )
    # What gets shown or logged; errors() hands the input back to whoever asks for it.
    assert not _leaks(str(raised.value))
    assert not _leaks(repr(raised.value.errors(include_input=False)))


@pytest.mark.parametrize(
    "stored",
    [
        {"bot_token": f"{BOT_TOKEN}/x", "chat_id": BOT_TOKEN},
        {"bot_token": PASSWORD, "chat_id": "@brand"},
        {"site": f"http://{PASSWORD}.example", "username": "e", "application_password": PASSWORD},
    ],
)
def test_a_credential_of_the_wrong_shape_is_not_quoted(stored: dict[str, str]) -> None:
    model = TelegramCredentials if "bot_token" in stored else WordPressCredentials
    with pytest.raises(ValidationError) as raised:
        model.model_validate(stored)
    assert not _leaks(str(raised.value))
    assert not _leaks(repr(raised.value.errors(include_input=False)))


def test_redact_replaces_every_secret() -> None:
    assert redact(f"a {TOKEN} b {TOKEN} c {PASSWORD}", [TOKEN, PASSWORD, ""]) == (
        f"a {MASK} b {MASK} c {MASK}"
    )


@pytest.mark.parametrize("network", list(ADAPTERS))
def test_a_secret_at_the_cut_of_a_long_refusal_is_hidden(network: str) -> None:
    make, secret = ADAPTERS[network]
    long = "w" * 290 + " " + secret
    words: dict[str, object] = {"error": long, "message": long, "detail": long}
    words |= {"ok": False, "error_code": 400, "description": long}
    if network in ("facebook", "instagram"):
        words = {"error": {"message": long, "code": 100}}
    with pytest.raises(PublishError) as raised:
        make(reply(400, words)).validate()
    assert secret[:8] not in str(raised.value)
