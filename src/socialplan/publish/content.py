"""What goes out to a network and what comes back: plain values every adapter shares."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

_KEY_VALUE = re.compile(r"[A-Za-z0-9._:-]{1,128}")


@dataclass(frozen=True)
class IdempotencyKey:
    """Names one post on one channel across every attempt to publish it.

    The publisher makes it once, stores it with the post, and passes the same key to every
    attempt. Networks that honour keys then publish the post at most once.
    """

    #: Sent to networks that take a key as is (Mastodon's ``Idempotency-Key`` header).
    value: str
    #: When the key was made: Bluesky record keys are timestamps, so the key must carry one.
    issued_at: dt.datetime

    def __post_init__(self) -> None:
        if not _KEY_VALUE.fullmatch(self.value):
            raise ValueError("an idempotency key is 1-128 letters, digits or ._:-")
        if self.issued_at.tzinfo is None:
            raise ValueError("an idempotency key's time must carry its time zone")

    @classmethod
    def new(cls, now: dt.datetime | None = None) -> IdempotencyKey:
        """A fresh key, issued now."""
        return cls(uuid.uuid4().hex, now or dt.datetime.now(dt.UTC))


@dataclass(frozen=True)
class Image:
    """One image to attach, with the text that describes it to people who cannot see it."""

    data: bytes = field(repr=False)
    mime: str
    alt: str = ""
    #: Where the network can fetch it (an ``https`` address), for networks that fetch images
    #: themselves (Instagram) rather than take them uploaded; kept out of ``repr``, since such
    #: an address lets anyone who has it see the image.
    url: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Outgoing:
    """A post as it leaves for one network, already adapted to it."""

    text: str
    images: tuple[Image, ...] = ()
    #: The language of the text (``fa``, ``th``), where the network can label posts with it.
    language: str | None = None


@dataclass(frozen=True)
class Published:
    """A post that exists on a network."""

    #: The network's own id for the post: enough to read it back or delete it.
    ref: str
    #: Where people see it, where the network has such a page.
    url: str | None = None
    published_at: dt.datetime | None = None


@dataclass(frozen=True)
class AccountInfo:
    """The account a set of credentials speaks for."""

    id: str
    handle: str
    display_name: str = ""
    url: str | None = None
