"""SP701 channel.missing: the strategy plans no channels."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class ChannelMissing(PlanRule):
    """The document has no channel plan at all."""

    code = "SP701"
    name = "channel.missing"
    title = N_("No channels planned")
    mistakes = ("M12",)
    severity = Severity.ERROR
    message = N_("the strategy plans no channels")
    fix = N_(
        "add a channel for each network the brand will use: the account, why it is there, "
        "whom it serves, what it posts and who runs it"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document whose ``channels`` list is absent or empty."""
        if not strategy.channels:
            yield self.found(("channels",))
