"""SE207 automation.same_minute: brand posts that go out at the very same minute every day."""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator

import ibis.expr.types as ir

from socialplan.i18n import N_
from socialplan.measure.cadence import Row, brand_posts, until
from socialplan.rules.audit import Evidence, exhibit, first_rows
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

#: How many of the most repeated minutes a finding names.
NAMED = 3


@register
class SameMinute(EvidenceRule):
    """Brand posts on a network at the same hour and minute of day on many different days."""

    code = "SE207"
    name = "automation.same_minute"
    title = N_("Posts at the same minute every day")
    mistakes = ("M16",)
    severity = Severity.INFO
    options = (
        Option(
            "min_days",
            5,
            N_("Posts at one minute of the day on at least this many days are reported."),
            minimum=2,
        ),
        Option(
            "examples",
            5,
            N_("How many posts at the most repeated minute a finding quotes."),
            minimum=1,
        ),
    )
    message = N_(
        "brand posts on {network} went out at the very same minute, {time} UTC, on {days} "
        "different days; minutes of the day repeated like this: {slots}"
    )
    fix = N_(
        "let a person decide when each post goes out, by what the audience does and what "
        "happens that day, and check scheduled posts before they are sent"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Count the distinct days behind each network's minutes of the day."""
        posts = brand_posts(until(evidence.items, evidence.today))
        posts = posts.mutate(hour=posts.created_at.hour(), minute=posts.created_at.minute())
        slots = posts.group_by("network", "hour", "minute").aggregate(
            days=posts.created_at.date().nunique()
        )
        rows = slots.filter(slots.days >= self.settings["min_days"]).to_pyarrow().to_pylist()
        by_network: dict[str, list[tuple[int, int, int]]] = {}
        for row in rows:
            slot = (int(row["hour"]), int(row["minute"]), int(row["days"]))
            by_network.setdefault(str(row["network"]), []).append(slot)
        for found in by_network.values():
            found.sort(key=lambda s: (-s[2], s[0], s[1]))
        quoted = self._latest(posts, {n: found[0] for n, found in by_network.items()})
        for network, found in sorted(by_network.items()):
            hour, minute, days = found[0]
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in quoted.get(network, [])],
                network=NETWORKS[network].label if network in NETWORKS else network,
                time=f"{hour:02d}:{minute:02d}",
                days=days,
                slots=", ".join(f"{h:02d}:{m:02d}" for h, m, _ in found[:NAMED]),
            )

    def _latest(
        self, posts: ir.Table, slots: dict[str, tuple[int, int, int]]
    ) -> dict[str, list[Row]]:
        """Per network, the latest posts at its most repeated minute of the day."""
        if not slots:
            return {}
        at_slot = [
            (posts.network == network) & (posts.hour == hour) & (posts.minute == minute)
            for network, (hour, minute, _) in slots.items()
        ]
        chosen = posts.filter(functools.reduce(operator.or_, at_slot))
        return first_rows(chosen, self.settings["examples"], newest=True)
