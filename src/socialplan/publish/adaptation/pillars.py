"""SE313 before publishing: the post's content pillar against the channel plan's mix.

A channel whose plan has pillars expects each post to belong to one of them, and each pillar to
keep near its share: counted over the channel's posts of the window that ends on the post's
day, this post included, a pillar may go the rule's tolerance above its share once there are
enough posts to judge (one post alone never trips it).
"""

from __future__ import annotations

import datetime as dt

from socialplan.i18n import N_
from socialplan.publish.adaptation.found import Variant, capabilities, finding
from socialplan.publish.adaptation.plan import planned_channel
from socialplan.rules.evidence.content_off_mix import DAYS, MIN_POSTS, TOLERANCE, planned_share
from socialplan.rules.finding import Finding
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.channels import Pillar

CODE = "SE313"
#: The window the calendar's mix is counted over: these days, ending on the post's day.
WINDOW = dt.timedelta(days=DAYS)
NO_PILLAR = N_(
    "the post has no content pillar; the channel plan of {network} {account} has: {pillars}"
)
NO_PILLAR_FIX = N_("choose the pillar the post belongs to, so that the calendar keeps to the mix")
UNPLANNED = N_("the pillar {pillar} is not in the channel plan of {network} {account}: {pillars}")
UNPLANNED_FIX = N_("choose one of the channel's pillars, or add this one to its plan")
ABOVE_SHARE = N_(
    "with this post, {count} of the {total} posts on {network} {account} in the {days} days up "
    "to {day} are {pillar} ({percent}%); the channel plan gives it {planned}%"
)
ABOVE_SHARE_FIX = N_(
    "give this post another pillar or another week, or change the pillar's share in the plan"
)


def planned_pillars(strategy: Strategy | None, network: str, account: str) -> list[Pillar]:
    """The pillars the channel plan gives *account* on *network*; none where it is not planned."""
    channel = planned_channel(strategy, network, account)
    return list(channel.pillars) if channel is not None else []


def same_pillar(name: str, other: str) -> bool:
    """Whether two pillar names are one, as people type them (case and spaces aside)."""
    return name.strip().casefold() == other.strip().casefold()


def pillars(variant: Variant, strategy: Strategy | None) -> list[Finding]:
    """Whether the post has one of the channel's pillars, and that pillar's share with it."""
    channel = planned_channel(strategy, variant.network, variant.account)
    if channel is None or not channel.pillars:
        return []
    where = {"network": capabilities(variant.network).label, "account": variant.account}
    names = ", ".join(p.name for p in channel.pillars)
    if not variant.pillar.strip():
        return [finding(CODE, None, NO_PILLAR, NO_PILLAR_FIX, pillars=names, **where)]
    chosen = next((p for p in channel.pillars if same_pillar(p.name, variant.pillar)), None)
    if chosen is None:
        return [
            finding(
                CODE, None, UNPLANNED, UNPLANNED_FIX, pillar=variant.pillar, pillars=names, **where
            )
        ]
    if variant.day is None:
        return []
    around = variant.pillars_around
    total = sum(around.values()) + 1
    count = sum(n for name, n in around.items() if same_pillar(name, chosen.name)) + 1
    planned = planned_share(channel, name=chosen.name)
    percent = 100 * count / total
    if total < MIN_POSTS or percent <= planned + TOLERANCE:
        return []
    return [
        finding(
            CODE,
            None,
            ABOVE_SHARE,
            ABOVE_SHARE_FIX,
            count=count,
            total=total,
            days=DAYS,
            day=variant.day.isoformat(),
            pillar=chosen.name,
            percent=round(percent),
            planned=f"{round(planned, 1):g}",
            **where,
        )
    ]
