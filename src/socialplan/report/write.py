"""Writing the audit report: one self-contained HTML file and the same as PDF."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from socialplan.i18n import LANGUAGE_NAMES, Catalogue, direction
from socialplan.measure.cadence import weekly_posts
from socialplan.measure.kpi import kpi_progress
from socialplan.measure.pillars import evidence_scores
from socialplan.measure.response import ResponseReport, ResponseStats
from socialplan.output import write_atomic
from socialplan.report import charts
from socialplan.report.text import TEXTS
from socialplan.rules.audit import Evidence
from socialplan.rules.base import SEVERITY_LABELS, Scope, Severity
from socialplan.rules.reporters import SUMMARY, Report, group_label
from socialplan.strategy.load import LoadedStrategy
from socialplan.strategy.networks import network_label

FIRST = 5


def _percent(stats: ResponseStats | None) -> str:
    return "–" if stats is None or stats.rate is None else f"{100 * stats.rate:.0f}%"


def response_rows(responses: ResponseReport) -> list[dict[str, Any]]:
    """Reply rate and first-response times per network, as the report and dashboard show them."""
    rows = []
    for network, stats in sorted(responses.overall.items()):
        if network == "*":
            continue
        rows.append(
            {
                "network": network_label(network),
                "rate": _percent(stats),
                "median": round(stats.median_hours, 1) if stats.median_hours is not None else None,
                "p90": round(stats.p90_hours, 1) if stats.p90_hours is not None else None,
                "questions": _percent(responses.questions.get(network)),
                "negative": _percent(responses.negative.get(network)),
            }
        )
    return rows


def cadence_rows(evidence: Evidence) -> list[dict[str, Any]]:
    """Brand posts per week and network, for the cadence chart."""
    weekly = weekly_posts(evidence.items).order_by(["week", "network"]).to_pyarrow().to_pylist()
    return [
        {"network": network_label(r["network"]), "week": r["week"].isoformat(), "posts": r["posts"]}
        for r in weekly
    ]


def scorecard(report: Report, file: str) -> list[dict[str, Any]]:
    """The five pillars of *file*: plan score, and evidence score when evidence rules ran.

    Pillar names stay untranslated (``pillar``) so the dashboard can keep the rows.
    """
    evidence_rules = {r.name for r in report.rules if r.scope is Scope.EVIDENCE}
    failed = {f.name for f in report.findings() if f.scope is Scope.EVIDENCE}
    by_pillar = {s.pillar: s for s in evidence_scores(evidence_rules, failed)}
    return [
        {
            "pillar": s.pillar,
            "plan": s.score,
            "evidence": by_pillar[s.pillar].score if by_pillar[s.pillar].checks else None,
        }
        for s in report.scores.get(file, ())
    ]


def context(
    report: Report, evidence: Evidence, loaded: LoadedStrategy, cat: Catalogue
) -> dict[str, Any]:
    """Everything the template shows, computed once."""
    findings = report.findings()
    responses = evidence.responses
    rows = response_rows(responses)
    cadence = cadence_rows(evidence)
    first = sorted(
        (f for f in findings if f.severity is Severity.ERROR),
        key=lambda f: (f.scope is not Scope.EVIDENCE, f.sort_key()),
    )[:FIRST]
    return {
        "lang": cat.language,
        "dir": direction(cat.language),
        "language_name": LANGUAGE_NAMES[cat.language],
        "T": {k: cat.gettext(v) for k, v in TEXTS.items()},
        "generated": cat.format(
            TEXTS["generated"], day=evidence.today.isoformat(), file=loaded.file
        ),
        "organisation": loaded.document.organisation.name if loaded.document.organisation else "",
        "summary": cat.format(SUMMARY, **report.counts()),
        "first": first,
        "pillars": [
            {**row, "name": cat.gettext(row["pillar"])} for row in scorecard(report, loaded.file)
        ],
        "kpis": kpi_progress(
            loaded.document,
            evidence.table("metrics"),
            responses,
            evidence.today,
            evidence.table("kpis"),
        ),
        "responses": rows,
        "response_chart": charts.response_chart([r for r in rows if r["median"] is not None], cat)
        if any(r["median"] for r in rows)
        else "",
        "cadence_chart": charts.cadence_chart(cadence, cat) if cadence else "",
        "groups": _grouped(findings, cat),
        "severity": {s: cat.gettext(label) for s, label in SEVERITY_LABELS.items()},
        "cat": cat,
    }


def figure(value: float) -> str:
    """A KPI figure in full, to two decimals at most: 1234567, 4.5, 83.33."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _grouped(findings: list[Any], cat: Catalogue) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for finding in sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key())):
        groups.setdefault(group_label(cat, finding.name.split(".")[0]), []).append(finding)
    return sorted(groups.items())


def render_html(ctx: dict[str, Any]) -> str:
    """The report as one HTML document with its styles and charts inside."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("socialplan.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["figure"] = figure
    css = (resources.files("socialplan.report") / "templates" / "report.css").read_text("utf-8")
    return env.get_template("report.html").render(css=css, **ctx)


def write_report(
    report: Report, evidence: Evidence, loaded: LoadedStrategy, folder: Path, cat: Catalogue
) -> Path:
    """Write ``report.html`` and ``report.pdf`` into *folder*; return the HTML path."""
    folder.mkdir(parents=True, exist_ok=True)
    html = render_html(context(report, evidence, loaded, cat))
    html_path = folder / "report.html"
    write_atomic(html_path, html)
    from socialplan.report.pdf import write_pdf

    write_pdf(html, folder / "report.pdf")
    return html_path
