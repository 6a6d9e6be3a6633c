"""The draft checks of the library, fed from the calendar: each variant's findings.

The checks themselves live in :mod:`socialplan.publish.adaptation`; this module gathers what
they read (the current strategy, the local day, the posts already scheduled that day on each
channel, the pillars of each channel's posts around it, the post's images, each channel's own
limits, whether images can be given a public address) and puts the findings in the reader's
language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, QuerySet

from socialplan.errors import InputError
from socialplan.i18n import Catalogue
from socialplan.publish.adaptation import DraftImage, Variant, blocking, check_draft
from socialplan.publish.adaptation.pillars import WINDOW, planned_pillars
from socialplan.rules.base import SEVERITY_LABELS
from socialplan.rules.finding import Finding
from socialplan.rules.reporters import FIX_LABEL
from socialplan.strategy.load import parse_strategy
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.channels import Pillar
from socialplan.web.calendar import channel_limits, public_images
from socialplan.web.calendar.models import Channel, Post, PostState
from socialplan.web.calendar.when import day_span, to_local, zone_of
from socialplan.web.strategy import revisions
from socialplan.web.strategy.findings import rule_url
from socialplan.web.workspaces.models import Workspace

#: Posts that count toward a day's cadence: those that will go out, or went out.
COUNTED = (PostState.SCHEDULED, PostState.PUBLISHING, PostState.PUBLISHED, PostState.UNCONFIRMED)
#: Posts that count toward a channel's content mix: also those on their way to be scheduled.
IN_THE_MIX = (PostState.IN_REVIEW, PostState.APPROVED, *COUNTED)


@dataclass(frozen=True)
class Draft:
    """A post as typed or stored: one text, and the channels it goes to with their own texts."""

    workspace: Workspace
    text: str
    language: str
    publish_at: dt.datetime | None
    variants: Sequence[tuple[Channel, str]]
    #: The stored post this is (its own posts do not count against its day), if any.
    post_id: int | None = None
    #: Its content pillar, by name; empty when it has none.
    pillar: str = ""
    #: Its images (they go to every channel), in their order.
    images: Sequence[DraftImage] = ()


@dataclass(frozen=True)
class ShownCheck:
    """A finding as the editor shows it: its rule and mistakes, message and fix translated."""

    code: str
    name: str
    mistakes: tuple[str, ...]
    severity: str
    severity_label: str
    message: str
    fix: str
    fix_label: str
    url: str


@dataclass(frozen=True)
class VariantChecks:
    """What is shown next to one variant: its channel and its findings."""

    channel: Channel
    findings: list[ShownCheck]
    blocked: bool


def show(finding: Finding, cat: Catalogue) -> ShownCheck:
    """*finding* in the catalogue's language, linked to its rule's page."""
    return ShownCheck(
        code=finding.code,
        name=finding.name,
        mistakes=finding.mistakes,
        severity=finding.severity.value,
        severity_label=cat.gettext(SEVERITY_LABELS[finding.severity]),
        message=finding.text(cat),
        fix=finding.fix_text(cat),
        fix_label=cat.gettext(FIX_LABEL),
        url=rule_url(finding.code),
    )


def strategy_of(workspace: Workspace) -> Strategy | None:
    """The workspace's current strategy, or None where it has none (or it no longer loads)."""
    revision = revisions.current(workspace)
    if revision is None:
        return None
    return _parsed(revision.pk, revision.text)


@lru_cache(maxsize=16)
def _parsed(revision_id: int, text: str) -> Strategy | None:
    """A revision's document; revisions never change, so each is parsed once per process."""
    del revision_id  # part of the cache key only
    try:
        return parse_strategy(text, revisions.DOCUMENT_NAME).document
    except InputError:
        return None


def pillars_by_channel(
    workspace: Workspace, channels: Sequence[Channel]
) -> dict[int, list[Pillar]]:
    """The pillars the current strategy plans for each of *channels*, by channel id."""
    strategy = strategy_of(workspace)
    return {c.pk: planned_pillars(strategy, c.network, c.handle) for c in channels}


def findings_of(draft: Draft) -> list[list[Finding]]:
    """The library's findings for each variant of *draft*, in its order."""
    zone = zone_of(draft.workspace)
    day = to_local(draft.publish_at, zone).date() if draft.publish_at else None
    variants = [
        Variant(
            network=channel.network,
            account=channel.handle,
            text=own or draft.text,
            day=day,
            planned_that_day=_scheduled_on(channel, day, draft) if day else 0,
            images=tuple(draft.images),
            pillar=draft.pillar,
            pillars_around=_pillars_around(channel, day, draft) if day else {},
            capabilities=channel_limits.capabilities(channel),
            images_fetchable=public_images.configured(),
        )
        for channel, own in draft.variants
    ]
    return check_draft(variants, draft.language or None, strategy_of(draft.workspace))


def _scheduled_on(channel: Channel, day: dt.date, draft: Draft) -> int:
    """Other posts scheduled (or gone out) on *channel* on the local *day*."""
    return _other_posts(channel, day, day, COUNTED, draft).distinct().count()


def _pillars_around(channel: Channel, day: dt.date, draft: Draft) -> Mapping[str, int]:
    """The pillars of *channel*'s other posts in the window that ends on the local *day*."""
    posts = _other_posts(channel, day - WINDOW + dt.timedelta(days=1), day, IN_THE_MIX, draft)
    # One delivery per post and channel: the join counts each post once.
    counted = posts.order_by().values("pillar").annotate(posts=Count("pk"))
    return {row["pillar"]: row["posts"] for row in counted}


def images_of(post: Post) -> list[DraftImage]:
    """What the checks read of *post*'s images (never their bytes)."""
    return [
        DraftImage(name=i.name, mime=i.mime, size=i.size, alt=i.alt)
        for i in post.images.only("name", "mime", "size", "alt", "position")
    ]


def stored(post: Post) -> Draft:
    """The saved post as a draft to check."""
    deliveries = post.deliveries.select_related("channel").order_by("channel__network", "pk")
    return Draft(
        workspace=post.workspace,
        text=post.text,
        language=post.language,
        publish_at=post.publish_at,
        variants=[(d.channel, d.text) for d in deliveries],
        post_id=post.pk,
        pillar=post.pillar,
        images=images_of(post),
    )


def blocking_findings(draft: Draft) -> list[Finding]:
    """Every error-level finding of *draft*: each keeps it from review and scheduling."""
    return [f for found in findings_of(draft) for f in blocking(found)]


def shown(
    draft: Draft, cat: Catalogue, found: list[list[Finding]] | None = None
) -> list[VariantChecks]:
    """Each variant's findings (*found*, or checked now) in the catalogue's language."""
    found = findings_of(draft) if found is None else found
    return [
        VariantChecks(
            channel=channel,
            findings=[show(f, cat) for f in findings],
            blocked=bool(blocking(findings)),
        )
        for (channel, _own), findings in zip(draft.variants, found, strict=True)
    ]


def _other_posts(
    channel: Channel, first: dt.date, last: dt.date, states: Iterable[str], draft: Draft
) -> QuerySet[Post]:
    """*channel*'s posts in *states* from local day *first* to *last*, the draft's own aside."""
    start, end = day_span(first, last, zone_of(draft.workspace))
    posts = Post.objects.filter(
        deliveries__channel=channel, publish_at__gte=start, publish_at__lt=end, state__in=states
    )
    return posts.exclude(pk=draft.post_id) if draft.post_id is not None else posts
