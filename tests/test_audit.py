"""Import the demo export and audit it, as a user does: findings, the HTML report and the PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, Outcome

DEMO = EXAMPLES / "demo"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the demo export, imported once through the command line."""
    from socialplan.cli import run

    data = tmp_path_factory.mktemp("audit") / "store"
    status = run(
        [
            "import",
            str(DEMO / "export"),
            "--strategy",
            str(DEMO / "strategy.yaml"),
            "--data",
            str(data),
        ]
    )
    assert status == 0
    return data


def test_import_twice_adds_nothing(store: Path, cli: Callable[..., Outcome]) -> None:
    again = cli("import", DEMO / "export", "--data", store)
    assert again.status == 0
    assert "imported before" in again.err


def test_import_of_something_that_is_not_an_export(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello", encoding="utf-8")
    result = cli("import", junk, "--data", tmp_path / "store")
    assert result.status == 2
    assert "no importer recognises this export" in result.err
    assert not (tmp_path / "store" / "manifest.json").exists()


def test_audit_json_has_evidence(store: Path, cli: Callable[..., Outcome], tmp_path: Path) -> None:
    result = cli(
        "audit",
        "--strategy",
        DEMO / "strategy.yaml",
        "--data",
        store,
        "--today",
        "2026-11-01",
        "-f",
        "json",
        "--no-report",
    )
    assert result.status == 1, result.err
    findings = json.loads(result.out)["files"][0]["findings"]
    codes = {f["code"] for f in findings}
    assert {"SE101", "SE311"} <= codes
    unanswered = next(f for f in findings if f["code"] == "SE101")
    assert unanswered["evidence"]
    assert unanswered["evidence"][0]["item_id"]
    assert unanswered["evidence"][0]["excerpt"]


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_report_html_and_pdf(
    store: Path, cli: Callable[..., Outcome], tmp_path: Path, lang: str
) -> None:
    folder = tmp_path / f"report-{lang}"
    result = cli(
        "audit",
        "--strategy",
        DEMO / "strategy.yaml",
        "--data",
        store,
        "--today",
        "2026-11-01",
        "--report-dir",
        folder,
        "--lang",
        lang,
        "-f",
        "json",
    )
    assert result.status == 1
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">' in html
    # Self-contained: no script, no stylesheet or font from anywhere.
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "@import" not in html
    assert html.count("<svg") >= 2
    # The demo's booking system reported 38 repeat bookings in October.
    assert _kpi_rows(html)["Repeat bookings"][2][0] == "38"
    pdf = folder / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Lotus Trails" in text


def _kpi_rows(html: str) -> dict[str, list[list[str]]]:
    """The report's KPI table: each KPI's name, and the words of its other cells."""
    section = html[html.index('<section id="kpis">') : html.index('<section id="responses">')]
    table = {}
    for row in re.findall(r"<tr><td>.*?</tr>", section, re.DOTALL):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        words = [re.sub(r"<[^>]+>", " ", cell).split() for cell in cells]
        table[" ".join(words[0])] = words[1:]
    return table


def test_imported_kpi_figures_show_in_the_report(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    crm = tmp_path / "crm.csv"
    crm.write_text(
        "kpi,period,value\n"
        "Repeat bookings,2026-10-15,70\n"
        "Repeat bookings,2026-10-31,81.5\n"
        "reply_rate,2026-Q4,91\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    imported = cli("import", crm, "--data", store)
    assert imported.status == 0, imported.err
    said = " ".join(imported.err.split())  # Rich wraps long lines
    assert said == f"{crm}: 3 KPI figures imported"
    folder = tmp_path / "report"
    audited = cli(
        "audit",
        "--strategy",
        DEMO / "strategy.yaml",
        "--data",
        store,
        "--today",
        "2026-11-01",
        "--report-dir",
        folder,
        "-f",
        "json",
    )
    assert audited.status in (0, 1), audited.err
    rows = _kpi_rows((folder / "report.html").read_text(encoding="utf-8"))
    assert rows["Repeat bookings"] == [
        ["140"],
        ["160", "2026-Q4"],
        ["151.5", "imported"],
        ["behind"],
    ]
    assert rows["Reply rate"] == [["40"], ["80", "2026-Q4"], ["91", "imported"], ["on", "track"]]
    assert rows["Followers"][2] == ["not", "in", "the", "data"]


def test_audit_needs_an_imported_store(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    result = cli("audit", "--strategy", DEMO / "strategy.yaml", "--data", tmp_path / "empty")
    assert result.status == 2
    assert "import exports first" in result.err
