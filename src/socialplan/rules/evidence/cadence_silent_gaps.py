"""SE203 cadence.silent_gaps: long silences between the brand's posts on a network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.measure.cadence import Gap, Row, at, posts_on, silent_gaps, until
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Exhibit, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

#: How many of the longest gaps a finding names with their dates.
NAMED = 3


@register
class SilentGaps(EvidenceRule):
    """Gaps between consecutive brand posts on a network longer than the allowed silence."""

    code = "SE203"
    name = "cadence.silent_gaps"
    title = N_("Long silences between posts")
    mistakes = ("M12",)
    severity = Severity.WARNING
    options = (
        Option(
            "max_gap_days",
            21,
            N_("The longest silence allowed between two posting days, in days."),
            minimum=1,
        ),
        Option(
            "examples",
            5,
            N_("How many posts a finding quotes: the last before and first after each gap."),
            minimum=1,
        ),
    )
    message = N_(
        "silences of more than {limit} days between the brand's posts on {network}: {count}; "
        "the longest lasted {days} days; the longest ones: {periods}"
    )
    fix = N_(
        "plan the posts of the quiet periods ahead in the editorial calendar, and keep a few "
        "evergreen posts ready for the weeks nobody has time"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Report each network's gaps above the limit, longest first, with their edge posts."""
        limit: int = self.settings["max_gap_days"]
        for network, gaps in sorted(
            silent_gaps(until(evidence.items, evidence.today), longer_than=limit).items()
        ):
            named = gaps[:NAMED]
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=self._edges(evidence, network, named),
                count=len(gaps),
                limit=limit,
                network=NETWORKS[network].label if network in NETWORKS else network,
                days=named[0].days,
                periods=", ".join(f"{g.after.isoformat()} – {g.before.isoformat()}" for g in named),
            )

    def _edges(self, evidence: Evidence, network: str, gaps: list[Gap]) -> list[Exhibit]:
        """The last post before and the first post after each gap, longest gap first."""
        days = {d for g in gaps for d in (g.after, g.before)}
        rows = posts_on(evidence.items, network, sorted(days))
        last: dict[dt.date, Row] = {}
        first: dict[dt.date, Row] = {}
        for row in rows:
            day = at(row).date()
            last[day] = row
            first.setdefault(day, row)
        edges = [exhibit(r) for g in gaps for r in (last[g.after], first[g.before])]
        return edges[: self.settings["examples"]]
