"""Every rule's doc: fixed headings, and its bad and good examples run as tests."""

from __future__ import annotations

import datetime as dt

import pytest

from socialplan.i18n import LANGUAGES, catalogue
from socialplan.rules import docs
from socialplan.rules.base import PlanRule, Rule
from socialplan.rules.registry import all_rules
from socialplan.strategy import parse_strategy

DOCUMENTED = [r for r in all_rules() if r.group() != "silence"]


def _ids(rule: type[Rule]) -> str:
    return f"{rule.code}-{rule.name}"


@pytest.mark.parametrize("rule", DOCUMENTED, ids=_ids)
def test_doc_has_fixed_headings(rule: type[Rule]) -> None:
    assert docs.headings(docs.doc_source(rule)) == list(docs.HEADINGS)


@pytest.mark.parametrize("rule", DOCUMENTED, ids=_ids)
def test_doc_examples_behave(rule: type[Rule]) -> None:
    assert issubclass(rule, PlanRule)
    found = docs.examples(docs.doc_source(rule))
    assert found["bad"], "the doc needs a ```yaml bad example"
    assert found["good"], "the doc needs a ```yaml good example"
    checker = rule(today=dt.date(2026, 11, 1))
    for text in found["bad"]:
        assert list(checker.check(parse_strategy(text, "bad").document)), text
    for text in found["good"]:
        assert not list(checker.check(parse_strategy(text, "good").document)), text


@pytest.mark.parametrize("rule", DOCUMENTED, ids=_ids)
def test_doc_renders_in_every_language(rule: type[Rule]) -> None:
    english = docs.render(rule, catalogue("en"))
    for lang in LANGUAGES:
        text = docs.render(rule, catalogue(lang))
        assert text.startswith(f"# {rule.code} {rule.name}")
        assert text.count("```yaml") == english.count("```yaml")
        if lang != "en":
            assert text != english, f"{rule.name} doc is not translated into {lang}"
