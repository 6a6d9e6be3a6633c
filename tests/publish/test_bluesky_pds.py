"""The Bluesky adapter against a real PDS: publish, read back, find by key, no repeats, delete."""

from __future__ import annotations

import struct
import zlib

import httpx
import pytest
from tests.publish.bluesky_pds import Account, Pds

from socialplan.publish.content import IdempotencyKey, Image, Outgoing
from socialplan.publish.errors import AuthError, RejectedError
from socialplan.publish.networks.bluesky.adapter import BlueskyAdapter

pytestmark = pytest.mark.bluesky

POSTS = {
    "en": ("Our spring reading list is out: https://example.com/spring #books @{handle}", "#books"),
    "fa": ("فهرست کتاب‌های بهار آماده است: https://example.com/fa #کتاب @{handle}", "#کتاب"),
    "th": ("รายชื่อหนังสือฤดูใบไม้ผลิมาแล้ว https://example.com/th #หนังสือ @{handle}", "#หนังสือ"),
}


def png(width: int = 16, height: int = 9) -> bytes:
    """A small red PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))


@pytest.fixture(scope="module")
def account(bluesky_pds: Pds) -> Account:
    """A fresh account on the PDS for this module."""
    return bluesky_pds.account()


def test_validate_names_the_account(account: Account) -> None:
    info = account.adapter().validate()
    assert (info.id, info.handle) == (account.did, account.handle)


@pytest.mark.parametrize("lang", sorted(POSTS))
def test_publish_read_back_find_repeat_and_delete(account: Account, lang: str) -> None:
    template, tag = POSTS[lang]
    text = template.format(handle=account.handle)
    image = Image(png(), "image/png", f"a red square ({lang})")
    post = Outgoing(text, images=(image,), language=lang)
    key = IdempotencyKey.new()
    before = len(account.posts())
    adapter = account.adapter()

    first = adapter.publish(post, key)
    assert len(account.posts()) == before + 1
    assert adapter.read_back(first.ref) == first
    assert adapter.find_by_key(key) == first

    # Again with the same key, from a worker that knows nothing of the first attempt.
    assert account.adapter().publish(post, key) == first
    assert len(account.posts()) == before + 1

    (record,) = [r["value"] for r in account.posts() if r["uri"] == first.ref]
    assert record["text"] == text
    assert record["langs"] == [lang]
    (image,) = record["embed"]["images"]
    assert image["alt"] == f"a red square ({lang})"
    assert image["image"]["mimeType"] == "image/png"
    encoded = text.encode("utf-8")
    pieces = [
        encoded[f["index"]["byteStart"] : f["index"]["byteEnd"]].decode("utf-8")
        for f in record["facets"]
    ]
    assert pieces == [
        f"https://example.com/{'spring' if lang == 'en' else lang}",
        tag,
        "@" + account.handle,
    ]
    assert record["facets"][2]["features"][0]["did"] == account.did

    adapter.delete(first.ref)
    assert adapter.read_back(first.ref) is None
    assert adapter.find_by_key(key) is None
    assert len(account.posts()) == before
    adapter.delete(first.ref)  # already gone: still done


def test_a_repeat_that_misses_the_first_post_still_makes_no_second(
    account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    post, key = Outgoing("exactly once"), IdempotencyKey.new()
    first = account.adapter().publish(post, key)
    before = len(account.posts())
    # A second worker's look-up misses the post (as in a race); the PDS then refuses the
    # record key in use (with a 500) and the adapter finds the first post by reading back.
    second = account.adapter()
    look_up = second._get
    calls: list[str] = []

    def blind_once(did: str, rkey: str) -> object:
        calls.append(rkey)
        return None if len(calls) == 1 else look_up(did, rkey)

    monkeypatch.setattr(second, "_get", blind_once)
    assert second.publish(post, key) == first
    assert len(calls) == 2
    assert len(account.posts()) == before


def test_a_wrong_password_is_an_auth_error(account: Account) -> None:
    with pytest.raises(AuthError, match="Invalid identifier or password"):
        account.adapter(password="wrong-password").validate()


def test_a_revoked_app_password_is_an_auth_error(bluesky_pds: Pds) -> None:
    owner = bluesky_pds.account()
    owner.xrpc("com.atproto.server.revokeAppPassword", name="socialplan").raise_for_status()
    with pytest.raises(AuthError):
        owner.adapter().publish(Outgoing("after revoking"), IdempotencyKey.new())
    assert owner.posts() == []


class _Counting(httpx.HTTPTransport):
    """The real transport, counting the requests that go through it."""

    sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return super().handle_request(request)


@pytest.mark.parametrize("text", ["a" * 301, "س" * 150 + " " + "ل" * 150, "กี้" * 301])
def test_too_long_is_refused_before_any_request(account: Account, text: str) -> None:
    transport = _Counting()
    adapter: BlueskyAdapter = account.adapter(transport=transport)
    with pytest.raises(RejectedError, match="301 characters"):
        adapter.publish(Outgoing(text), IdempotencyKey.new())
    assert transport.sent == 0
