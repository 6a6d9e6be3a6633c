"""Refusals without a reason: "no comment", "we cannot comment".

A refusal that gives a reason ("because the investigation is ongoing") or a way forward
("please message us") is an honest answer, not a refusal (``reasons`` in the word lists).
"""

from __future__ import annotations

from socialplan.text.matcher import Matches


def is_refusal(matches: Matches) -> bool:
    """Whether a reply refuses to answer and gives no reason."""
    return bool(matches.terms("refusal")) and not matches.group("refusal", "reasons")
