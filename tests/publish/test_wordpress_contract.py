"""The WordPress adapter against a scripted REST API: its requests, its key, each error class."""

from __future__ import annotations

import base64
import datetime as dt

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, body, reply

from socialplan.publish.capabilities import FOREVER
from socialplan.publish.content import IdempotencyKey, Image, Outgoing, Published
from socialplan.publish.errors import (
    AnswerShapeError,
    AuthError,
    NotFoundError,
    PermanentError,
    RejectedError,
    RetryableError,
    UnknownOutcome,
)
from socialplan.publish.networks import connect
from socialplan.publish.networks.wordpress.adapter import WordPressAdapter
from socialplan.publish.networks.wordpress.content import slug, title_and_body
from socialplan.publish.networks.wordpress.credentials import WordPressCredentials

PASSWORD = "abcd EFGH 1234 ijkl MNOP 5678"
SITE = "https://blog.example.org"
BASIC = "Basic " + base64.b64encode(f"editor:{PASSWORD}".encode()).decode()
POSTS = "/wp-json/wp/v2/posts"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
SLUG = slug(KEY)
POST = {"id": 123, "slug": SLUG, "status": "publish", "date_gmt": "2026-11-02T09:30:01",
        "link": f"{SITE}/2026/11/02/{SLUG}/", "title": {"raw": "Hello"}}  # fmt: skip
PUBLISHED = Published(
    "123", f"{SITE}/2026/11/02/{SLUG}/", dt.datetime(2026, 11, 2, 9, 30, 1, tzinfo=dt.UTC)
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def wp_error(status: int, code: str, message: str) -> httpx.Response:
    """A WordPress REST refusal."""
    return reply(status, {"code": code, "message": message, "data": {"status": status}})


def adapter(net: FakeNetwork) -> WordPressAdapter:
    """An adapter for the editor on the scripted site."""
    creds = WordPressCredentials(site=SITE + "/", username="editor", application_password=PASSWORD)  # type: ignore[arg-type]
    return WordPressAdapter(creds, transport=net.transport)


def site(*search: object) -> FakeNetwork:
    """A site whose search by slug answers *search* (nothing by default), taking new posts."""
    answers = search or (reply(200, []),)
    return (
        FakeNetwork()
        .on("GET", POSTS, *answers)  # type: ignore[arg-type]
        .on("POST", POSTS, reply(201, POST))
    )


def test_validate_checks_the_user_may_publish() -> None:
    me = {"id": 7, "name": "Editor", "slug": "editor", "link": f"{SITE}/author/editor/",
          "capabilities": {"publish_posts": True, "upload_files": True}}  # fmt: skip
    net = FakeNetwork().on("GET", "/wp-json/wp/v2/users/me", reply(200, me))
    info = adapter(net).validate()
    assert (info.id, info.handle, info.display_name, info.url) == (
        "7",
        "editor",
        "Editor",
        f"{SITE}/author/editor/",
    )
    (request,) = net.requests
    assert str(request.url) == f"{SITE}/wp-json/wp/v2/users/me?context=edit"
    assert request.headers["Authorization"] == BASIC


def test_validate_refuses_a_user_who_may_not_publish() -> None:
    me = {"id": 8, "slug": "contributor", "capabilities": {"edit_posts": True}}
    net = FakeNetwork().on("GET", "/wp-json/wp/v2/users/me", reply(200, me))
    with pytest.raises(AuthError) as raised:
        adapter(net).validate()
    assert raised.value.render() == (
        f"the user contributor may not publish posts on {SITE}: give them the author, editor "
        "or administrator role"
    )


def test_publish_looks_for_the_key_then_creates_the_post() -> None:
    net = site()
    text = "Hello & welcome\n\nOur report is at https://example.org/r?a=1&b=2.\nRead it."
    assert adapter(net).publish(Outgoing(text), KEY) == PUBLISHED
    search, create = net.requests
    assert (search.method, str(search.url)) == (
        "GET",
        f"{SITE}{POSTS}?slug={SLUG}&status=any&context=edit",
    )
    assert (create.method, str(create.url)) == ("POST", f"{SITE}{POSTS}")
    assert create.headers["Authorization"] == BASIC
    assert create.headers["Content-Type"] == "application/json"
    assert body(create) == {
        "title": "Hello &amp; welcome",
        "content": '<p>Our report is at <a href="https://example.org/r?a=1&amp;b=2">'
        "https://example.org/r?a=1&amp;b=2</a>.<br>\nRead it.</p>",
        "status": "publish",
        "slug": SLUG,
    }


def test_a_second_attempt_finds_the_first_post() -> None:
    net = site(reply(200, [POST]))
    assert adapter(net).publish(Outgoing("Hello"), KEY) == PUBLISHED
    assert not net.sent("POST", POSTS)


def test_images_are_uploaded_the_first_featured_the_others_shown() -> None:
    media = [
        reply(201, {"id": 41, "source_url": f"{SITE}/wp-content/uploads/a.png"}),
        reply(201, {"id": 42, "source_url": f"{SITE}/wp-content/uploads/b.jpg"}),
    ]
    net = site().on("POST", "/wp-json/wp/v2/media", *media)
    images = (Image(PNG, "image/png", "a red door"), Image(PNG, "image/jpeg", 'the "blue" one'))
    adapter(net).publish(Outgoing("Doors\nTwo of them.", images=images), KEY)
    first, second = net.sent("POST", "/wp-json/wp/v2/media")
    assert str(first.url) == f"{SITE}/wp-json/wp/v2/media"
    assert first.headers["Content-Type"].startswith("multipart/form-data")
    assert f'name="file"; filename="{SLUG}-0.png"'.encode() in first.content
    assert b'name="alt_text"\r\n\r\na red door' in first.content
    assert PNG in first.content
    assert f'filename="{SLUG}-1.jpg"'.encode() in second.content
    created = body(net.sent("POST", POSTS)[0])
    assert created["featured_media"] == 41
    assert created["content"] == (
        "<p>Two of them.</p>"
        f'<figure class="wp-block-image"><img src="{SITE}/wp-content/uploads/b.jpg" '
        'alt="the &quot;blue&quot; one"/></figure>'
    )


def test_an_upload_that_fails_published_nothing() -> None:
    net = site().on("POST", "/wp-json/wp/v2/media", httpx.ReadTimeout("timed out"))
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("door", images=(Image(PNG, "image/png"),)), KEY)
    assert not net.sent("POST", POSTS)


