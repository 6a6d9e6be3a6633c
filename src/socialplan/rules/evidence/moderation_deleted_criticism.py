"""SE311 moderation.deleted_criticism: critical comments deleted or hidden by the brand."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

ANY_ITEM = N_("the brand deleted or hid {count} comments from its audience on {network}")


@register
class DeletedCriticism(EvidenceRule):
    """Negative audience comments removed from view instead of answered."""

    code = "SE311"
    name = "moderation.deleted_criticism"
    title = N_("Criticism deleted or hidden")
    mistakes = ("M20",)
    severity = Severity.ERROR
    options = (
        Option(
            "any_item",
            False,
            N_("Report every deleted or hidden audience comment, not only the negative ones."),
        ),
        Option("examples", 5, N_("How many removed comments a finding quotes."), minimum=1),
    )
    message = N_("the brand deleted or hid {count} critical comments on {network}")
    fix = N_(
        "restore them and answer in public; hide only what the policy allows, such as "
        "spam, abuse or personal data, and never delete criticism"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Join removals to the removed audience items; drop those allowed or restored later."""
        events = evidence.table("moderation")
        removed = events.filter(events.action.isin(("deleted", "hidden")))
        restored = events.filter(events.action == "restored")
        restored = restored.group_by(back_id=restored.item_id).aggregate(back=restored.at.max())
        items = evidence.items
        audience = items.filter(items.author_kind == "audience")
        if not self.settings["any_item"]:
            audience = audience.filter(audience.sentiment.fill_null("") == "negative")
        joined = removed.join(audience, removed.item_id == audience.item_id)
        joined = joined.left_join(restored, joined.item_id == restored.back_id)
        kept = joined.filter(joined.back.isnull() | (joined.back < joined.at))
        rows = (
            kept.select(
                "item_id", "account_id", "network", "created_at", "text", "action", "reason"
            )
            .order_by(["network", "created_at", "item_id"])
            .to_pyarrow()
            .to_pylist()
        )
        policy = evidence.strategy.policy
        allowed = set(policy.criticism.hide_only_for) if policy and policy.criticism else set()
        by_network: dict[str, dict[str, dict[str, Any]]] = {}
        for row in rows:
            reason = str(row["reason"] or "").strip().lower().replace(" ", "_")
            if row["action"] == "hidden" and reason in allowed:
                continue
            by_network.setdefault(str(row["network"]), {}).setdefault(str(row["item_id"]), row)
        for network, found in sorted(by_network.items()):
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                ANY_ITEM if self.settings["any_item"] else None,
                exhibits=[exhibit(r) for r in list(found.values())[: self.settings["examples"]]],
                count=len(found),
                network=NETWORKS[network].label if network in NETWORKS else network,
            )
