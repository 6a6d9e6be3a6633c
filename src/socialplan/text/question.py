"""Questions: a question mark (also Arabic/Persian '؟', full-width '？', Spanish '¿', and the
Greek question mark ';' in Greek), else a listed question word where it asks.

Question words are listed per language (``lexicons/<lang>/question.yaml``) by position:
``start`` words ask at the start of a clause, ``end`` words (sentence-final particles such as
Thai ไหม, Chinese 吗, Vietnamese không) at its end, ``anywhere`` words anywhere. Politeness
particles around them (``particles``) are skipped; clauses ended by '!' never ask.
"""

from __future__ import annotations

import re

from socialplan.text.matcher import Hit, Matches
from socialplan.text.tokens import Clause

_MARKS = re.compile(r"[?\u061f\u00bf\u2753\u2754\u2047-\u2049]")
_ENTITY = re.compile(r"&#?\w{1,8};")
#: ';' asks in Greek unless it is a winking face.
_GREEK_MARK = re.compile(r";(?![-)(\]pd*])")


def has_mark(norm: str, language: str | None) -> bool:
    """Whether the normalised, link-free text has a question mark of its language."""
    if _MARKS.search(norm):
        return True
    if language == "el" and ";" in norm:
        return _GREEK_MARK.search(_ENTITY.sub(" ", norm)) is not None
    return False


def _inner(clause: Clause, particles: list[Hit]) -> tuple[int, int]:
    start, end = clause.start, clause.end
    moved = True
    while moved and start < end:
        moved = False
        for p in particles:
            if p.clause is clause and p.start == start and p.end <= end:
                start, moved = p.end, True
            elif p.clause is clause and p.end == end and p.start >= start:
                end, moved = p.start, True
    return start, end


def is_question(norm: str, language: str | None, matches: Matches) -> bool:
    """Whether a text asks something."""
    if has_mark(norm, language):
        return True
    hits = matches.terms("question")
    if not hits:
        return False
    particles = matches.group("question", "particles")
    for hit in hits:
        clause = hit.clause
        if clause.mark == "!":
            continue
        if hit.label == "anywhere":
            return True
        start, end = _inner(clause, particles) if particles else (clause.start, clause.end)
        if (hit.label == "start" and hit.start <= start) or (hit.label == "end" and hit.end >= end):
            return True
    return False
