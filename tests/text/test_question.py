"""Questions: marks of each script, and question words where they ask."""

from __future__ import annotations

import pytest
from tests.text.corpus import LANGUAGES, QUESTIONS

from socialplan.text.analyse import analyse


def _asks(text: str, lang: str | None = None) -> bool:
    return analyse([text], [lang], embed_budget=0)[0].question


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Open tomorrow?", "en"),
        ("مفتوح غدا؟", "ar"),
        ("فردا باز است؟", "fa"),
        ("明天开门？", "zh"),
        ("Ανοίγετε αύριο;", "el"),
        ("Ανοίγετε αύριο\u037e", "el"),
        ("¿Abren mañana", "es"),
    ],
)
def test_question_marks(text: str, lang: str) -> None:
    assert _asks(text, lang)


def test_greek_semicolon_asks_only_in_greek() -> None:
    assert _asks("Πότε ανοίγετε;", "el")
    assert not _asks("We open at nine; see you then", "en")
    assert not _asks("Ευχαριστώ πολύ ;)", "el")
    assert not _asks("Τέλειο &amp; γρήγορο", "el")


def test_a_question_mark_inside_a_link_does_not_ask() -> None:
    assert not _asks("Details at https://shop.example/item?id=4", "en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_questions_per_language(lang: str) -> None:
    items = QUESTIONS[lang]
    got = analyse([t for t, _ in items], [lang] * len(items), embed_budget=0)
    wrong = [t for s, (t, want) in zip(got, items, strict=True) if s.question != want]
    # Measured 48/48 over the six languages; one miss per language is tolerated.
    assert len(wrong) <= 1, wrong


def test_exclamations_do_not_ask() -> None:
    assert not _asks("What a day!", "en")
    assert not _asks("How lovely", "en")
    assert _asks("How do I reset my password", "en")
