"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from socialplan.i18n import Catalogue
from socialplan.rules.base import Severity
from socialplan.rules.reporters import FIX_LABEL, Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, cat: Catalogue) -> str:
    """One ``::error``/``::warning``/``::notice`` line per finding."""
    lines = []
    for finding in report.findings():
        props = [f"file={_property(finding.file)}"]
        if finding.line is not None:
            props.append(f"line={finding.line}")
            if finding.column is not None:
                props.append(f"col={finding.column}")
        props.append(f"title={_property(f'{finding.code} {finding.name}')}")
        body = f"{finding.text(cat)}\n{cat.gettext(FIX_LABEL)} {finding.fix_text(cat)}"
        lines.append(f"::{COMMANDS[finding.severity]} {','.join(props)}::{_data(body)}")
    return "\n".join(lines) + ("\n" if lines else "")