def test_an_unknown_outcome_is_settled_by_the_slug() -> None:
    net = site(reply(200, []), reply(200, [POST])).on("POST", POSTS, reply(502, b"Bad Gateway"))
    assert adapter(net).publish(Outgoing("Hello"), KEY) == PUBLISHED
    assert [r.method for r in net.requests] == ["GET", "POST", "GET"]


@pytest.mark.parametrize("second_look", [reply(200, []), httpx.ReadTimeout("timed out")])
def test_an_unknown_outcome_stays_unknown_without_the_post(second_look: object) -> None:
    net = site(reply(200, []), second_look).on("POST", POSTS, httpx.ReadTimeout("timed out"))
    with pytest.raises(UnknownOutcome) as raised:
        adapter(net).publish(Outgoing("Hello"), KEY)
    assert type(raised.value) is UnknownOutcome


def test_find_by_key_searches_by_the_slug() -> None:
    caps = WordPressAdapter.capabilities
    assert (caps.findable_by_key, caps.idempotency_window) == (True, FOREVER)
    net = site(reply(200, [POST]), reply(200, []))
    assert adapter(net).find_by_key(KEY) == PUBLISHED
    assert adapter(net).find_by_key(KEY) is None
    assert all(r.url.params["slug"] == SLUG for r in net.requests)


def test_read_back_and_delete() -> None:
    path = f"{POSTS}/123"
    gone = wp_error(404, "rest_post_invalid_id", "Invalid post ID.")
    net = FakeNetwork().on(
        "GET", path, reply(200, POST), reply(200, POST | {"status": "trash"}), gone
    )
    net.on("DELETE", path, reply(200, {"deleted": True, "previous": POST}), gone)
    wordpress = adapter(net)
    assert wordpress.read_back("123") == PUBLISHED
    assert wordpress.read_back("123") is None  # in the bin
    wordpress.delete("123")
    wordpress.delete("123")  # already gone: still done
    assert wordpress.read_back("123") is None
    assert [(r.method, str(r.url)) for r in net.requests] == [
        ("GET", f"{SITE}{path}?context=edit"),
        ("GET", f"{SITE}{path}?context=edit"),
        ("DELETE", f"{SITE}{path}?force=true"),
        ("DELETE", f"{SITE}{path}?force=true"),
        ("GET", f"{SITE}{path}?context=edit"),
    ]


