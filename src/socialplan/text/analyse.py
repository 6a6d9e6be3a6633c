"""The text signals of many texts at once: the one entry point of this package.

Cheap signals (language, tokens, question, word-list checks, fingerprint) are computed for
every distinct text; the embedding path runs only for texts whose sentiment the word rules
cannot decide, at most ``embed_budget`` of them per call, in input order. Beyond the budget
an undecided text is neutral.

Large calls spread the cheap path over the machine's idle cores in fresh worker processes
(``workers``); on a busy machine, or where those cannot run, the work runs in this process.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from socialplan.text import (
    forbidden,
    language,
    matcher,
    promotion,
    question,
    refusal,
    sentiment,
    workers,
)
from socialplan.text.fingerprint import fingerprints
from socialplan.text.sentiment import Sentiment
from socialplan.text.tokens import normalise, segment, strip_links

#: Distinct texts from which a call uses several processes (below, starting them costs more
#: than it saves), texts per task, and at most this many processes.
PARALLEL_FROM = 40_000
TASK_SIZE = 5_000
MAX_WORKERS = 8
#: Texts analysed together before their words are dropped.
CHUNK = 4096


@dataclass(frozen=True, slots=True)
class TextSignals:
    """What the text analysis says about one text."""

    language: str | None
    question: bool
    sentiment: str  # "negative" | "neutral" | "positive"
    promotional: bool  # self-referential promotion of the brand/product
    refusal: bool  # a reply refusing without a reason ("no comment", "we cannot comment")
    forbidden: tuple[str, ...]  # policy categories whose terms occur
    review: bool  # ambiguous/possibly harmful: route to a human, never an automatic verdict
    fingerprint: int  # 64-bit SimHash over tokens as a signed int64, for near-duplicates
    tokens: int


@dataclass(slots=True)
class _Cheap:
    language: str | None
    question: bool
    sentiment: Sentiment | None
    promotional: bool
    refusal: bool
    forbidden: tuple[str, ...]
    review: bool
    words: list[str]


class _Row(NamedTuple):
    language: str | None
    question: bool
    sentiment: Sentiment | None
    promotional: bool
    refusal: bool
    forbidden: tuple[str, ...]
    review: bool
    fingerprint: int
    tokens: int


def _cheap(text: str, hint: str | None) -> _Cheap:
    clean = strip_links(text)
    lang = language.detect(clean, hint)
    norm = normalise(clean)
    seg = segment(norm)
    matches = matcher.for_language(lang).find(seg.words, seg.clauses)
    by_words, by_emoji = sentiment.score(norm, matches)
    categories = forbidden.categories(matches)
    return _Cheap(
        language=lang,
        question=question.is_question(norm, lang, matches),
        sentiment=sentiment.decide(by_words + by_emoji),
        promotional=promotion.is_promotional(matches),
        refusal=refusal.is_refusal(matches),
        forbidden=categories,
        # Words and emoji that disagree (praise with an eye-roll) are how sarcasm shows.
        review=bool(categories) or by_words * by_emoji < 0,
        words=seg.words,
    )


def _cheap_rows(pairs: Sequence[tuple[str, str | None]]) -> list[_Row]:
    rows: list[_Row] = []
    # In chunks, so that the words of a million texts are never all held at once.
    for first in range(0, len(pairs), CHUNK):
        cheap = [_cheap(text, hint) for text, hint in pairs[first : first + CHUNK]]
        prints = fingerprints([c.words for c in cheap])
        rows.extend(
            _Row(
                c.language,
                c.question,
                c.sentiment,
                c.promotional,
                c.refusal,
                c.forbidden,
                c.review,
                fp,
                len(c.words),
            )
            for c, fp in zip(cheap, prints, strict=True)
        )
    return rows


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: the analysis makes no cycles, but its millions of
    small objects set off full collections that cost a fifth of the time (measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _all_rows(pairs: list[tuple[str, str | None]]) -> list[_Row]:
    count = workers.idle_cores(MAX_WORKERS) if len(pairs) >= PARALLEL_FROM else 1
    if count >= 2:
        rows = workers.run(pairs, count)
        if rows is not None:
            return [_Row(*row) for row in rows]
    return _cheap_rows(pairs)


def analyse(
    texts: Sequence[str],
    hints: Sequence[str | None] | None = None,
    *,
    embed_budget: int = 2000,
) -> list[TextSignals]:
    """The signals of each text; *hints* are language hints (the platform's declared language
    or the thread's) that short texts take when they cannot show their own."""
    if hints is not None and len(hints) != len(texts):
        raise ValueError(f"{len(hints)} hints for {len(texts)} texts")
    with _no_cycle_collection():
        return _analyse(texts, hints, embed_budget)


def _analyse(
    texts: Sequence[str], hints: Sequence[str | None] | None, embed_budget: int
) -> list[TextSignals]:
    slots: dict[tuple[str, str | None], int] = {}
    order: list[int] = []
    for index, text in enumerate(texts):
        pair = (text or "", hints[index] if hints is not None else None)
        slot = slots.get(pair)
        if slot is None:
            slot = slots[pair] = len(slots)
        order.append(slot)
    pairs = list(slots)
    rows = _all_rows(pairs)
    undecided = [i for i, row in enumerate(rows) if row.sentiment is None and row.tokens]
    chosen = undecided[: max(0, embed_budget)]
    if chosen:
        from socialplan.text import prototypes

        found = prototypes.classify(
            [strip_links(pairs[i][0]) for i in chosen], [rows[i].language for i in chosen]
        )
        for i, label in zip(chosen, found, strict=True):
            rows[i] = rows[i]._replace(sentiment=label)
    signals = [
        TextSignals(
            language=row.language,
            question=row.question,
            sentiment=row.sentiment or "neutral",
            promotional=row.promotional,
            refusal=row.refusal,
            forbidden=row.forbidden,
            review=row.review,
            fingerprint=row.fingerprint,
            tokens=row.tokens,
        )
        for row in rows
    ]
    return [signals[slot] for slot in order]
