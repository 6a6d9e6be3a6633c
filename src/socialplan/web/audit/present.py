"""Kept audit data made ready for the dashboard's templates, in the reader's language."""

from __future__ import annotations

from typing import Any

from socialplan.i18n import Catalogue
from socialplan.report.text import TEXTS
from socialplan.report.write import figure
from socialplan.rules.base import SEVERITY_LABELS
from socialplan.rules.reporters import group_label
from socialplan.strategy.networks import network_label
from socialplan.web.audit.summary import KeptFinding

#: Bootstrap colours of the severities.
SEVERITY_COLOURS = {"error": "danger", "warning": "warning", "info": "info"}


def report_texts(cat: Catalogue) -> dict[str, str]:
    """The report's headings and labels (pillar, KPI, ...), so both faces say the same."""
    return {key: cat.gettext(text) for key, text in TEXTS.items()}


def finding_row(kept: KeptFinding, cat: Catalogue) -> dict[str, Any]:
    """One finding: its rule, severity, texts in the reader's language, place and exhibits."""
    finding = kept.finding
    return {
        "code": finding.code,
        "name": finding.name,
        "group": group_label(cat, finding.name.split(".")[0]),
        "mistakes": finding.mistakes,
        "severity": finding.severity.value,
        "severity_label": cat.gettext(SEVERITY_LABELS[finding.severity]),
        "colour": SEVERITY_COLOURS[finding.severity.value],
        "scope": finding.scope.value,
        "message": finding.text(cat),
        "fix": finding.fix_text(cat),
        "path": finding.path,
        "line": finding.line,
        "exhibits": [
            {
                "item_id": e.item_id or e.account_id or "",
                "network": network_label(e.network) if e.network else "",
                "at": e.at,
                "excerpt": e.excerpt,
            }
            for e in finding.evidence
        ],
    }


def pillar_rows(data: dict[str, Any], cat: Catalogue) -> list[dict[str, Any]]:
    """The five pillars with their names in the reader's language."""
    return [{**row, "name": cat.gettext(row["pillar"])} for row in data["pillars"]]


def kpi_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """KPI progress with its figures written out the way the report writes them."""
    return [
        {
            **row,
            **{
                f"{name}_text": figure(row[name]) if row.get(name) is not None else ""
                for name in ("baseline", "target", "value")
            },
        }
        for row in data["kpis"]
    ]
