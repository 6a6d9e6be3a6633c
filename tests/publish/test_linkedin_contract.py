"""The LinkedIn adapter against a scripted Posts API: its requests, and each error class."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from tests.publish.fake_network import FakeNetwork, body, reply

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
from socialplan.publish.networks.linkedin.adapter import VERSION, LinkedInAdapter
from socialplan.publish.networks.linkedin.commentary import commentary
from socialplan.publish.networks.linkedin.credentials import LinkedInCredentials

TOKEN = "AQV-linkedin-token-8f7e6d5c4b3a"
API = "https://api.linkedin.com"
ORG = "urn:li:organization:5515715"
KEY = IdempotencyKey("post-17-channel-3", dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC))
SHARE = "urn:li:share:7260000000000000000"
ENCODED = "urn%3Ali%3Ashare%3A7260000000000000000"
CREATED = reply(201, b"", **{"x-restli-id": SHARE})
UPLOAD = "https://www.linkedin.com/dms-uploads/sp/v2/D4E10AQ/uploaded-image/0?ca=vector_feedshare"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def error(status: int, message: str, code: str = "") -> httpx.Response:
    """A LinkedIn refusal."""
    answer = {"status": status, "serviceErrorCode": 100, "code": code, "message": message}
    return reply(status, answer)


def adapter(net: FakeNetwork) -> LinkedInAdapter:
    """An adapter posting for the organisation on the scripted API."""
    creds = LinkedInCredentials(access_token=TOKEN, organization_id="5515715")  # type: ignore[arg-type]
    return LinkedInAdapter(creds, transport=net.transport)


def headers_of_the_api(request: httpx.Request) -> None:
    """Every API request names the version and the protocol, with the token."""
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Linkedin-Version"] == VERSION
    assert request.headers["X-Restli-Protocol-Version"] == "2.0.0"


def test_the_version_is_a_released_month() -> None:
    # YYYYMM, and not ahead of what docs/decisions/0008 verified LinkedIn had released.
    year, month = int(VERSION[:4]), int(VERSION[4:])
    assert len(VERSION) == 6
    assert 1 <= month <= 12
    assert (2026, 1) <= (year, month) <= (2026, 8)


def test_validate_checks_the_member_may_post_for_the_organisation() -> None:
    acls = {
        "elements": [
            {"roleAssignee": "urn:li:person:abc", "state": "APPROVED", "role": "ANALYST",
             "organization": "urn:li:organization:1"},
            {"roleAssignee": "urn:li:person:abc", "state": "APPROVED",
             "role": "CONTENT_ADMINISTRATOR", "organization": ORG},
        ],
        "paging": {"count": 100, "start": 0},
    }  # fmt: skip
    net = FakeNetwork().on("GET", "/rest/organizationAcls", reply(200, acls))
    info = adapter(net).validate()
    assert (info.id, info.handle, info.url) == (
        ORG,
        "5515715",
        "https://www.linkedin.com/company/5515715/",
    )
    (request,) = net.requests
    assert (request.method, str(request.url)) == (
        "GET",
        f"{API}/rest/organizationAcls?q=roleAssignee&state=APPROVED&count=100",
    )
    headers_of_the_api(request)


@pytest.mark.parametrize(
    "elements",
    [
        [],
        [{"role": "ADMINISTRATOR", "organization": "urn:li:organization:1"}],
        [{"role": "ANALYST", "organization": ORG}],
        [{"role": "DIRECT_SPONSORED_CONTENT_POSTER", "organization": ORG}],
    ],
)
def test_validate_refuses_a_member_without_a_posting_role(elements: list[object]) -> None:
    net = FakeNetwork().on("GET", "/rest/organizationAcls", reply(200, {"elements": elements}))
    with pytest.raises(AuthError, match="organisation 5515715 on LinkedIn"):
        adapter(net).validate()


def test_publish_creates_the_post_as_the_organisation() -> None:
    net = FakeNetwork().on("POST", "/rest/posts", CREATED)
    published = adapter(net).publish(Outgoing("Our report (2026) is out #news"), KEY)
    assert published == Published(ref=SHARE, url=f"https://www.linkedin.com/feed/update/{SHARE}/")
    (request,) = net.requests
    assert (request.method, str(request.url)) == ("POST", f"{API}/rest/posts")
    headers_of_the_api(request)
    assert request.headers["Content-Type"] == "application/json"
    assert body(request) == {
        "author": ORG,
        "commentary": r"Our report \(2026\) is out {hashtag|\#|news}",
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": [],
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }


def _images(*urns: str) -> FakeNetwork:
    answers = [
        reply(200, {"value": {"uploadUrlExpiresAt": 1, "uploadUrl": UPLOAD, "image": urn}})
        for urn in urns
    ]
    return (
        FakeNetwork()
        .on("POST", "/rest/images", *answers)
        .on("PUT", "/dms-uploads/sp/v2/D4E10AQ/uploaded-image/0", reply(201, b""))
        .on("POST", "/rest/posts", CREATED)
    )


def test_one_image_is_registered_uploaded_and_attached() -> None:
    net = _images("urn:li:image:C4E10AQ1")
    post = Outgoing("a red door", images=(Image(PNG, "image/png", "a red door"),))
    adapter(net).publish(post, KEY)
    register, upload, create = net.requests
    assert (register.method, str(register.url)) == (
        "POST",
        f"{API}/rest/images?action=initializeUpload",
    )
    headers_of_the_api(register)
    assert body(register) == {"initializeUploadRequest": {"owner": ORG}}
    assert (upload.method, str(upload.url)) == ("PUT", UPLOAD)
    assert upload.headers["Content-Type"] == "image/png"
    assert upload.headers["Authorization"] == f"Bearer {TOKEN}"
    assert upload.content == PNG
    assert body(create)["content"] == {
        "media": {"id": "urn:li:image:C4E10AQ1", "altText": "a red door"}
    }


def test_several_images_are_a_multi_image_post() -> None:
    net = _images("urn:li:image:A", "urn:li:image:B")
    images = (Image(PNG, "image/png", "first"), Image(PNG, "image/jpeg"))
    adapter(net).publish(Outgoing("two", images=images), KEY)
    assert body(net.sent("POST", "/rest/posts")[0])["content"] == {
        "multiImage": {"images": [{"id": "urn:li:image:A", "altText": "first"},
                                  {"id": "urn:li:image:B"}]}
    }  # fmt: skip
    assert len(net.sent("PUT", "/dms-uploads/sp/v2/D4E10AQ/uploaded-image/0")) == 2


@pytest.mark.parametrize(
    "address", ["http://www.linkedin.com/dms-uploads/x", "https://evil.example/dms-uploads/x"]
)
def test_the_token_is_not_sent_to_an_upload_address_elsewhere(address: str) -> None:
    registered = reply(200, {"value": {"uploadUrl": address, "image": "urn:li:image:A"}})
    net = FakeNetwork().on("POST", "/rest/images", registered)
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("door", images=(Image(PNG, "image/png"),)), KEY)
    assert [r.method for r in net.requests] == ["POST"]


def test_an_upload_that_fails_published_nothing() -> None:
    net = _images("urn:li:image:A").on(
        "PUT", "/dms-uploads/sp/v2/D4E10AQ/uploaded-image/0", httpx.WriteTimeout("timed out")
    )
    with pytest.raises(RetryableError):
        adapter(net).publish(Outgoing("door", images=(Image(PNG, "image/png"),)), KEY)
    assert not net.sent("POST", "/rest/posts")


def test_read_back_and_delete() -> None:
    path = f"/rest/posts/{SHARE}"
    found = {"id": SHARE, "author": ORG, "commentary": "hi", "publishedAt": 1793611801000,
             "createdAt": 1793611800000, "lifecycleState": "PUBLISHED"}  # fmt: skip
    net = FakeNetwork().on("GET", path, reply(200, found), error(404, "Not Found"))
    net.on("DELETE", path, reply(204, b""), error(404, "Not Found"))
    linkedin = adapter(net)
    assert linkedin.read_back(SHARE) == Published(
        SHARE,
        f"https://www.linkedin.com/feed/update/{SHARE}/",
        dt.datetime(2026, 11, 2, 9, 30, 1, tzinfo=dt.UTC),
    )
    linkedin.delete(SHARE)
    linkedin.delete(SHARE)  # already gone: still done
    assert linkedin.read_back(SHARE) is None
    assert [(r.method, r.url.raw_path.decode()) for r in net.requests] == [
        ("GET", f"/rest/posts/{ENCODED}"),
        ("DELETE", f"/rest/posts/{ENCODED}"),
        ("DELETE", f"/rest/posts/{ENCODED}"),
        ("GET", f"/rest/posts/{ENCODED}"),
    ]
    for request in net.requests:
        headers_of_the_api(request)
    assert net.requests[1].headers["X-RestLi-Method"] == "DELETE"


def test_find_by_key_is_not_offered() -> None:
    caps = LinkedInAdapter.capabilities
    assert (caps.findable_by_key, caps.idempotency_window) == (False, None)
    with pytest.raises(NotImplementedError):
        adapter(FakeNetwork()).find_by_key(KEY)


@pytest.mark.parametrize(
    ("answer", "error_class"),
    [
        (error(401, "The token used in the request has been revoked by the user",
               "REVOKED_ACCESS_TOKEN"), AuthError),
        (error(403, "Not enough permissions to access: partnerApiPostsExternal.CREATE",
               "ACCESS_DENIED"), AuthError),
        (error(422, "Content is a duplicate of urn:li:share:7250000000000000000",
               "DUPLICATE_POST"), RejectedError),
        (error(400, "Unpermitted fields present in REQUEST_BODY"), RejectedError),
        (error(404, "Not Found"), NotFoundError),
        (error(426, "Requested version 202410 is not active", "NONEXISTENT_VERSION"),
         PermanentError),
        (error(429, "Resource level throttle APPLICATION DAY limit reached"), RetryableError),
        (reply(503, b"Service Unavailable"), RetryableError),
        (error(500, "Internal Server Error"), UnknownOutcome),
        (reply(502, b"Bad Gateway"), UnknownOutcome),
        (reply(504, b"Gateway Timeout"), UnknownOutcome),
        (httpx.ReadTimeout("timed out"), UnknownOutcome),
        (httpx.RemoteProtocolError("Server disconnected"), UnknownOutcome),
        (httpx.ConnectError("[Errno 111] Connection refused"), RetryableError),
        (httpx.ConnectTimeout("timed out"), RetryableError),
        (reply(201, b""), AnswerShapeError),
    ],
)  # fmt: skip
def test_each_failure_of_a_publish_has_its_class(
    answer: object, error_class: type[Exception]
) -> None:
    net = FakeNetwork().on("POST", "/rest/posts", answer)  # type: ignore[arg-type]
    with pytest.raises(error_class) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert type(raised.value) is error_class
    assert "LinkedIn" in str(raised.value)


def test_the_words_of_a_refusal_reach_the_message() -> None:
    duplicate = error(422, "Content is a duplicate of urn:li:share:7250000000000000000")
    net = FakeNetwork().on("POST", "/rest/posts", duplicate)
    with pytest.raises(RejectedError, match="duplicate of urn:li:share:7250") as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.status == 422


@pytest.mark.parametrize(("headers", "seconds"), [({"Retry-After": "60"}, 60.0), ({}, None)])
def test_rate_limits_say_how_long_to_wait(headers: dict[str, str], seconds: float | None) -> None:
    net = FakeNetwork().on("POST", "/rest/posts", reply(429, {"status": 429}, **headers))
    with pytest.raises(RetryableError) as raised:
        adapter(net).publish(Outgoing("hello"), KEY)
    assert raised.value.retry_after == seconds


@pytest.mark.parametrize(
    "answer", [error(500, "Internal Server Error"), httpx.ReadTimeout("timed out")]
)
def test_reads_that_fail_are_retryable(answer: object) -> None:
    net = FakeNetwork().on("GET", f"/rest/posts/{SHARE}", answer)  # type: ignore[arg-type]
    with pytest.raises(RetryableError):
        adapter(net).read_back(SHARE)


@pytest.mark.parametrize(
    "post",
    [
        Outgoing("ก" * 3001),
        Outgoing(""),
        Outgoing("many", images=(Image(PNG, "image/png"),) * 21),
        Outgoing("a webp", images=(Image(PNG, "image/webp"),)),
        Outgoing("too big", images=(Image(b"x" * (10 * 1024 * 1024 + 1), "image/png"),)),
    ],
)
def test_posts_over_the_limits_are_refused_before_any_request(post: Outgoing) -> None:
    net = FakeNetwork()
    with pytest.raises(RejectedError):
        adapter(net).publish(post, KEY)
    assert net.requests == []


@pytest.mark.parametrize(
    ("text", "little"),
    [
        ("plain words", "plain words"),
        ("(a) [b] {c} <d> *e* _f_ ~g~ |h| @i \\j", r"\(a\) \[b\] \{c\} \<d\> \*e\* \_f\_ \~g\~ "
         r"\|h\| \@i \\j"),
        ("#news today", r"{hashtag|\#|news} today"),
        ("اخبار #کتاب_خوب، امروز", r"اخبار {hashtag|\#|کتاب\_خوب}، امروز"),
        ("ข่าว #สวัสดี.", r"ข่าว {hashtag|\#|สวัสดี}."),
        ("新闻 #中文，好", r"新闻 {hashtag|\#|中文}，好"),
        ("C# and a#b", r"C\# and a\#b"),
    ],
)  # fmt: skip
def test_commentary_is_little_text(text: str, little: str) -> None:
    assert commentary(text) == little


def test_the_registry_builds_it_from_stored_credentials() -> None:
    net = FakeNetwork().on("POST", "/rest/posts", CREATED)
    stored = {"access_token": TOKEN, "organization_id": ORG}
    with connect("linkedin", stored, transport=net.transport) as linkedin:
        linkedin.publish(Outgoing("hello"), KEY)
    assert body(net.requests[0])["author"] == ORG


@pytest.mark.parametrize("organization", ["", "acme", "urn:li:person:123", "１２３"])
def test_the_organisation_is_a_number(organization: str) -> None:
    with pytest.raises(ValueError, match="organisation"):
        LinkedInCredentials(access_token=TOKEN, organization_id=organization)  # type: ignore[arg-type]
