"""Silencing a finding in the document needs a reason; an unused silence is reported."""

from __future__ import annotations

from tests.conftest import TODAY

from socialplan.rules.engine import check_strategy, instantiate
from socialplan.rules.registry import all_rules
from socialplan.rules.selection import Selection
from socialplan.strategy import parse_strategy

BASE = """
goal: {outcome: Be visible}
channels:
  - {network: facebook, account: a, cadence: {posts: 6, per: day}}
  - {network: x, account: b, cadence: {posts: 30, per: day}}
"""


def _check(text: str, select: tuple[str, ...] = ("ALL",)) -> list[tuple[str, str]]:
    selection = Selection(select=select)
    rules = instantiate(selection.chosen(all_rules()), {}, today=TODAY)
    result = check_strategy(parse_strategy(text), rules, selection)
    return [(f.code, f.path) for f in result.findings]


def test_silence_by_code_and_path() -> None:
    before = _check(BASE, ("SP715", "SP202", "silence"))
    assert ("SP715", "channels[0].cadence") in before
    after = _check(
        BASE + "silence:\n  - {rule: SP715, at: 'channels[0]', reason: launch week}\n",
        ("SP715", "SP202", "silence"),
    )
    assert ("SP715", "channels[0].cadence") not in after
    assert ("SP715", "channels[1].cadence") in after


def test_silence_by_name_everywhere() -> None:
    found = _check(
        BASE + "silence:\n  - {rule: goal.not_measurable, reason: draft}\n", ("goal", "silence")
    )
    assert not [f for f in found if f[0] == "SP202"]


def test_unused_silence_is_reported() -> None:
    found = _check(
        BASE + "silence:\n  - {rule: SP715, at: 'channels[5]', reason: old}\n", ("SP715", "silence")
    )
    assert ("SP001", "silence[0]") in found


def test_silence_of_unknown_rule_is_reported() -> None:
    found = _check(BASE + "silence:\n  - {rule: SP9999, reason: typo}\n", ("ALL",))
    assert ("SP002", "silence[0]") in found


def test_silence_of_a_rule_not_run_is_not_unused() -> None:
    found = _check(BASE + "silence:\n  - {rule: SP715, reason: ok}\n", ("goal", "silence"))
    assert ("SP001", "silence[0]") not in found


def test_silence_needs_a_reason() -> None:
    import pytest

    from socialplan.errors import InputError

    with pytest.raises(InputError) as caught:
        parse_strategy(BASE + "silence:\n  - {rule: SP715}\n", "s.yaml")
    assert "required key reason is missing" in caught.value.problems[0].message.format(
        **caught.value.problems[0].args
    )
