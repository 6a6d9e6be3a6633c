"""Word lists as data: ``lexicons/<lang>/<check>.yaml``, one file per language per check.

Each file declares its ``check`` and ``language``, its ``terms`` (a list, or a mapping of
labels to lists), its ``exceptions`` (phrases whose words are never counted as terms, like
Vale's exceptions) and any named word lists its check uses (``negations``, ``reasons`` ...).
The folder ``mul`` holds lists that belong to no one language (emoji).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

CHECKS = (
    "question",
    "sentiment",
    "sentiment_prototypes",
    "promotion",
    "refusal",
    "forbidden",
)
#: The named word lists each check may have besides its terms and exceptions.
GROUPS: dict[str, frozenset[str]] = {
    "question": frozenset({"particles"}),
    "sentiment": frozenset({"negations", "negations_after"}),
    "refusal": frozenset({"reasons"}),
}
#: The folder of lists that belong to no one language.
ANY_LANGUAGE = "mul"
_RESERVED = {"check", "language", "terms", "exceptions"}


class LexiconError(ValueError):
    """A word list file that does not have the expected shape."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One word list file."""

    check: str
    language: str
    terms: Mapping[str, tuple[str, ...]]
    exceptions: tuple[str, ...]
    groups: Mapping[str, tuple[str, ...]]


def _root() -> Any:
    return resources.files(__package__ or "socialplan.text").joinpath("lexicons")


@cache
def languages() -> tuple[str, ...]:
    """The languages that have word lists, sorted."""
    return tuple(
        sorted(
            entry.name
            for entry in _root().iterdir()
            if entry.is_dir() and not entry.name.startswith(("_", ".")) and entry.name != "mul"
        )
    )


def _strings(where: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


@cache
def load(language: str, check: str) -> Lexicon | None:
    """The word list of *check* in *language*, or None when that language has none."""
    if check not in CHECKS:
        raise LexiconError(f"unknown check {check!r}; expected one of {', '.join(CHECKS)}")
    entry = _root().joinpath(language, f"{check}.yaml")
    if not entry.is_file():
        return None
    where = f"lexicons/{language}/{check}.yaml"
    data = YAML(typ="safe", pure=True).load(entry.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a mapping")
    if data.get("check") != check or data.get("language") != language:
        raise LexiconError(
            f"{where}: declares check {data.get('check')!r} and language "
            f"{data.get('language')!r}; its path says {check!r} and {language!r}"
        )
    raw_terms = data.get("terms")
    if isinstance(raw_terms, list):
        terms = {check: _strings(where, "terms", raw_terms)}
    elif isinstance(raw_terms, dict) and raw_terms:
        terms = {str(k): _strings(where, f"terms.{k}", v) for k, v in raw_terms.items()}
    else:
        raise LexiconError(f"{where}: terms must be a list or a mapping of labels to lists")
    exceptions = _strings(where, "exceptions", data.get("exceptions") or [])
    groups = {
        str(k): _strings(where, str(k), v or []) for k, v in data.items() if k not in _RESERVED
    }
    unknown = set(groups) - GROUPS.get(check, frozenset())
    if unknown:
        raise LexiconError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    return Lexicon(check, language, terms, exceptions, groups)
