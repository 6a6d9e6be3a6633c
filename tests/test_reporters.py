"""Each reporter renders the same findings; outputs are compared with reviewed snapshots."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from tests.conftest import ROOT, TODAY, Outcome

from socialplan.i18n import catalogue
from socialplan.measure.pillars import plan_scores
from socialplan.rules.engine import check_strategy, instantiate
from socialplan.rules.registry import all_rules
from socialplan.rules.reporters import Report, reporters
from socialplan.rules.selection import Selection
from socialplan.strategy import load_strategy

FLAWED = Path("examples/flawed/strategy.yaml")


@pytest.fixture
def report(monkeypatch: pytest.MonkeyPatch) -> Report:
    """The flawed example's findings, with paths as a user in the repository would type them."""
    monkeypatch.chdir(ROOT)
    selection = Selection()
    chosen = selection.chosen(all_rules())
    loaded = load_strategy(FLAWED)
    result = check_strategy(loaded, instantiate(chosen, {}, today=TODAY), selection)
    return Report(
        results=(result,),
        rules=tuple(chosen),
        scores={loaded.file: plan_scores(loaded.document)},
        version="0.0.0",
    )


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("name", ["text", "json", "sarif", "markdown", "github"])
def test_snapshot(report: Report, snapshot: SnapshotAssertion, name: str, lang: str) -> None:
    assert reporters()[name](report, catalogue(lang)) == snapshot


def test_sarif_structure(report: Report) -> None:
    log = json.loads(reporters()["sarif"](report, catalogue("en")))
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(FLAWED)


def test_github_annotations_escape(report: Report) -> None:
    lines = reporters()["github"](report, catalogue("en")).splitlines()
    assert len(lines) == len(report.findings())
    pattern = re.compile(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=SP\d+ "
        r"[a-z_.]+::[^\n]+$"
    )
    for line in lines:
        assert pattern.match(line), line
        assert "\n" not in line.split("::", 2)[2]


def test_markdown_is_right_to_left_in_persian(report: Report) -> None:
    persian = reporters()["markdown"](report, catalogue("fa"))
    english = reporters()["markdown"](report, catalogue("en"))
    assert persian.startswith('<div dir="rtl" lang="fa">')
    assert persian.rstrip().endswith("</div>")
    assert "dir=" not in english


def test_text_colours_only_when_asked(report: Report) -> None:
    from socialplan.rules.reporters import text

    assert "\x1b[" not in text.render(report, catalogue("en"))
    assert "\x1b[" in text.render(report, catalogue("en"), color=True)


def test_json_counts_match_findings(report: Report) -> None:
    data = json.loads(reporters()["json"](report, catalogue("en")))
    findings = data["files"][0]["findings"]
    assert sum(data["summary"][k] for k in ("error", "warning", "info")) == len(findings)
    assert set(data["files"][0]["pillars"]) == {
        "connectivity",
        "generosity",
        "honesty",
        "personality",
        "imagination",
    }


def test_cli_text_report_names_fix(cli: Callable[..., Outcome]) -> None:
    result = cli("check", ROOT / FLAWED)
    assert "Fix:" in result.out
    assert "SP204" in result.out
