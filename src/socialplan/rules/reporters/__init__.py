"""Reporters: each renders one :class:`Report` in one format; none knows about the others."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from socialplan import __version__
from socialplan.i18n import N_, Catalogue
from socialplan.measure.pillars import PillarScore
from socialplan.rules.base import Rule, Severity
from socialplan.rules.engine import CheckResult
from socialplan.rules.finding import Finding

GROUP_LABELS: dict[str, str] = {
    "team": N_("Team"),
    "goal": N_("Business goal"),
    "objective": N_("Objectives"),
    "listening": N_("Listening"),
    "audience": N_("Audience"),
    "persona": N_("Personas"),
    "kpi": N_("KPIs"),
    "one_thing": N_("The one thing"),
    "channel": N_("Channel plan"),
    "content": N_("Content"),
    "calendar": N_("Editorial calendar"),
    "voice": N_("Voice"),
    "policy": N_("Policy"),
    "registry": N_("Account registry"),
    "account": N_("Account registry"),
    "integration": N_("Integration"),
    "loyalty": N_("Loyalty"),
    "advocacy": N_("Advocacy"),
    "silence": N_("Silences"),
    "conversation": N_("Conversations"),
    "cadence": N_("Posting rhythm"),
    "automation": N_("Automation"),
    "links": N_("Links"),
    "replies": N_("Replies"),
    "moderation": N_("Moderation"),
}
SUMMARY = N_("errors: {error} · warnings: {warning} · info: {info} · silenced: {silenced}")
NO_FINDINGS = N_("No findings.")
FIX_LABEL = N_("Fix:")
PILLARS_TITLE = N_("Five pillars (from the plan)")
SCORE_LABEL = N_("Score")
PILLAR_LABEL = N_("Pillar")
LINE_LABEL = N_("line {line}")


@dataclass(frozen=True)
class Report:
    """What a check run found, for every file, with the rules that ran."""

    results: tuple[CheckResult, ...]
    rules: tuple[type[Rule], ...]
    scores: Mapping[str, tuple[PillarScore, ...]] = field(default_factory=dict)
    version: str = __version__

    def findings(self) -> list[Finding]:
        """Every finding of every file."""
        return [f for r in self.results for f in r.findings]

    def counts(self) -> dict[str, int]:
        """Findings per severity, and how many were silenced."""
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings():
            counts[finding.severity.value] += 1
        counts["silenced"] = sum(r.silenced for r in self.results)
        return counts


def group_label(cat: Catalogue, group: str) -> str:
    """The translated name of a rule group."""
    return cat.gettext(GROUP_LABELS.get(group, group))


Renderer = Callable[[Report, Catalogue], str]


def reporters() -> dict[str, Renderer]:
    """The output formats by name."""
    from socialplan.rules.reporters import github, json, markdown, sarif, text

    return {
        "text": text.render,
        "json": json.render,
        "sarif": sarif.render,
        "markdown": markdown.render,
        "github": github.render,
    }
