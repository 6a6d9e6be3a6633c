"""The audit report as a download: the library's HTML, and the PDF WeasyPrint makes of it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from socialplan.i18n import Catalogue
from socialplan.report.pdf import write_pdf
from socialplan.report.write import context, render_html
from socialplan.rules.full_audit import AuditOutcome


def report_html(outcome: AuditOutcome, cat: Catalogue) -> str:
    """The whole report as one self-contained HTML document in the catalogue's language."""
    return render_html(context(outcome.report, outcome.evidence, outcome.loaded, cat))


def report_pdf(html: str) -> bytes:
    """*html* as PDF; the library writes files, so it goes through a folder of its own."""
    with tempfile.TemporaryDirectory(prefix="socialplan-report-") as folder:
        path = Path(folder) / "report.pdf"
        write_pdf(html, path)
        return path.read_bytes()
