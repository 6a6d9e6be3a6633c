"""SP303 listening.no_competitors: nobody listens to what competitors do and hear."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class ListeningNoCompetitors(PlanRule):
    """Listening follows no competitor terms."""

    code = "SP303"
    name = "listening.no_competitors"
    title = N_("Competitors not listened to")
    mistakes = ("M28",)
    severity = Severity.WARNING
    message = N_(
        "listening follows no competitors, so the brand cannot learn from what their "
        "customers praise and complain about"
    )
    fix = N_("add competitor_terms: the names of the main competitors and of their products")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report a listening part whose ``competitor_terms`` list is absent or empty."""
        listening = strategy.listening
        # No listening at all is listening.missing's finding.
        if listening is None or listening.competitor_terms:
            return
        # Point at the key when the document writes it, even empty; else at listening.
        yield self.found(key_path(("listening",), listening, "competitor_terms"))
