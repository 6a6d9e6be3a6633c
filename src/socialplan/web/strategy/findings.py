"""The plan rules' findings and the loader's problems, as the wizard shows them.

Findings run through the library (:func:`check_with_defaults`); this module only decides which
step and field each one belongs to and puts its texts in the reader's language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from socialplan.errors import Problem
from socialplan.i18n import Catalogue
from socialplan.rules.base import SEVERITY_LABELS, Severity
from socialplan.rules.engine import CheckResult, check_with_defaults
from socialplan.rules.finding import Finding
from socialplan.rules.reporters import FIX_LABEL
from socialplan.strategy.load import LoadedStrategy
from socialplan.strategy.locate import parse_path
from socialplan.web.strategy.editing import STEP_SLOT, Draft
from socialplan.web.strategy.forms import field_name
from socialplan.web.strategy.steps import Kind, Step, step_of


@dataclass(frozen=True)
class ShownFinding:
    """A finding in the reader's language, with where it stands in the editor it belongs to."""

    code: str
    name: str
    severity: str
    severity_label: str
    message: str
    fix: str
    url: str
    path: str
    where: str
    fix_label: str


@dataclass(frozen=True)
class ShownProblem:
    """A problem of the YAML in the reader's language, with its line and column."""

    where: str
    path: str
    message: str


@dataclass
class Slot:
    """What is shown next to one field or part: problems first, then findings."""

    problems: list[ShownProblem]
    findings: list[ShownFinding]


def check(loaded: LoadedStrategy) -> CheckResult:
    """The default plan rules over *loaded*, as of today in the app's time zone."""
    return check_with_defaults(loaded, today=timezone.localdate())


def rule_url(code: str) -> str:
    """The page that documents rule *code*."""
    return reverse("rules:detail", args=[code])


def show_problem(problem: Problem, cat: Catalogue) -> ShownProblem:
    """A problem's message (and hint) in the catalogue's language."""
    text = cat.format(problem.message, **problem.args)
    if problem.hint:
        text += " " + cat.format(problem.hint, **problem.hint_args)
    return ShownProblem(
        where=_where(problem.line, problem.column), path=problem.path or "", message=text
    )


def show_finding(finding: Finding, cat: Catalogue, where: str = "") -> ShownFinding:
    """A finding's message and fix in the catalogue's language, linked to its rule's page."""
    return ShownFinding(
        code=finding.code,
        name=finding.name,
        severity=finding.severity.value,
        severity_label=cat.gettext(SEVERITY_LABELS[finding.severity]),
        message=finding.text(cat),
        fix=finding.fix_text(cat),
        url=rule_url(finding.code),
        path=finding.path,
        where=where,
        fix_label=cat.gettext(FIX_LABEL),
    )


def _where(line: int | None, column: int | None) -> str:
    if line is None:
        return ""
    return f"{line}:{column}" if column is not None else str(line)


def key_of(finding: Finding) -> str:
    """The top-level document key a finding is about ("" for the whole document)."""
    path = parse_path(finding.path)
    return str(path[0]) if path else ""


def counts_by_step(result: CheckResult) -> Counter[str]:
    """How many findings each step has, by step slug."""
    counts: Counter[str] = Counter()
    for finding in result.findings:
        step = step_of(key_of(finding))
        if step is not None:
            counts[step.slug] += 1
    return counts


def counts_by_severity(result: CheckResult) -> dict[str, int]:
    """How many findings of each severity, worst first."""
    counts = Counter(finding.severity.value for finding in result.findings)
    return {severity.value: counts[severity.value] for severity in Severity}


def slots(step: Step, draft: Draft, result: CheckResult | None, cat: Catalogue) -> dict[str, Slot]:
    """Everything to show next to each field and part of *step*, by slot."""
    shown: dict[str, Slot] = {name: Slot([], []) for name in slot_names(step)}
    for name, problems in draft.notes.items():
        target = shown.setdefault(name, Slot([], []))
        target.problems.extend(show_problem(p, cat) for p in problems)
    for finding in result.findings if result else ():
        if key_of(finding) not in step.document_keys():
            continue
        name, where = _place(step, draft, finding)
        shown[name].findings.append(show_finding(finding, cat, where))
    return shown


def slot_names(step: Step) -> list[str]:
    """Every slot of *step*: the step itself, each part and each field."""
    names = [STEP_SLOT]
    for part in step.parts:
        names.append(part.key)
        if not part.as_yaml and not part.scalar:
            names.extend(field_name(part, spec) for spec in part.fields)
    return names


def _place(step: Step, draft: Draft, finding: Finding) -> tuple[str, str]:
    """The slot a finding belongs to, and its line:column inside that slot's YAML editor."""
    path = parse_path(finding.path)
    part = next(p for p in step.parts if p.key == path[0])
    slot = part.key
    if not part.as_yaml and not part.scalar and len(path) > 1:
        spec = next((s for s in part.fields if s.key == path[1]), None)
        if spec is not None:
            slot = field_name(part, spec)
            if spec.kind is not Kind.YAML:
                return slot, ""
    checked = draft.checked.get(slot)
    position = checked.position(path) if checked else None
    return slot, _where(*position) if position else ""
