"""SE307 content.forbidden: brand posts and replies with content the policy forbids."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from socialplan.i18n import N_
from socialplan.measure.cadence import ROW, Row
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

REVIEW = N_(
    "{count} brand posts or replies on {network} may touch on forbidden content and "
    "need a human review"
)
REVIEW_FIX = N_(
    "have someone who knows the policy read them, and correct or remove those that break it"
)


@register
class Forbidden(EvidenceRule):
    """Brand items whose text falls in a forbidden category, and those that need a review."""

    code = "SE307"
    name = "content.forbidden"
    title = N_("Forbidden content published")
    mistakes = ("M18",)
    severity = Severity.ERROR
    options = (
        Option(
            "review",
            True,
            N_("Also list the items the text analysis was unsure about, for a human to read."),
        ),
        Option("examples", 5, N_("How many items a finding quotes."), minimum=1),
    )
    message = N_(
        "{count} brand posts or replies on {network} contain content the policy "
        "forbids: {categories}"
    )
    fix = N_(
        "remove or correct them, apologise where someone was hurt, and have posts checked "
        "against the policy before they go out"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Per network, the brand items in a forbidden category, then those flagged for review."""
        policy = evidence.strategy.policy
        banned = set(policy.forbidden) if policy is not None and policy.forbidden else None
        items = evidence.items
        brand = items.filter(items.author_kind == "brand")
        brand = brand.mutate(review=brand.review.fill_null(False))
        # Only items with a category or a review flag can be reported; the engine drops the rest.
        flagged = brand.filter((brand.forbidden.length().fill_null(0) > 0) | brand.review)
        rows = (
            flagged.select(*ROW, "forbidden", "review")
            .order_by(["created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        hits: dict[str, list[Row]] = {}
        unsure: dict[str, list[Row]] = {}
        categories: dict[str, set[str]] = {}
        for row in rows:
            network = str(row["network"])
            found = {str(c) for c in row["forbidden"] or []}
            if banned is not None:
                found &= banned
            if found:
                hits.setdefault(network, []).append(row)
                categories.setdefault(network, set()).update(found)
            elif row["review"] and self.settings["review"]:
                unsure.setdefault(network, []).append(row)
        for network, found_rows in sorted(hits.items()):
            yield self._finding(
                evidence, network, found_rows, categories=", ".join(sorted(categories[network]))
            )
        for network, found_rows in sorted(unsure.items()):
            yield self._finding(evidence, network, found_rows, REVIEW, REVIEW_FIX)

    def _finding(
        self,
        evidence: Evidence,
        network: str,
        rows: list[Row],
        message: str = "",
        fix: str = "",
        **args: Any,
    ) -> Violation:
        """One finding on one network, quoting the earliest items."""
        index = evidence.channel_index(network)
        return self.found(
            ("channels", index) if index is not None else (),
            message or None,
            fix or None,
            exhibits=[exhibit(r) for r in rows[: self.settings["examples"]]],
            count=len(rows),
            network=NETWORKS[network].label if network in NETWORKS else network,
            **args,
        )
