"""SE210 account.inconsistent_names over stores that hold account profiles.

The shared case builder does not read ``accounts`` rows yet, so this module builds the same
stores with the profiles added, and runs the rule's cases and doc examples through them.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from tests.evidence_cases import build_store

from socialplan.activity.backends import duckdb_backend
from socialplan.activity.schema import Account, Extract
from socialplan.activity.store import Store
from socialplan.rules import docs
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule
from socialplan.rules.evidence.account_inconsistent_names import InconsistentNames, same_name
from socialplan.rules.registry import find_rule
from socialplan.strategy.locate import format_path
from socialplan.strategy.model import Strategy

TODAY = dt.date(2026, 11, 1)
CASES = resources.files("socialplan.rules") / "cases"


def build_store_with_accounts(root: Path, case: dict[str, Any]) -> Store:
    """The case's store, plus its ``accounts`` rows as a second batch."""
    store = build_store(root, case)
    extract = Extract(source_format="case")
    for row in case.get("accounts") or []:
        extract.accounts.append(
            Account(
                network=row.get("network", "facebook"),
                handle=str(row["handle"]),
                display_name=row.get("display_name"),
                bio=row.get("bio"),
                url=row.get("url"),
                is_brand=row.get("is_brand", True),
            )
        )
    if extract.accounts:
        store.add(extract, "case-accounts", "case-accounts-fingerprint")
    return store


def run_case(rule_name: str, case: dict[str, Any], root: Path) -> list[Any]:
    """The violations *rule_name* finds in the store of *case*."""
    rule_type = find_rule(rule_name)
    assert rule_type is not None
    rule = rule_type(case.get("options"), today=TODAY)
    assert isinstance(rule, EvidenceRule)
    evidence = Evidence(
        con=duckdb_backend(build_store_with_accounts(root, case)),
        strategy=Strategy.model_validate(case.get("strategy") or {}),
        today=TODAY,
    )
    return list(rule.check(evidence))


def _cases() -> list[Any]:
    cases = YAML(typ="safe").load((CASES / "account.inconsistent_names.yaml").read_text("utf-8"))
    return [pytest.param(c, id=c["name"]) for c in cases]


@pytest.mark.parametrize("case", _cases())
def test_case_with_accounts(case: dict[str, Any], tmp_path: Path) -> None:
    violations = run_case("account.inconsistent_names", case, tmp_path)
    assert sorted(format_path(v.path) for v in violations) == sorted(case["expect"])


def test_doc_examples_with_accounts(tmp_path: Path) -> None:
    found = docs.examples(docs.doc_source(InconsistentNames))
    assert found["bad"]
    assert found["good"]
    for kind, texts in found.items():
        for number, text in enumerate(texts):
            case = YAML(typ="safe").load(text)
            violations = run_case(InconsistentNames.name, case, tmp_path / f"{kind}{number}")
            assert bool(violations) == (kind == "bad"), text


def test_names_finding_quotes_each_profile(tmp_path: Path) -> None:
    case = {
        "accounts": [
            {"network": "facebook", "handle": "acme", "display_name": "Acme", "bio": "Hi"},
            {"network": "x", "handle": "acme_x", "display_name": "Acme Official", "bio": "Hi"},
        ]
    }
    (violation,) = run_case("account.inconsistent_names", case, tmp_path)
    assert violation.args["count"] == 2
    assert violation.args["names"] == "Acme (Facebook), Acme Official (X (Twitter))"
    assert [(e.account_id, e.excerpt) for e in violation.exhibits] == [
        ("facebook:acme", "Acme"),
        ("x:acme_x", "Acme Official"),
    ]


def test_same_name_ignores_case_spaces_and_punctuation() -> None:
    assert same_name("Acme Coffee!") == same_name("acme-coffee") == "acmecoffee"
    assert same_name("Cà Phê Acme") == same_name("cà phê ACME")
    assert same_name("Acme Coffee") != same_name("Acme Roasters")
