"""The adapter contract: the registry, capabilities read from one place, keys, waits, sizes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from tests.conftest import ROOT

from socialplan.i18n import catalogue
from socialplan.publish.capabilities import Capabilities, graphemes
from socialplan.publish.checks import problems
from socialplan.publish.content import IdempotencyKey, Image, Outgoing
from socialplan.publish.errors import RejectedError, RetryableError
from socialplan.publish.networks import ADAPTERS, adapter_class
from socialplan.publish.networks.base import Adapter
from socialplan.publish.ratelimit import retry_after
from socialplan.strategy.networks import NETWORKS

PUBLISH = ROOT / "src" / "socialplan" / "publish"
NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("network", sorted(ADAPTERS))
def test_every_registered_adapter_keeps_the_contract(network: str) -> None:
    cls = adapter_class(network)
    assert issubclass(cls, Adapter)
    assert cls.network == network == cls.capabilities.network
    assert network in NETWORKS
    assert (PUBLISH / "networks" / network).is_dir()
    caps = cls.capabilities
    if caps.findable_by_key:
        assert cls.find_by_key is not Adapter.find_by_key
    assert caps.max_images == 0 or (caps.image_types and caps.max_image_bytes > 0)


def test_limits_the_rules_know_are_written_once() -> None:
    own = {f.name for f in dataclasses.fields(Capabilities)}
    assert not own & {"max_length", "max_hashtags", "clickable_links", "daily_ceiling", "label"}
    for network in ADAPTERS:
        caps, info = adapter_class(network).capabilities, NETWORKS[network]
        assert (caps.max_length, caps.max_hashtags) == (info.max_length, info.max_hashtags)
        assert (caps.clickable_links, caps.daily_ceiling) == (
            info.clickable_links,
            info.daily_ceiling,
        )
        assert caps.label == info.label


def test_unknown_networks_have_no_adapter() -> None:
    with pytest.raises(KeyError):
        adapter_class("myspace")


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("hello", 5), ("สวัสดีครับ", 7), ("سلام دنیا", 9), ("👨‍👩‍👧 é", 3), ("🇮🇷🇹🇭", 2)],
)
def test_graphemes_are_what_people_see(text: str, count: int) -> None:
    assert graphemes(text) == count


def test_problems_lists_every_reason_at_once() -> None:
    caps = adapter_class("bluesky").capabilities
    post = Outgoing("x" * 301, images=(Image(b"1", "image/bmp"),) * 5)
    found = problems(caps, post)
    assert [type(p) for p in found] == [RejectedError] * 7
    assert "301" in found[0].render()
    assert problems(caps, Outgoing("fine", images=(Image(b"1", "image/png", "alt"),))) == []


def test_messages_render_in_any_language() -> None:
    error = problems(adapter_class("mastodon").capabilities, Outgoing("x" * 501))[0]
    assert error.render() == "the text is 501 characters long; Mastodon takes at most 500"
    for lang in ("fa", "th", "zh", "el", "vi"):
        assert "501" in error.render(catalogue(lang))


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "120"}, 120.0),
        ({"retry-after": "-5"}, 0.0),
        ({"retry-after": "Mon, 02 Nov 2026 09:31:00 GMT"}, 60.0),
        ({"retry-after": "Mon, 02 Nov 2026 09:29:00 GMT"}, 0.0),
        ({"x-ratelimit-reset": "2026-11-02T09:35:00.000000Z"}, 300.0),
        ({"ratelimit-reset": str(int(NOW.timestamp()) + 90)}, 90.0),
        ({"ratelimit-reset": "45"}, 45.0),
        ({"retry-after": "soon", "ratelimit-reset": "45"}, 45.0),
        ({"retry-after": "nan"}, None),
        ({}, None),
    ],
)
def test_retry_after_reads_every_form(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after(headers, now=NOW) == seconds


def test_retryable_errors_carry_the_wait() -> None:
    assert RetryableError("{network}", network="X", retry_after=3.0).retry_after == 3.0


@pytest.mark.parametrize(
    ("value", "issued_at"),
    [("", NOW), ("has space", NOW), ("x" * 129, NOW), ("ok", NOW.replace(tzinfo=None))],
)
def test_idempotency_keys_are_header_safe_and_timed(value: str, issued_at: dt.datetime) -> None:
    with pytest.raises(ValueError, match="idempotency key"):
        IdempotencyKey(value, issued_at)


def test_new_keys_are_fresh() -> None:
    first, second = IdempotencyKey.new(), IdempotencyKey.new()
    assert first.value != second.value
    assert first.issued_at.tzinfo is not None


def test_images_keep_their_bytes_out_of_reprs() -> None:
    assert "\\x89" not in repr(Image(b"\x89PNG" * 1000, "image/png", "alt"))


def _modules() -> list[Path]:
    return sorted(PUBLISH.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PUBLISH)))
def test_publish_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 180, f"{path.name} has {lines} lines; split it by reason"
