"""Refusals without a reason, and self-promotion."""

from __future__ import annotations

import pytest
from tests.text.corpus import LANGUAGES, PROMOTIONS, REFUSALS

from socialplan.text.analyse import analyse


@pytest.mark.parametrize("lang", LANGUAGES)
def test_refusals(lang: str) -> None:
    items = REFUSALS[lang]
    got = analyse([t for t, _ in items], [lang] * len(items), embed_budget=0)
    assert [s.refusal for s in got] == [want for _, want in items]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_promotion(lang: str) -> None:
    items = PROMOTIONS[lang]
    got = analyse([t for t, _ in items], [lang] * len(items), embed_budget=0)
    assert [s.promotional for s in got] == [want for _, want in items]


def test_a_refusal_with_a_reason_is_not_a_refusal() -> None:
    no, yes = analyse(
        ["We cannot comment because the case is with the police", "We cannot comment."],
        ["en", "en"],
        embed_budget=0,
    )
    assert not no.refusal
    assert yes.refusal


def test_an_offer_needs_the_brand_speaking_or_a_call_to_action() -> None:
    texts = ["Is the discount still on?", "Our discount ends Sunday", "Shop now"]
    assert [s.promotional for s in analyse(texts, ["en"] * 3, embed_budget=0)] == [
        False,
        True,
        True,
    ]
