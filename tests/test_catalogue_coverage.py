"""The rule catalogue covers every plan check of the mistakes catalogue (DOMAIN.md section 3)."""

from __future__ import annotations

from socialplan.rules.base import Scope
from socialplan.rules.registry import all_rules

#: Mistakes whose "plan check" column in DOMAIN.md is not empty.
PLAN_CHECKED = {
    "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12", "M13",
    "M15", "M17", "M18", "M19", "M20", "M21", "M22", "M23", "M24", "M26", "M27", "M28", "M29",
}  # fmt: skip


def test_every_plan_mistake_has_a_rule() -> None:
    covered = {m for rule in all_rules() if rule.scope is Scope.PLAN for m in rule.mistakes}
    assert covered >= PLAN_CHECKED, sorted(PLAN_CHECKED - covered)


def test_at_least_25_plan_rules() -> None:
    plan = [r for r in all_rules() if r.scope is Scope.PLAN and r.mistakes]
    assert len(plan) >= 25


def test_codes_and_names_are_well_formed() -> None:
    import re

    for rule in all_rules():
        assert re.fullmatch(r"S[PE]\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", rule.name), rule.name
        assert rule.title, rule.code
        assert rule.message, rule.code
        assert rule.fix, rule.code
        assert all(re.fullmatch(r"M\d{2}", m) for m in rule.mistakes), rule.code
        first = rule.message.split()[0]
        assert first[0].islower() or first[0] == "{" or first.isupper(), rule.code
        assert not rule.message.endswith("."), rule.code
