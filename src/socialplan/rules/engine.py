"""Running plan rules over a loaded strategy and applying the document's silences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from socialplan.rules.base import PlanRule, Rule, Severity, Violation
from socialplan.rules.finding import Finding
from socialplan.rules.meta import UnknownSilence, UnusedSilence
from socialplan.rules.registry import all_rules, find_rule
from socialplan.rules.selection import Selection
from socialplan.strategy.load import LoadedStrategy
from socialplan.strategy.locate import format_path, parse_path
from socialplan.strategy.model import Silence


@dataclass(frozen=True)
class CheckResult:
    """The findings of one document, and how many were silenced."""

    file: str
    findings: tuple[Finding, ...]
    silenced: int


def to_finding(
    rule: type[Rule], violation: Violation, loaded: LoadedStrategy, severity: Severity
) -> Finding:
    """Place *violation* in the file and attach the rule's metadata."""
    position = loaded.locator.find(violation.path)
    return Finding(
        code=rule.code,
        name=rule.name,
        mistakes=rule.mistakes,
        severity=severity,
        scope=rule.scope,
        file=loaded.file,
        path=format_path(violation.path),
        line=position[0] if position else None,
        column=position[1] if position else None,
        message=violation.message,
        fix=violation.fix,
        args=violation.args,
        evidence=violation.exhibits,
    )


def check_strategy(
    loaded: LoadedStrategy, rules: Sequence[PlanRule], selection: Selection
) -> CheckResult:
    """Run *rules* over *loaded* and apply silences; findings come in document order."""
    raw: list[tuple[type[Rule], Violation]] = []
    for rule in rules:
        raw.extend((type(rule), violation) for violation in rule.check(loaded.document))

    silences = loaded.document.silence
    used = [False] * len(silences)
    kept: list[Finding] = []
    silenced = 0
    for rule_type, violation in raw:
        hit = _silenced_by(rule_type, violation, silences)
        if hit is not None:
            used[hit] = True
            silenced += 1
            continue
        kept.append(to_finding(rule_type, violation, loaded, selection.severity_of(rule_type)))

    chosen = {type(rule) for rule in rules}
    for index, silence in enumerate(silences):
        if used[index]:
            continue
        target = find_rule(silence.rule)
        meta: type[PlanRule] = UnusedSilence if target else UnknownSilence
        # A silence of a rule that did not run this time is not unused, only idle.
        if meta not in chosen or (target is not None and target not in chosen):
            continue
        violation = Violation(
            path=("silence", index), message=meta.message, fix=meta.fix, args={"rule": silence.rule}
        )
        kept.append(to_finding(meta, violation, loaded, selection.severity_of(meta)))
    return CheckResult(loaded.file, tuple(sorted(kept, key=Finding.sort_key)), silenced)


def _silenced_by(rule: type[Rule], violation: Violation, silences: Sequence[Silence]) -> int | None:
    for index, silence in enumerate(silences):
        if silence.rule not in (rule.code, rule.name, *rule.aliases):
            continue
        if silence.at is None or _within(violation.path, parse_path(silence.at)):
            return index
    return None


def _within(path: tuple[str | int, ...], prefix: tuple[str | int, ...]) -> bool:
    return path[: len(prefix)] == prefix


RuleT = TypeVar("RuleT", bound=Rule)


def configured(
    rules: Sequence[type[Rule]],
    settings: Mapping[str, Mapping[str, object]],
    kind: type[RuleT],
    today: date | None = None,
) -> list[RuleT]:
    """The rules of *kind* among *rules*, created with their configured option values.

    *kind* is an abstract base (PlanRule, EvidenceRule) used only to filter; mypy cannot tell,
    hence the ignores at the call sites.
    """
    return [
        rule(settings.get(rule.code) or settings.get(rule.name) or {}, today=today)
        for rule in rules
        if issubclass(rule, kind)
    ]


def instantiate(
    rules: Sequence[type[Rule]],
    settings: Mapping[str, Mapping[str, object]],
    today: date | None = None,
) -> list[PlanRule]:
    """Create the plan rules among *rules* with their configured option values."""
    return configured(rules, settings, PlanRule, today)  # type: ignore[type-abstract]


def check_with_defaults(loaded: LoadedStrategy, today: date | None = None) -> CheckResult:
    """Run the default plan rules (stable ones, default options and severities) over *loaded*.

    What ``socialplan check`` does with no configuration file and no options.
    """
    selection = Selection()
    rules = instantiate(selection.chosen(all_rules()), {}, today=today)
    return check_strategy(loaded, rules, selection)
