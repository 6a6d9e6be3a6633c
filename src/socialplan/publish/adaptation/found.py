"""What the draft checks read and say: a variant, and findings of the catalogue's rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from socialplan.publish.capabilities import Capabilities
from socialplan.publish.networks import adapter_class
from socialplan.rules.base import Severity
from socialplan.rules.finding import Finding
from socialplan.rules.registry import find_rule


@dataclass(frozen=True)
class DraftImage:
    """An image of a draft as the checks read it: what it is, never its bytes."""

    #: How people know it (its file name), for findings about it.
    name: str
    mime: str
    size: int
    alt: str = ""


@dataclass(frozen=True)
class Variant:
    """One channel's version of a draft, as the checks read it."""

    network: str
    account: str
    text: str
    #: The local day it goes out on, where it has a time.
    day: dt.date | None = None
    #: Other posts already scheduled on this channel on that day.
    planned_that_day: int = 0
    #: The post's images, in their order.
    images: tuple[DraftImage, ...] = ()
    #: The post's content pillar, by its name in the strategy; empty when it has none.
    pillar: str = ""
    #: The pillars of the channel's other posts in the window that ends on *day* (counted only
    #: where the post has a day), by name; an empty name counts posts without a pillar.
    pillars_around: Mapping[str, int] = field(default_factory=dict)
    #: What the channel's own account accepts, where it differs from the network's defaults
    #: (a Mastodon server's own length); None: the network's, as its adapter declares them.
    capabilities: Capabilities | None = None
    #: Whether the images can be given an address the network fetches them from (the app has
    #: a public address), for networks that fetch images themselves (Instagram).
    images_fetchable: bool = True


def capabilities(network: str) -> Capabilities:
    """What *network* accepts, as its adapter declares it."""
    return adapter_class(network).capabilities


def capabilities_of(variant: Variant) -> Capabilities:
    """What *variant*'s channel accepts: its own account's limits where known."""
    return variant.capabilities or capabilities(variant.network)


def finding(
    code: str, severity: Severity | None, message: str, fix: str, **args: object
) -> Finding:
    """A finding of the catalogue's rule *code*; with the rule's severity unless one is given."""
    rule = find_rule(code)
    if rule is None:
        raise LookupError(f"no rule {code} in the catalogue")
    return Finding(
        code=rule.code,
        name=rule.name,
        mistakes=rule.mistakes,
        severity=severity or rule.severity,
        scope=rule.scope,
        file="",
        path="",
        line=None,
        column=None,
        message=message,
        fix=fix,
        args=args,
    )


def blocking(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that keep a post from review, approval and scheduling."""
    return [f for f in findings if f.severity is Severity.ERROR]
