"""JSON: every finding with its rule, place, message and fix, plus the pillar scores."""

from __future__ import annotations

import json
from typing import Any

from socialplan.i18n import Catalogue
from socialplan.rules.finding import Finding
from socialplan.rules.reporters import Report


def finding_dict(finding: Finding, cat: Catalogue) -> dict[str, Any]:
    """One finding as plain data, its texts in the catalogue's language."""
    return {
        "code": finding.code,
        "name": finding.name,
        "mistakes": list(finding.mistakes),
        "severity": finding.severity.value,
        "scope": finding.scope.value,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "path": finding.path,
        "message": finding.text(cat),
        "fix": finding.fix_text(cat),
        "evidence": [
            {
                "item_id": e.item_id,
                "account_id": e.account_id,
                "network": e.network,
                "at": e.at.isoformat() if e.at else None,
                "excerpt": e.excerpt,
            }
            for e in finding.evidence
        ],
    }


def render(report: Report, cat: Catalogue) -> str:
    """The report as a JSON document."""
    files = []
    for result in report.results:
        entry: dict[str, Any] = {
            "file": result.file,
            "findings": [finding_dict(f, cat) for f in result.findings],
            "silenced": result.silenced,
        }
        scores = report.scores.get(result.file)
        if scores is not None:
            entry["pillars"] = {
                s.pillar: {
                    "score": s.score,
                    "checks": [
                        {"check": cat.gettext(c.label), "passed": c.passed} for c in s.checks
                    ],
                }
                for s in scores
            }
        files.append(entry)
    data = {
        "tool": "socialplan",
        "version": report.version,
        "language": cat.language,
        "summary": report.counts(),
        "files": files,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
