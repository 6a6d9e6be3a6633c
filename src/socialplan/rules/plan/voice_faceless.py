"""SP814 voice.faceless: the brand speaks as a logo, not as people."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

UNSIGNED = N_("replies are not signed by the person who writes them")
UNSIGNED_FIX = N_("set sign_replies: true, so each reply ends with the first name of its writer")


@register
class VoiceFaceless(PlanRule):
    """The voice names no speakers, or replies go out unsigned."""

    code = "SP814"
    name = "voice.faceless"
    title = N_("A voice without faces")
    mistakes = ("M26",)
    severity = Severity.INFO
    message = N_("the voice names nobody who speaks for the brand")
    fix = N_("name under speakers the people or the team who write the posts and replies")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a voice without ``speakers``, and one whose ``sign_replies`` is not true."""
        voice = strategy.voice
        if voice is None:
            return
        written = voice.model_fields_set
        if not voice.speakers:
            yield self.found(("voice", "speakers") if "speakers" in written else ("voice",))
        if voice.sign_replies is not True:
            yield self.found(
                ("voice", "sign_replies") if "sign_replies" in written else ("voice",),
                UNSIGNED,
                UNSIGNED_FIX,
            )
