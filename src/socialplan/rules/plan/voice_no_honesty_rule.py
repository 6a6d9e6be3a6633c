"""SP815 voice.no_honesty_rule: the voice does not say how the brand stays honest."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class VoiceNoHonestyRule(PlanRule):
    """The voice says neither how mistakes are owned nor what replaces "no comment"."""

    code = "SP815"
    name = "voice.no_honesty_rule"
    title = N_("No rule for honest answers")
    mistakes = ("M25",)
    severity = Severity.INFO
    message = N_(
        "the voice does not say how the brand admits mistakes or explains what it cannot say"
    )
    fix = N_(
        "write under admits_mistakes how errors are owned up to, and under "
        'when_cannot_answer what is said instead of "no comment"'
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a voice with neither ``admits_mistakes`` nor ``when_cannot_answer``."""
        voice = strategy.voice
        # Either answer is enough: both say the brand explains rather than stonewalls.
        if voice is not None and not (voice.admits_mistakes or voice.when_cannot_answer):
            yield self.found(("voice",))
