"""Choosing rules the way linters do: by code, code prefix, name, group or mistake id."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from socialplan.rules.base import Rule, Severity, Status


def matches(rule: type[Rule], token: str) -> bool:
    """True when *token* names *rule*: ALL, a code or prefix, a name, alias, group or mistake."""
    token = token.strip()
    if token.upper() == "ALL":
        return True
    upper = token.upper()
    if upper.startswith("SP") and rule.code.startswith(upper):
        return True
    if upper.startswith("M") and upper[1:].isdigit():
        return upper in rule.mistakes
    return token in (rule.name, rule.group()) or token in rule.aliases


def is_known(token: str, rules: Iterable[type[Rule]]) -> bool:
    """True when *token* selects at least one rule."""
    return any(matches(rule, token) for rule in rules)


@dataclass(frozen=True)
class Selection:
    """Which rules run and at what severity."""

    select: Sequence[str] = ("ALL",)
    ignore: Sequence[str] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    preview: bool = False

    def chosen(self, rules: Iterable[type[Rule]]) -> list[type[Rule]]:
        """The rules to run, in catalogue order.

        Preview and deprecated rules run only when selected by code or name, or with preview on.
        """
        result = []
        for rule in rules:
            if not any(matches(rule, t) for t in self.select):
                continue
            if any(matches(rule, t) for t in self.ignore):
                continue
            explicit = any(t in (rule.code, rule.name) for t in self.select)
            if rule.status is not Status.STABLE and not (self.preview or explicit):
                continue
            result.append(rule)
        return result

    def severity_of(self, rule: type[Rule]) -> Severity:
        """The rule's severity after overrides; the most specific (longest) token wins."""
        best: tuple[int, Severity] | None = None
        for token, level in self.severity.items():
            if matches(rule, token):
                weight = len(token) + (100 if token in (rule.code, rule.name) else 0)
                if best is None or weight > best[0]:
                    best = (weight, level)
        return best[1] if best else rule.severity
