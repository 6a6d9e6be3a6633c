"""Markdown, for pull-request comments and wikis; right-to-left languages are wrapped."""

from __future__ import annotations

from socialplan.i18n import N_, Catalogue, direction
from socialplan.rules.base import SEVERITY_LABELS, Severity
from socialplan.rules.reporters import (
    FIX_LABEL,
    LINE_LABEL,
    NO_FINDINGS,
    PILLAR_LABEL,
    PILLARS_TITLE,
    SCORE_LABEL,
    SUMMARY,
    Report,
    group_label,
)

TITLE = N_("socialplan check")
ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render(report: Report, cat: Catalogue) -> str:
    """The report as Markdown, grouped by file and by part of the document."""
    out = [f"# {cat.gettext(TITLE)}", "", cat.format(SUMMARY, **report.counts()), ""]
    for result in report.results:
        out += [f"## `{result.file}`", ""]
        scores = report.scores.get(result.file)
        if scores:
            out += [
                f"### {cat.gettext(PILLARS_TITLE)}",
                "",
                f"| {cat.gettext(PILLAR_LABEL)} | {cat.gettext(SCORE_LABEL)} |",
                "|---|---:|",
            ]
            out += [f"| {cat.gettext(s.pillar)} | {s.score} |" for s in scores]
            out.append("")
        if not result.findings:
            out += [cat.gettext(NO_FINDINGS), ""]
        group = None
        for finding in sorted(result.findings, key=lambda f: (f.name.split(".")[0], f.sort_key())):
            current = finding.name.split(".")[0]
            if current != group:
                group = current
                out += [f"### {group_label(cat, group)}", ""]
            where = f"`{finding.path}`" if finding.path else ""
            if finding.line is not None:
                where += f" ({cat.format(LINE_LABEL, line=finding.line)})"
            out += [
                f"- {ICONS[finding.severity]} **{finding.code}** `{finding.name}` "
                f"{cat.gettext(SEVERITY_LABELS[finding.severity])} · {where}",
                f"  {_escape(finding.text(cat))}",
                f"  **{cat.gettext(FIX_LABEL)}** {_escape(finding.fix_text(cat))}",
            ]
            for item in finding.evidence:
                when = item.at.strftime("%Y-%m-%d %H:%M") if item.at else ""
                out.append(
                    f"  - `{when}` `{item.item_id or item.account_id}` {_escape(item.excerpt)}"
                )
        out.append("")
    body = "\n".join(out).rstrip() + "\n"
    if direction(cat.language) == "rtl":
        return f'<div dir="rtl" lang="{cat.language}">\n\n{body}\n</div>\n'
    return body
