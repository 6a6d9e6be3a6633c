"""Text for the terminal: grouped by part of the document, coloured by severity, with Rich."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from socialplan.i18n import Catalogue
from socialplan.rules.base import SEVERITY_LABELS, Severity
from socialplan.rules.reporters import (
    FIX_LABEL,
    NO_FINDINGS,
    PILLAR_LABEL,
    PILLARS_TITLE,
    SCORE_LABEL,
    SUMMARY,
    Report,
    group_label,
)

#: Evidence lines shown under a finding in the terminal; the JSON and the report show them all.
EXHIBITS = 3
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(report: Report, cat: Catalogue, *, color: bool = False, width: int = 100) -> str:
    """The report as terminal text; ANSI colours only when *color* is true."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    # Display cells, not characters: Thai marks take no cell, Chinese characters take two.
    width_of_label = max(cell_len(cat.gettext(label)) for label in SEVERITY_LABELS.values()) + 1
    for result in report.results:
        console.print(Text(result.file, style="bold underline"))
        if not result.findings:
            console.print("  " + cat.gettext(NO_FINDINGS))
        group = None
        for finding in sorted(result.findings, key=lambda f: (f.name.split(".")[0], f.sort_key())):
            current = finding.name.split(".")[0]
            if current != group:
                group = current
                console.print(Text(f"  {group_label(cat, group)}", style="bold"))
            place = f"{finding.line}:{finding.column}" if finding.line is not None else "-"
            head = Text("    ")
            head.append(f"{place:<8}", style="dim")
            label = cat.gettext(SEVERITY_LABELS[finding.severity])
            head.append(
                label + " " * (width_of_label - cell_len(label)), style=STYLES[finding.severity]
            )
            head.append(f"{finding.code} ", style="bold")
            head.append(finding.name, style="dim")
            if finding.path:
                head.append(f"  {finding.path}", style="dim")
            console.print(head)
            console.print(
                Padding(Text(finding.text(cat), overflow="fold"), (0, 0, 0, 12), expand=False)
            )
            fix = Text(f"{cat.gettext(FIX_LABEL)} ", style="bold green", overflow="fold")
            fix.append(finding.fix_text(cat), style="green")
            console.print(Padding(fix, (0, 0, 0, 12), expand=False))
            for item in finding.evidence[:EXHIBITS]:
                line = Text("› ", style="dim")
                if item.at is not None:
                    line.append(item.at.strftime("%Y-%m-%d %H:%M "), style="dim")
                line.append(f"{item.item_id or item.account_id or ''} ", style="dim")
                line.append(f"«{item.excerpt}»" if item.excerpt else "")
                console.print(Padding(line, (0, 0, 0, 14), expand=False))
        scores = report.scores.get(result.file)
        if scores:
            table = Table(
                title=cat.gettext(PILLARS_TITLE),
                title_justify="left",
                show_edge=False,
                box=None,
                padding=(0, 2),
            )
            table.add_column(cat.gettext(PILLAR_LABEL))
            table.add_column(cat.gettext(SCORE_LABEL), justify="right")
            table.add_column("")
            for score in scores:
                bar = "█" * (score.score // 10) + "·" * (10 - score.score // 10)
                table.add_row(cat.gettext(score.pillar), str(score.score), bar)
            console.print()
            console.print(table)
        console.print()
    console.print(cat.format(SUMMARY, **report.counts()))
    return buffer.getvalue()
