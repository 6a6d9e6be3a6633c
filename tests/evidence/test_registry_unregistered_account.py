"""SE209 registry.unregistered_account over brand accounts known only from account profiles."""

from __future__ import annotations

from pathlib import Path

from tests.evidence.test_account_inconsistent_names import run_case

from socialplan.strategy.locate import format_path

RULE = "registry.unregistered_account"
REGISTRY = {"accounts": [{"network": "facebook", "handle": "@Acme"}]}


def test_a_brand_profile_without_posts_must_be_registered(tmp_path: Path) -> None:
    case = {
        "strategy": REGISTRY,
        "accounts": [
            {"network": "facebook", "handle": "ACME"},
            {"network": "instagram", "handle": "acme.shop", "display_name": "Acme Shop"},
        ],
    }
    (violation,) = run_case(RULE, case, tmp_path)
    assert format_path(violation.path) == "accounts"
    assert violation.args == {"handle": "acme.shop", "network": "Instagram"}
    assert [(e.account_id, e.network, e.item_id) for e in violation.exhibits] == [
        ("instagram:acme.shop", "instagram", None)
    ]


def test_audience_profiles_need_no_registration(tmp_path: Path) -> None:
    case = {
        "strategy": REGISTRY,
        "accounts": [{"network": "facebook", "handle": "lan", "is_brand": False}],
    }
    assert run_case(RULE, case, tmp_path) == []


def test_a_profile_and_its_posts_make_one_finding(tmp_path: Path) -> None:
    case = {
        "strategy": REGISTRY,
        "accounts": [{"network": "x", "handle": "Acme_X"}],
        "items": [
            {"id": "p1", "network": "x", "author": "acme_x", "author_kind": "brand",
             "kind": "post", "at": "2026-10-01T09:00:00Z", "text": "Hello"},
        ],
    }  # fmt: skip
    (violation,) = run_case(RULE, case, tmp_path)
    assert violation.args["handle"] == "Acme_X"
    assert [e.item_id for e in violation.exhibits] == ["x:p1"]
