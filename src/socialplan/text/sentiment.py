"""Sentiment by cheap rules: listed opinion words, flipped by negations, and emoji.

Each language lists ``positive`` and ``negative`` terms, ``negations`` that flip a term up to
two words after them, and optionally ``negations_after`` that flip the term just before them
(Persian «خوب نیست»). Emoji and emoticons of any language are in ``lexicons/mul``. When the
signs balance, or no opinion word occurs, the rules do not decide and the text goes to the
embedding path (``prototypes``) if the budget allows.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from socialplan.text import lexicons
from socialplan.text.matcher import Hit, Matches
from socialplan.text.tokens import normalise

Sentiment = Literal["negative", "neutral", "positive"]
#: How many words may stand between a negation and the term it flips.
WINDOW = 2


@cache
def _emoji() -> tuple[re.Pattern[str] | None, frozenset[str]]:
    lexicon = lexicons.load(lexicons.ANY_LANGUAGE, "sentiment")
    if lexicon is None:
        return None, frozenset()
    polar: dict[str, str] = {}
    for label in ("positive", "negative"):
        for term in lexicon.terms.get(label, ()):
            polar[normalise(term)] = label
    # One character class for the single-character emoji (a regex alternation of many
    # literals is tried one by one at every position), then the longer emoticons.
    singles = "".join(re.escape(t) for t in polar if len(t) == 1)
    longer = sorted((t for t in polar if len(t) > 1), key=len, reverse=True)
    parts = ([f"[{singles}]"] if singles else []) + [re.escape(t) for t in longer]
    pattern = re.compile("|".join(parts))
    return pattern, frozenset(t for t, label in polar.items() if label == "positive")


def _longest(hits: list[Hit]) -> list[Hit]:
    chosen: list[Hit] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        if hit.start >= last_end:
            chosen.append(hit)
            last_end = hit.end
    return chosen


def score(norm: str, matches: Matches) -> tuple[int, int]:
    """Positive minus negative evidence of a normalised text: from its words, from its emoji."""
    words = 0
    terms = (
        _longest([h for h in matches.terms("sentiment") if h.label in _POLARITY])
        if "sentiment" in matches.by_check
        else []
    )
    if terms:
        spans = [(t.start, t.end) for t in terms]
        before = [
            n
            for n in matches.group("sentiment", "negations")
            if not any(s < n.end and n.start < e for s, e in spans)
        ]
        after = [
            n
            for n in matches.group("sentiment", "negations_after")
            if not any(s < n.end and n.start < e for s, e in spans)
        ]
        for term in terms:
            polarity = _POLARITY[term.label]
            flipped = any(
                n.clause is term.clause and term.start - WINDOW <= n.end <= term.start
                for n in before
            ) or any(n.clause is term.clause and n.start == term.end for n in after)
            words += -polarity if flipped else polarity
    emoji = 0
    pattern, positive = _emoji()
    if pattern is not None and (_FACES.search(norm) or _SYMBOLS.search(norm)):
        for found in pattern.findall(norm):
            emoji += 1 if found in positive else -1
    return words, emoji


_POLARITY = {"positive": 1, "negative": -1}
#: Characters without which a text has no listed emoticon or emoji: cheap range tests
#: before the scan (a class of many emoji is slow to test at every position).
_FACES = re.compile(r"[:;<^=]")
_SYMBOLS = re.compile("[\u2190-\u2bff\U0001f000-\U0001faff]")


def decide(value: int) -> Sentiment | None:
    """The sentiment a score decides, or None when it is balanced."""
    if value > 0:
        return "positive"
    if value < 0:
        return "negative"
    return None
