"""Rules about the checking itself: silences that no longer silence anything."""

from __future__ import annotations

from collections.abc import Iterable

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy


@register
class UnusedSilence(PlanRule):
    """A silence in the document that matches no finding."""

    code = "SP001"
    name = "silence.unused"
    title = N_("A silence that silences nothing")
    mistakes = ()
    severity = Severity.WARNING
    message = N_("this silence of {rule} matches no finding")
    fix = N_("remove the silence; the problem it accepted is gone")

    def check(self, strategy: Strategy) -> Iterable[Violation]:
        """The engine reports unused silences; there is nothing to check on its own."""
        return ()


@register
class UnknownSilence(PlanRule):
    """A silence naming a rule that does not exist."""

    code = "SP002"
    name = "silence.unknown_rule"
    title = N_("A silence for a rule that does not exist")
    mistakes = ()
    severity = Severity.ERROR
    message = N_("no rule is called {rule}")
    fix = N_("use a rule code or name from `socialplan rules`")

    def check(self, strategy: Strategy) -> Iterable[Violation]:
        """The engine reports these while matching silences."""
        return ()
