"""SE312 conversation.marketing_only: only marketing ever answers; customer service never does."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

#: What the brand writes in answer to someone: replies, comments and direct messages.
REPLY_KINDS = ("reply", "comment", "message")


def owners(strategy: Strategy) -> dict[str, str]:
    """The department of each registry account's owner, by ``network:handle``."""
    people = (
        {p.name.casefold(): p.department for p in strategy.team.people} if strategy.team else {}
    )
    found = {}
    for account in strategy.accounts or []:
        department = people.get((account.owner or "").strip().casefold())
        if department is not None:
            found[f"{account.network}:{account.handle.strip().lstrip('@').lower()}"] = department
    return found


@register
class MarketingOnly(EvidenceRule):
    """Every brand reply came from accounts that marketing or content people own."""

    code = "SE312"
    name = "conversation.marketing_only"
    title = N_("Only marketing answers customers")
    mistakes = ("M10",)
    severity = Severity.INFO
    options = (
        Option(
            "min_replies",
            5,
            N_("With fewer brand replies than this, the rule does not judge."),
            minimum=1,
        ),
        Option(
            "departments",
            ("marketing", "content"),
            N_("Departments that speak for the brand but do not serve customers."),
        ),
        Option("examples", 5, N_("How many replies a finding quotes."), minimum=1),
    )
    message = N_(
        "all {count} brand replies came from accounts run by {departments}; customer "
        "service never answered"
    )
    fix = N_(
        "give customer service a seat on the channels, or a clear hand-over from marketing "
        "for questions and complaints"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Count brand replies per account in the engine and look up each account's owner."""
        strategy = evidence.strategy
        if strategy.team is None or not strategy.accounts:
            return
        items = evidence.items
        replies = items.filter((items.author_kind == "brand") & items.kind.isin(REPLY_KINDS))
        counts = replies.group_by("account_id").aggregate(n=replies.count())
        rows = counts.to_pyarrow().to_pylist()
        total = sum(int(r["n"]) for r in rows)
        if total < self.settings["min_replies"]:
            return
        known = owners(strategy)
        departments = [known.get(str(r["account_id"])) for r in rows]
        marketing = set(self.settings["departments"])
        if "customer_service" in departments or not all(d in marketing for d in departments):
            return
        shown = (
            replies.select("item_id", "account_id", "network", "created_at", "text")
            .order_by([replies.created_at.desc(), replies.item_id])
            .limit(self.settings["examples"])
            .to_pyarrow()
            .to_pylist()
        )
        yield self.found(
            ("team",),
            exhibits=[exhibit(r) for r in shown],
            count=total,
            departments=", ".join(sorted({str(d) for d in departments})),
        )
