"""Every rule's doc: fixed headings, and its bad and good examples run as tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from tests.evidence_cases import build_store

from socialplan.activity.backends import duckdb_backend
from socialplan.i18n import LANGUAGES, catalogue
from socialplan.rules import docs
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule, PlanRule, Rule
from socialplan.rules.registry import all_rules
from socialplan.strategy import parse_strategy
from socialplan.strategy.model import Strategy

DOCUMENTED = [r for r in all_rules() if r.group() != "silence"]


def _ids(rule: type[Rule]) -> str:
    return f"{rule.code}-{rule.name}"


@pytest.mark.parametrize("rule", DOCUMENTED, ids=_ids)
def test_doc_has_fixed_headings(rule: type[Rule]) -> None:
    assert docs.headings(docs.doc_source(rule)) == list(docs.HEADINGS)


@pytest.mark.parametrize("rule", DOCUMENTED, ids=_ids)
def test_doc_examples_behave(rule: type[Rule], tmp_path: Path) -> None:
    found = docs.examples(docs.doc_source(rule))
    assert found["bad"], "the doc needs a ```yaml bad example"
    assert found["good"], "the doc needs a ```yaml good example"
    checker = rule(today=dt.date(2026, 11, 1))
    for kind, texts in found.items():
        for number, text in enumerate(texts):
            if isinstance(checker, PlanRule):
                violations = list(checker.check(parse_strategy(text, kind).document))
            else:
                # An evidence rule's example is a case: a strategy fragment and store rows.
                assert isinstance(checker, EvidenceRule)
                case = YAML(typ="safe").load(text)
                store = build_store(tmp_path / f"{kind}{number}", case)
                evidence = Evidence(
                    con=duckdb_backend(store),
                    strategy=Strategy.model_validate(case.get("strategy") or {}),
                    today=dt.date(2026, 11, 1),
                )
                violations = list(checker.check(evidence))
            assert bool(violations) == (kind == "bad"), text


@pytest.mark.parametrize("rule", DOCUMENTED, ids=_ids)
def test_doc_renders_in_every_language(rule: type[Rule]) -> None:
    english = docs.render(rule, catalogue("en"))
    for lang in LANGUAGES:
        text = docs.render(rule, catalogue(lang))
        assert text.startswith(f"# {rule.code} {rule.name}")
        assert text.count("```yaml") == english.count("```yaml")
        if lang != "en":
            assert text != english, f"{rule.name} doc is not translated into {lang}"
