"""Finding listed terms on word tokens, never inside words.

Every term is cut by the same tokenizer as the texts, and a term matches a run of whole tokens
whose letters, joined, spell it. Joining makes a term match however the tokenizer happened to
cut it (Thai and Chinese dictionaries cut a phrase alone differently from the phrase in a
sentence; Persian words are written with or without a half space), and whole tokens mean a
term never matches part of a longer word (Persian خر in خرید, Chinese 操 in 操作, Thai หี in
หีบห่อ).

One matcher per language holds all its checks, so a text is scanned once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal, NamedTuple

from socialplan.text import lexicons
from socialplan.text.tokens import Clause, words

Role = Literal["term", "exception", "group"]
#: The checks whose terms and exceptions an other language borrows from English, where
#: English words are mixed into comments.
BORROWED_LANGUAGE = "en"
BORROWED_CHECKS = ("sentiment", "promotion", "forbidden")
_MATCHED_CHECKS = ("question", "sentiment", "promotion", "refusal", "forbidden")


class Entry(NamedTuple):
    """What a listed phrase is: a term (with its label), an exception, or a group member."""

    check: str
    role: Role
    label: str


class Hit(NamedTuple):
    """A listed phrase found at words ``start:end`` of the clause ``clause``."""

    start: int
    end: int
    role: Role
    label: str
    clause: Clause


@dataclass(slots=True)
class Matches:
    """The hits of one text, by check."""

    by_check: dict[str, list[Hit]] = field(default_factory=dict)

    def terms(self, check: str) -> list[Hit]:
        """Term hits of *check* that no exception of the same check covers."""
        hits = self.by_check.get(check)
        if not hits:
            return []
        shields = [(h.start, h.end) for h in hits if h.role == "exception"]
        return [
            h
            for h in hits
            if h.role == "term" and not any(s <= h.start and h.end <= e for s, e in shields)
        ]

    def group(self, check: str, name: str) -> list[Hit]:
        """Hits of the named word list of *check* (negations, reasons, particles ...)."""
        return [h for h in self.by_check.get(check, ()) if h.role == "group" and h.label == name]


def key(phrase: str, language: str | None) -> str:
    """The form a phrase is looked up in: its normalised tokens joined."""
    return "".join(words(phrase, language))


class Matcher:
    """All listed phrases of one language, looked up on runs of whole tokens."""

    def __init__(self, phrases: Iterable[tuple[str, Entry]]) -> None:
        table: dict[str, list[Entry]] = {}
        for text, entry in phrases:
            if text and entry not in table.setdefault(text, []):
                table[text].append(entry)
        prefixes = {k[:i] for k in table for i in range(1, len(k))}
        # One lookup per step: the entries a joined run spells, and whether a longer run can.
        self._lookup: dict[str, tuple[tuple[Entry, ...], bool]] = {
            text: (tuple(table.get(text, ())), text in prefixes) for text in table.keys() | prefixes
        }
        self._size = len(table)

    def __len__(self) -> int:
        return self._size

    def find(self, tokens: Sequence[str], clauses: Sequence[Clause]) -> Matches:
        """Every listed phrase that spells a run of whole tokens inside one clause."""
        lookup = self._lookup
        found: dict[str, list[Hit]] = {}
        for clause in clauses:
            end = clause.end
            for i in range(clause.start, end):
                state = lookup.get(tokens[i])
                if state is None:
                    continue
                text = tokens[i]
                j = i + 1
                while True:
                    entries, longer = state
                    for entry in entries:
                        found.setdefault(entry.check, []).append(
                            Hit(i, j, entry.role, entry.label, clause)
                        )
                    if not longer or j >= end:
                        break
                    text += tokens[j]
                    j += 1
                    next_state = lookup.get(text)
                    if next_state is None:
                        break
                    state = next_state
        return Matches(found)


def _phrases(lexicon: lexicons.Lexicon, borrowed: bool = False) -> Iterable[tuple[str, Entry]]:
    language = lexicon.language
    check = lexicon.check
    for label, terms in lexicon.terms.items():
        for term in terms:
            yield key(term, language), Entry(check, "term", label)
    for phrase in lexicon.exceptions:
        yield key(phrase, language), Entry(check, "exception", "")
    if not borrowed:
        for name, members in lexicon.groups.items():
            for phrase in members:
                yield key(phrase, language), Entry(check, "group", name)


def _own(language: str) -> list[tuple[str, Entry]]:
    phrases: list[tuple[str, Entry]] = []
    for check in _MATCHED_CHECKS:
        lexicon = lexicons.load(language, check)
        if lexicon is not None:
            phrases.extend(_phrases(lexicon))
    return phrases


def for_language(language: str | None) -> Matcher:
    """The matcher of *language*: its own lists, plus English terms of the borrowed checks.

    A language without lists (or an unknown one) gets the English lists and the forbidden
    terms of every language, so that policy terms are found whatever the language.
    """
    return _build(language if language in lexicons.languages() else None)


@cache
def _build(language: str | None) -> Matcher:
    known = lexicons.languages()
    if language is not None:
        phrases = _own(language)
        if language != BORROWED_LANGUAGE:
            own = {(text, entry.check) for text, entry in phrases}
            for check in BORROWED_CHECKS:
                lexicon = lexicons.load(BORROWED_LANGUAGE, check)
                if lexicon is not None:
                    phrases.extend(
                        (text, entry)
                        for text, entry in _phrases(lexicon, borrowed=True)
                        if (text, check) not in own
                    )
        return Matcher(phrases)
    phrases = _own(BORROWED_LANGUAGE) if BORROWED_LANGUAGE in known else []
    for other in known:
        lexicon = lexicons.load(other, "forbidden")
        if lexicon is not None and other != BORROWED_LANGUAGE:
            phrases.extend(_phrases(lexicon))
    return Matcher(phrases)
