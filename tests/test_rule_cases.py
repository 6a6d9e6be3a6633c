"""Every rule's cases file, run by one parametrised test."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from tests.evidence_cases import build_store

from socialplan.activity.backends import duckdb_backend
from socialplan.i18n import LANGUAGES, catalogue
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule, PlanRule
from socialplan.rules.registry import all_rules, find_rule
from socialplan.strategy.locate import format_path
from socialplan.strategy.model import Strategy

CASES_DIR = resources.files("socialplan.rules") / "cases"


def _evidence_violations(rule: EvidenceRule, case: dict[str, Any], tmp_path: Path) -> list[Any]:
    store = build_store(tmp_path / "store", case)
    evidence = Evidence(
        con=duckdb_backend(store),
        strategy=Strategy.model_validate(case.get("strategy") or {}),
        today=case.get("today", dt.date(2026, 11, 1)),
    )
    return list(rule.check(evidence))


def _load_cases() -> list[Any]:
    params = []
    for entry in sorted(CASES_DIR.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        rule_name = entry.name.removesuffix(".yaml")
        for case in YAML(typ="safe").load(entry.read_text("utf-8")):
            params.append(pytest.param(rule_name, case, id=f"{rule_name}:{case['name']}"))
    return params


@pytest.mark.parametrize(("rule_name", "case"), _load_cases())
def test_case(rule_name: str, case: dict[str, Any], tmp_path: Path) -> None:
    rule_type = find_rule(rule_name)
    assert rule_type is not None, f"cases file for unknown rule {rule_name}"
    today = case.get("today", dt.date(2026, 11, 1))
    rule = rule_type(case.get("options"), today=today)
    if isinstance(rule, EvidenceRule):
        violations = _evidence_violations(rule, case, tmp_path)
        expected = [e if isinstance(e, str) else e["path"] for e in case["expect"]]
        exhibits = [e.get("items") for e in case["expect"] if isinstance(e, dict)]
        found = sorted(
            (format_path(v.path), sorted(x.item_id or "" for x in v.exhibits)) for v in violations
        )
        for wanted in exhibits:
            if wanted is not None:
                assert sorted(wanted) in [f[1] for f in found], found
    else:
        assert isinstance(rule, PlanRule)
        document = Strategy.model_validate(case["document"] or {})
        violations = list(rule.check(document))
        expected = case["expect"]
    assert sorted(format_path(v.path) for v in violations) == sorted(expected)
    for violation in violations:
        for lang in LANGUAGES:
            cat = catalogue(lang)
            assert cat.format(violation.message, **violation.args).strip()
            assert cat.format(violation.fix, **violation.args).strip()


def test_every_rule_has_cases_that_pass_and_fail() -> None:
    names = {e.name.removesuffix(".yaml") for e in CASES_DIR.iterdir()}
    for rule in all_rules():
        if rule.group() == "silence":
            continue
        assert rule.name in names, f"{rule.code} {rule.name} has no cases file"
        cases = YAML(typ="safe").load((CASES_DIR / f"{rule.name}.yaml").read_text("utf-8"))
        assert any(c["expect"] for c in cases), f"{rule.name}: no failing case"
        assert any(not c["expect"] for c in cases), f"{rule.name}: no passing case"
