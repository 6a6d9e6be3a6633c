"""SP805 registry.missing: the strategy keeps no account registry, or an empty one."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

EMPTY = N_("the account registry lists no accounts, yet the plan has {count} channels")
EMPTY_FIX = N_("add one entry per account the brand runs, at least one for each channel")


@register
class RegistryMissing(PlanRule):
    """The document has no account registry, or one that lists nothing."""

    code = "SP805"
    name = "registry.missing"
    title = N_("No account registry")
    mistakes = ("M19",)
    severity = Severity.ERROR
    message = N_("the strategy keeps no account registry")
    fix = N_(
        "add accounts: every account the brand runs, with its owner, who has access, "
        "two-factor sign-in and when its password was last changed"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report an absent ``accounts`` part, or an empty one next to planned channels."""
        if strategy.accounts is None:
            yield self.found(("accounts",))
        elif not strategy.accounts and strategy.channels:
            yield self.found(("accounts",), EMPTY, EMPTY_FIX, count=len(strategy.channels))
