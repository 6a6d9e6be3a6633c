"""The catalogue of rules: every module under ``plan/`` registers its rule on import."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TypeVar

from socialplan.rules.base import Rule

_RULES: dict[str, type[Rule]] = {}
R = TypeVar("R", bound=type[Rule])


def register(rule: R) -> R:
    """Class decorator adding *rule* to the catalogue; codes and names must be unique."""
    for other in _RULES.values():
        if other is not rule and (other.code == rule.code or other.name == rule.name):
            raise ValueError(f"{rule.code} {rule.name} clashes with {other.code} {other.name}")
    _RULES[rule.code] = rule
    return rule


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule of the catalogue, ordered by code."""
    from socialplan.rules import evidence, meta, plan

    del meta
    for package in (plan, evidence):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    return tuple(sorted(_RULES.values(), key=lambda r: r.code))


def find_rule(token: str) -> type[Rule] | None:
    """The rule whose code, name or alias is *token*."""
    for rule in all_rules():
        if token in (rule.code, rule.name) or token in rule.aliases:
            return rule
    return None
