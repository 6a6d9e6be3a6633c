"""SE205 and SE201 before publishing: the channel plan, its cadence and the network's ceiling."""

from __future__ import annotations

import math

from socialplan.i18n import N_
from socialplan.publish.adaptation.found import Variant, capabilities, finding
from socialplan.rules.base import Severity
from socialplan.rules.evidence.cadence_above_ceiling import PostsAboveCeiling
from socialplan.rules.finding import Finding
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.channels import Channel

OFF_PLAN, CEILING = "SE205", "SE201"
NOT_PLANNED = N_("{network} {account} is not in the strategy's channel plan")
NOT_PLANNED_FIX = N_("add the channel to the channel plan, or choose a channel the plan has")
ABOVE_PLAN = N_(
    "this would be post {count} on {network} {account} on {day}; the channel plan's cadence "
    "comes to at most {limit} a day"
)
ABOVE_PLAN_FIX = N_("move the post to another day, or change the channel plan's cadence")
ABOVE_CEILING = N_(
    "this would be post {count} on {network} on {day}; the network bears at most {ceiling} a day"
)


def plan(variant: Variant, strategy: Strategy | None) -> list[Finding]:
    """Whether the channel is planned, and the day's posts against its cadence and ceiling."""
    label = capabilities(variant.network).label
    found: list[Finding] = []
    planned = planned_channel(strategy, variant.network, variant.account)
    if strategy is not None and planned is None:
        found.append(
            finding(
                OFF_PLAN,
                Severity.WARNING,
                NOT_PLANNED,
                NOT_PLANNED_FIX,
                network=label,
                account=variant.account,
            )
        )
    if variant.day is None:
        return found
    count, day = variant.planned_that_day + 1, variant.day.isoformat()
    if planned is not None and planned.cadence is not None:
        # A weekly cadence still allows one post on the day it falls on.
        limit = max(1, math.ceil(planned.cadence.per_day()))
        if count > limit:
            found.append(
                finding(
                    OFF_PLAN,
                    Severity.WARNING,
                    ABOVE_PLAN,
                    ABOVE_PLAN_FIX,
                    count=count,
                    network=label,
                    account=variant.account,
                    day=day,
                    limit=limit,
                )
            )
    ceiling = capabilities(variant.network).daily_ceiling
    if count > ceiling:
        found.append(
            finding(
                CEILING,
                None,
                ABOVE_CEILING,
                PostsAboveCeiling.fix,
                count=count,
                network=label,
                day=day,
                ceiling=f"{ceiling:g}",
            )
        )
    return found


def planned_channel(strategy: Strategy | None, network: str, account: str) -> Channel | None:
    """The strategy's channel for *account* on *network*, if the plan has it."""
    if strategy is None:
        return None
    wanted = _handle(account)
    for channel in strategy.channels:
        if channel.network == network and _handle(channel.account) == wanted:
            return channel
    return None


def _handle(account: str) -> str:
    """An account as people write it in a plan: without @, case or a Mastodon server."""
    return account.strip().lstrip("@").lower().split("@", 1)[0]
