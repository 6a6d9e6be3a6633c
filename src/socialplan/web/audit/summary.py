"""What the dashboard keeps of an audit: plain JSON data in no particular language, and back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from socialplan.measure.kpi import KpiProgress, kpi_progress
from socialplan.report.write import cadence_rows, response_rows, scorecard
from socialplan.rules.base import Exhibit, Scope, Severity
from socialplan.rules.finding import Finding
from socialplan.rules.full_audit import AuditOutcome, finding_networks

#: Bumped when the shape below changes, so older snapshots are made again rather than misread.
SHAPE = 1


@dataclass(frozen=True)
class KeptFinding:
    """A finding read back from a snapshot, with the networks it is about (for the filter)."""

    finding: Finding
    networks: frozenset[str]


def summarise(outcome: AuditOutcome) -> dict[str, Any]:
    """Everything the dashboard shows of *outcome*, as JSON-ready data."""
    evidence, loaded = outcome.evidence, outcome.loaded
    responses = evidence.responses
    kpis = kpi_progress(
        loaded.document,
        evidence.table("metrics"),
        responses,
        evidence.today,
        evidence.table("kpis"),
    )
    return {
        "shape": SHAPE,
        "imported": outcome.imported,
        "day": evidence.today.isoformat(),
        "counts": outcome.report.counts(),
        "findings": [
            _finding_data(f, finding_networks(f, loaded.document)) for f in outcome.findings
        ],
        "pillars": scorecard(outcome.report, loaded.file),
        "kpis": [_kpi_data(k) for k in kpis],
        "responses": response_rows(responses),
        "cadence": cadence_rows(evidence),
    }


def findings(data: dict[str, Any]) -> list[KeptFinding]:
    """The findings kept in *data*, as the library's records."""
    return [
        KeptFinding(
            Finding(
                code=f["code"],
                name=f["name"],
                mistakes=tuple(f["mistakes"]),
                severity=Severity(f["severity"]),
                scope=Scope(f["scope"]),
                file=f["file"],
                path=f["path"],
                line=f["line"],
                column=f["column"],
                message=f["message"],
                fix=f["fix"],
                args=f["args"],
                evidence=tuple(_exhibit(e) for e in f["evidence"]),
            ),
            frozenset(f["networks"]),
        )
        for f in data["findings"]
    ]


def _finding_data(finding: Finding, networks: frozenset[str]) -> dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.name,
        "mistakes": list(finding.mistakes),
        "severity": finding.severity.value,
        "scope": finding.scope.value,
        "file": finding.file,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "fix": finding.fix,
        "args": {k: _plain(v) for k, v in finding.args.items()},
        "evidence": [
            {
                "item_id": e.item_id,
                "account_id": e.account_id,
                "at": e.at.isoformat() if e.at else None,
                "excerpt": e.excerpt,
                "network": e.network,
            }
            for e in finding.evidence
        ],
        "networks": sorted(networks),
    }


def _exhibit(data: dict[str, Any]) -> Exhibit:
    at = data["at"]
    return Exhibit(
        item_id=data["item_id"],
        account_id=data["account_id"],
        at=dt.datetime.fromisoformat(at) if at else None,
        excerpt=data["excerpt"],
        network=data["network"],
    )


def _kpi_data(progress: KpiProgress) -> dict[str, Any]:
    """A KPI's progress: every field the library gives, and the KPI's name, kind and baseline."""
    data = {
        name: _plain(getattr(progress, name))
        for name in (f.name for f in dataclasses.fields(progress))
        if name != "kpi"
    }
    data.update(
        name=progress.kpi.name,
        kind=progress.kpi.kind,
        baseline=progress.kpi.baseline,
        on_track=progress.on_track,
    )
    return data


def _plain(value: object) -> object:
    """*value* as JSON keeps it; anything else as the text a message would show for it.

    Numbers stay numbers, since messages format some of them (``{ceiling:g}``).
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
