"""SE201 cadence.above_ceiling: days on which the brand posted more than its network bears."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.measure.cadence import daily_counts, posts_on_days, until
from socialplan.rules.audit import Evidence, exhibit, first_rows
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


@register
class PostsAboveCeiling(EvidenceRule):
    """The brand's posts on a network exceeded the network's daily ceiling on some days."""

    code = "SE201"
    name = "cadence.above_ceiling"
    title = N_("Posting more than the network bears")
    mistakes = ("M22",)
    severity = Severity.WARNING
    options = (
        Option(
            "ceilings",
            {},
            N_(
                "Posts per day allowed per network, overriding the built-in ceilings, "
                "for example x = 20."
            ),
        ),
        Option("examples", 5, N_("How many posts of the worst day a finding quotes."), minimum=1),
    )
    message = N_(
        "brand posts on {network} went above the daily ceiling of {ceiling}; days over it: "
        "{days}; the worst was {day}, with {worst} posts"
    )
    fix = N_(
        "post less and better: at most {ceiling} a day on {network}, spread over the hours "
        "the audience is online"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Count each network's days above its ceiling and quote the worst day's posts."""
        overrides: dict[str, float] = self.settings["ceilings"]
        items = until(evidence.items, evidence.today)
        found: dict[str, tuple[float, dict[dt.date, int]]] = {}
        for network, days in sorted(daily_counts(items).items()):
            info = NETWORKS.get(network)
            ceiling = overrides.get(network, info.daily_ceiling if info else None)
            if ceiling is None:
                continue
            over = {day: posts for day, posts in days.items() if posts > ceiling}
            if over:
                found[network] = (ceiling, over)
        if not found:
            return
        # The worst day; the earliest of equally bad days.
        worst = {n: min(over, key=lambda day: (-over[day], day)) for n, (_, over) in found.items()}
        quoted = first_rows(
            posts_on_days(items, {network: [day] for network, day in worst.items()}),
            self.settings["examples"],
        )
        for network, (ceiling, over) in found.items():
            info = NETWORKS.get(network)
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(row) for row in quoted.get(network, [])],
                ceiling=f"{ceiling:g}",
                network=info.label if info else network,
                days=len(over),
                worst=over[worst[network]],
                day=worst[network].isoformat(),
            )
