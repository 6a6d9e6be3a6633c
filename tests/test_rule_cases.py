"""Every rule's cases file, run by one parametrised test."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

import pytest
from ruamel.yaml import YAML

from socialplan.i18n import LANGUAGES, catalogue
from socialplan.rules.base import PlanRule
from socialplan.rules.registry import all_rules, find_rule
from socialplan.strategy.locate import format_path
from socialplan.strategy.model import Strategy

CASES_DIR = resources.files("socialplan.rules") / "cases"


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
def test_case(rule_name: str, case: dict[str, Any]) -> None:
    rule_type = find_rule(rule_name)
    assert rule_type is not None, f"cases file for unknown rule {rule_name}"
    assert issubclass(rule_type, PlanRule)
    today = case.get("today", dt.date(2026, 11, 1))
    rule = rule_type(case.get("options"), today=today)
    document = Strategy.model_validate(case["document"] or {})
    violations = list(rule.check(document))
    assert sorted(format_path(v.path) for v in violations) == sorted(case["expect"])
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
