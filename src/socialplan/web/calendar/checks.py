"""The draft checks of the library, fed from the calendar: each variant's findings.

The checks themselves live in :mod:`socialplan.publish.adaptation`; this module gathers what
they read (the current strategy, the local day, the posts already scheduled that day on each
channel) and puts the findings in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from socialplan.errors import InputError
from socialplan.i18n import Catalogue
from socialplan.publish.adaptation import Variant, blocking, check_draft
from socialplan.rules.base import SEVERITY_LABELS
from socialplan.rules.finding import Finding
from socialplan.rules.reporters import FIX_LABEL
from socialplan.strategy.load import parse_strategy
from socialplan.strategy.model import Strategy
from socialplan.web.calendar.models import Channel, Post, PostState
from socialplan.web.calendar.when import day_span, to_local, zone_of
from socialplan.web.strategy import revisions
from socialplan.web.strategy.findings import rule_url
from socialplan.web.workspaces.models import Workspace

#: Posts that count toward a day's cadence: those that will go out, or went out.
COUNTED = (PostState.SCHEDULED, PostState.PUBLISHING, PostState.PUBLISHED, PostState.UNCONFIRMED)


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
        )
        for channel, own in draft.variants
    ]
    return check_draft(variants, draft.language or None, strategy_of(draft.workspace))


def _scheduled_on(channel: Channel, day: dt.date, draft: Draft) -> int:
    """Other posts scheduled (or gone out) on *channel* on the local *day*."""
    start, end = day_span(day, day, zone_of(draft.workspace))
    posts = Post.objects.filter(
        deliveries__channel=channel,
        publish_at__gte=start,
        publish_at__lt=end,
        state__in=COUNTED,
    )
    if draft.post_id is not None:
        posts = posts.exclude(pk=draft.post_id)
    return posts.distinct().count()


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
