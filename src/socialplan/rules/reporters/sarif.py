"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any

from socialplan.i18n import Catalogue
from socialplan.rules.base import Severity
from socialplan.rules.reporters import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, cat: Catalogue) -> str:
    """The report as a SARIF log with one run."""
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": cat.gettext(rule.title)},
            "help": {"text": cat.gettext(rule.fix) if rule.fix else cat.gettext(rule.title)},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"tags": [rule.scope.value, rule.group(), *rule.mistakes]},
        }
        for rule in rules
    ]
    results: list[dict[str, Any]] = []
    for finding in report.findings():
        region = {}
        if finding.line is not None:
            region["startLine"] = finding.line
            if finding.column is not None:
                region["startColumn"] = finding.column
        location: dict[str, Any] = {"artifactLocation": {"uri": finding.file}}
        if region:
            location["region"] = region
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": LEVELS[finding.severity],
            "message": {"text": f"{finding.text(cat)}. {finding.fix_text(cat)}."},
            "locations": [
                {
                    "physicalLocation": location,
                    "logicalLocations": [{"fullyQualifiedName": finding.path or "/"}],
                }
            ],
            "properties": {
                "mistakes": list(finding.mistakes),
                "fix": finding.fix_text(cat),
                "evidence": [
                    {
                        "item": e.item_id,
                        "at": e.at.isoformat() if e.at else None,
                        "excerpt": e.excerpt,
                    }
                    for e in finding.evidence
                ],
            },
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "socialplan",
                        "version": report.version,
                        "semanticVersion": report.version,
                        "rules": descriptors,
                    }
                },
                "language": cat.language,
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
