"""SP801 account.owner_overload: one person owns more accounts than anyone can run well."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class OwnerOverload(PlanRule):
    """A person owns more accounts than one person can look after."""

    code = "SP801"
    name = "account.owner_overload"
    title = N_("Too many accounts for one person")
    mistakes = ("M17",)
    severity = Severity.WARNING
    options = (Option("max_accounts", 4, N_("The most accounts one person may own."), minimum=1),)
    message = N_("{owner} owns {count} accounts; one person runs at most {limit} well")
    fix = N_("hand some of the accounts of {owner} to someone else, or close the ones nobody needs")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Count accounts per owner in the registry, or per channel owner without one."""
        # Without a registry, the channel plan is the only record of who runs what.
        if strategy.accounts is not None:
            part, owners = "accounts", [a.owner for a in strategy.accounts]
        else:
            part, owners = "channels", [c.owner for c in strategy.channels]
        first: dict[str, int] = {}
        counts: Counter[str] = Counter()
        for index, owner in enumerate(owners):
            if not owner:
                continue
            # Names are typed by hand: "Lan" and "lan" are the same person.
            key = owner.casefold()
            first.setdefault(key, index)
            counts[key] += 1
        limit: int = self.settings["max_accounts"]
        for key, index in first.items():
            if counts[key] > limit:
                yield self.found(
                    (part, index, "owner"), owner=owners[index], count=counts[key], limit=limit
                )
