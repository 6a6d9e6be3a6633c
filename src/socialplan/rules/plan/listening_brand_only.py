"""SP302 listening.brand_only: only talk that names the brand is listened to."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class ListeningBrandOnly(PlanRule):
    """Listening follows no topic terms beyond the brand's own name."""

    code = "SP302"
    name = "listening.brand_only"
    title = N_("Listening for the brand name only")
    mistakes = ("M28",)
    severity = Severity.WARNING
    message = N_(
        "listening follows no topic terms, so only conversations that name the brand are heard"
    )
    fix = N_(
        "add topic_terms: the category, the needs and the questions people talk about "
        "without naming the brand"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a listening part whose ``topic_terms`` list is absent or empty."""
        listening = strategy.listening
        # No listening at all is listening.missing's finding.
        if listening is None or listening.topic_terms:
            return
        # Point at the key when the document writes it, even empty; else at listening.
        yield self.found(key_path(("listening",), listening, "topic_terms"))
