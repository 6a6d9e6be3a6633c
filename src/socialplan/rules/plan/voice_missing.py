"""SP813 voice.missing: the strategy does not say how the brand sounds human."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class VoiceMissing(PlanRule):
    """The document has no voice part."""

    code = "SP813"
    name = "voice.missing"
    title = N_("No brand voice")
    mistakes = ("M26",)
    severity = Severity.WARNING
    message = N_("the strategy does not describe the voice of the brand")
    fix = N_(
        "add a voice: its tone, who speaks for the brand, whether replies are signed and "
        "what it never says"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a document without a ``voice`` part."""
        if strategy.voice is None:
            yield self.found(("voice",))
