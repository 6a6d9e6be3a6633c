"""SP718 channel.no_kpis: a channel has no KPI, or one that is not defined."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS

UNKNOWN = N_("{network} {account} names the KPI {kpi}, which is not defined under metrics.kpis")
UNKNOWN_FIX = N_(
    "define {kpi} in metrics.kpis with a baseline and quarterly targets, or "
    "correct the id to one that is defined"
)


@register
class ChannelNoKpis(PlanRule):
    """A channel without the figures that tell whether it works."""

    code = "SP718"
    name = "channel.no_kpis"
    title = N_("Channel without KPIs")
    mistakes = ("M12",)
    severity = Severity.WARNING
    message = N_("{network} {account} names no KPI to judge it by")
    fix = N_("list the KPIs this channel should move, by their id in metrics.kpis")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report channels without KPIs, and KPI ids that are not defined."""
        defined = {kpi.id for kpi in strategy.metrics.kpis} if strategy.metrics else set()
        for index, channel in enumerate(strategy.channels):
            network = NETWORKS[channel.network].label
            if not channel.kpis:
                # An empty list is still written in the document, so point at it.
                yield self.found(
                    key_path(("channels", index), channel, "kpis"),
                    network=network,
                    account=channel.account,
                )
                continue
            # Without any KPIs every id is unknown; the metrics rules report that once.
            if not defined:
                continue
            for number, kpi in enumerate(channel.kpis):
                if kpi not in defined:
                    yield self.found(
                        ("channels", index, "kpis", number),
                        UNKNOWN,
                        UNKNOWN_FIX,
                        network=network,
                        account=channel.account,
                        kpi=kpi,
                    )
