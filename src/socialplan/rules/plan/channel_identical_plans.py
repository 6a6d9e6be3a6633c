"""SP713 channel.identical_plans: several networks get exactly the same plan."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Channel, Strategy
from socialplan.strategy.networks import NETWORKS

#: Pillars (name, kind, share), formats and posts per day: what a channel plans to post.
Plan = tuple[tuple[tuple[str, str, float], ...], frozenset[str], float | None]


def content_plan(channel: Channel) -> Plan | None:
    """What *channel* plans to post, in a form that compares equal across channels."""
    if not (channel.pillars or channel.formats or channel.cadence):
        # Nothing is planned yet; the rules for missing pillars and cadence report that.
        return None
    pillars = tuple(sorted((p.name.casefold(), p.kind, p.share) for p in channel.pillars))
    # 1 post a day and 7 a week are the same rhythm, so compare posts per day.
    cadence = None if channel.cadence is None else round(channel.cadence.per_day(), 6)
    return pillars, frozenset(channel.formats), cadence


@register
class IdenticalPlans(PlanRule):
    """Channels on different networks with the same pillars, formats and cadence."""

    code = "SP713"
    name = "channel.identical_plans"
    title = N_("Every network treated the same")
    mistakes = ("M13",)
    severity = Severity.WARNING
    message = N_(
        "{network} {account} has the same pillars, formats and cadence as "
        "{first_network} {first_account}"
    )
    fix = N_(
        "adapt the plan to {network}: the formats, length and rhythm its audience expects "
        "and what they come there for"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each channel whose plan repeats an earlier channel's on another network."""
        earlier: list[tuple[Channel, Plan]] = []
        for index, channel in enumerate(strategy.channels):
            plan = content_plan(channel)
            if plan is None:
                continue
            # Two accounts on one network may share a plan; the mistake is across networks.
            first = next(
                (
                    other
                    for other, seen in earlier
                    if seen == plan and other.network != channel.network
                ),
                None,
            )
            earlier.append((channel, plan))
            if first is not None:
                yield self.found(
                    ("channels", index),
                    network=NETWORKS[channel.network].label,
                    account=channel.account,
                    first_network=NETWORKS[first.network].label,
                    first_account=first.account,
                )