@pytest.mark.parametrize("ref", ["", "abc", "12/../users", "١٢"])
def test_refs_that_are_not_post_numbers_are_refused(ref: str) -> None:
    net = FakeNetwork()
    with pytest.raises(PermanentError):
        adapter(net).delete(ref)
    assert net.requests == []


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (wp_error(401, "incorrect_password", "The provided password is an invalid application "
                  "password."), AuthError),
        (wp_error(403, "rest_cannot_create", "Sorry, you are not allowed to create posts as "
                  "this user."), AuthError),
        (wp_error(400, "rest_invalid_param", "Invalid parameter(s): status"), RejectedError),
        (reply(413, b"<html>Request Entity Too Large</html>"), RejectedError),
        (wp_error(404, "rest_no_route", "No route was found matching the URL"), NotFoundError),
        (wp_error(409, "conflict", "Conflict"), PermanentError),
        (reply(429, b"Too Many Requests", **{"Retry-After": "30"}), RetryableError),
        (reply(503, b"Service Unavailable"), RetryableError),
        (wp_error(500, "internal_server_error", "There has been a critical error"),
         UnknownOutcome),
        (reply(502, b"Bad Gateway"), UnknownOutcome),
        (httpx.ReadTimeout("timed out"), UnknownOutcome),
        (httpx.RemoteProtocolError("Server disconnected"), UnknownOutcome),
        (httpx.ConnectError("[Errno 111] Connection refused"), RetryableError),
        (reply(201, b"<html>PHP Warning</html>"), AnswerShapeError),
        (reply(201, {"id": "123"}), AnswerShapeError),
        (reply(201, POST | {"date_gmt": "yesterday"}), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_a_publish_has_its_class(answer: object, error: type[Exception]) -> None:
    net = site().on("POST", POSTS, answer)  # type: ignore[arg-type]
    with pytest.raises(error) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert type(raised.value) is error
    assert "WordPress" in str(raised.value)


def test_the_words_of_a_refusal_reach_the_message() -> None:
    refusal = wp_error(400, "rest_invalid_param", "Invalid parameter(s): featured_media")
    net = site().on("POST", POSTS, refusal)
    with pytest.raises(RejectedError, match=r"Invalid parameter\(s\): featured_media"):
        adapter(net).publish(Outgoing("hello"), KEY)


def test_a_failed_search_publishes_nothing() -> None:
    net = site(httpx.ReadTimeout("timed out"))
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("hello"), KEY)
    assert not net.sent("POST", POSTS)


@pytest.mark.parametrize(
    "post",
    [
        Outgoing(""),
        Outgoing("many", images=(Image(PNG, "image/png"),) * 11),
        Outgoing("a tiff", images=(Image(PNG, "image/tiff"),)),
        Outgoing("too big", images=(Image(b"x" * (8 * 1024 * 1024 + 1), "image/png"),)),
    ],
)
def test_posts_over_the_limits_are_refused_before_any_request(post: Outgoing) -> None:
    net = FakeNetwork()
    with pytest.raises(RejectedError):
        adapter(net).publish(post, KEY)
    assert net.requests == []


def test_the_slug_comes_from_the_key_alone() -> None:
    later = IdempotencyKey(KEY.value, KEY.issued_at + dt.timedelta(days=1))
    other = IdempotencyKey("post-17-channel-4", KEY.issued_at)
    assert slug(KEY) == slug(later) != slug(other)
    assert slug(KEY).startswith("sp-")
    assert len(slug(KEY)) == 19
    assert slug(IdempotencyKey("ABC", KEY.issued_at)) != slug(IdempotencyKey("abc", KEY.issued_at))


@pytest.mark.parametrize(
    ("text", "title", "content"),
    [
        ("One line", "One line", ""),
        ("\n\n  Title  \nfirst\n\n\nsecond", "Title", "<p>first</p>\n<p>second</p>"),
        ("کتاب تازه\nمی‌خواهم <b>بخوانم</b>",
         "کتاب تازه", "<p>می‌خواهم &lt;b&gt;بخوانم&lt;/b&gt;</p>"),
        ("สวัสดีครับ\nhttps://example.org/หน้า",
         "สวัสดีครับ", '<p><a href="https://example.org/หน้า">https://example.org/หน้า</a></p>'),
    ],
)  # fmt: skip
def test_the_first_line_is_the_title(text: str, title: str, content: str) -> None:
    assert title_and_body(text) == (title, content)


def test_the_registry_builds_it_from_stored_credentials() -> None:
    net = site()
    stored = {"site": SITE, "username": "editor", "application_password": PASSWORD}
    with connect("wordpress", stored, transport=net.transport) as wordpress:
        wordpress.publish(Outgoing("hello"), KEY)
    assert net.requests[0].headers["Authorization"] == BASIC


@pytest.mark.parametrize(
    "address", ["http://blog.example.org", "ftp://x", "blog.example.org", "", "https://x.org/?p=1"]
)
def test_the_password_only_travels_over_https(address: str) -> None:
    with pytest.raises(ValueError, match="https"):
        WordPressCredentials(site=address, username="editor", application_password=PASSWORD)  # type: ignore[arg-type]


def test_a_site_in_a_folder_keeps_its_folder() -> None:
    net = FakeNetwork().on("GET", f"/blog{POSTS}", reply(200, [POST]))
    creds = WordPressCredentials(
        site="https://example.org/blog",
        username="editor",
        application_password=PASSWORD,  # type: ignore[arg-type]
    )
    WordPressAdapter(creds, transport=net.transport).find_by_key(KEY)
    assert str(net.requests[0].url).startswith(f"https://example.org/blog{POSTS}?")
