"""Forbidden terms: whole words only, no false flags on ordinary comments."""

from __future__ import annotations

import pytest
from tests.text.corpus import FORBIDDEN_HITS, LANGUAGES, ORDINARY, SUBSTRINGS

from socialplan.strategy.model.vocab import FORBIDDEN_CATEGORIES
from socialplan.text import lexicons
from socialplan.text.analyse import analyse


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_false_flags_on_ordinary_comments(lang: str) -> None:
    texts = ORDINARY[lang]
    assert len(texts) >= 20
    flagged = [
        (t, s.forbidden)
        for t, s in zip(texts, analyse(texts, [lang] * len(texts), embed_budget=0), strict=True)
        if s.forbidden or s.review
    ]
    assert flagged == []


@pytest.mark.parametrize(("lang", "text", "category"), FORBIDDEN_HITS)
def test_listed_terms_are_found_as_words(lang: str, text: str, category: str) -> None:
    signals = analyse([text], [lang], embed_budget=0)[0]
    assert category in signals.forbidden
    assert signals.review


@pytest.mark.parametrize(("lang", "text", "term"), SUBSTRINGS)
def test_no_hit_inside_a_longer_word(lang: str, text: str, term: str) -> None:
    assert term in text or term.replace("ό", "ο") in text.lower() or lang == "el"
    signals = analyse([text], [lang], embed_budget=0)[0]
    assert signals.forbidden == ()


def test_substring_cases_cover_thai_chinese_and_persian() -> None:
    assert {lang for lang, _, _ in SUBSTRINGS} >= {"th", "zh", "fa"}
    for lang, _, term in SUBSTRINGS:
        lexicon = lexicons.load(lang, "forbidden")
        assert lexicon is not None
        assert any(term in terms for terms in lexicon.terms.values()), (lang, term)


def test_terms_are_tokenised_like_texts() -> None:
    # Persian written with a half space, a space, or neither is one term.
    for text in ("تو بی‌شعور هستی", "تو بی شعور هستی", "تو بیشعور هستی"):
        assert analyse([text], ["fa"], embed_budget=0)[0].forbidden == ("insult",)
    # A Persian suffix after a half space leaves the word itself.
    assert analyse(["احمق‌ها"], ["fa"], embed_budget=0)[0].forbidden == ("insult",)


def test_exceptions_shield_their_words() -> None:
    assert analyse(["Oh my god, it arrived already"], ["en"], embed_budget=0)[0].forbidden == ()
    assert analyse(["God is great"], ["en"], embed_budget=0)[0].forbidden == ("religion",)
    assert analyse(["秒杀活动"], ["zh"], embed_budget=0)[0].forbidden == ()


def test_english_terms_are_found_in_other_languages() -> None:
    assert "obscenity" in analyse(["shop này bullshit"], ["vi"], embed_budget=0)[0].forbidden


def test_unknown_languages_get_every_languages_forbidden_terms() -> None:
    assert analyse(["Tu es un idiot"], ["fr"], embed_budget=0)[0].forbidden == ("insult",)


def test_categories_are_the_policy_categories() -> None:
    for lang in lexicons.languages():
        lexicon = lexicons.load(lang, "forbidden")
        assert lexicon is not None, lang
        assert set(lexicon.terms) <= set(FORBIDDEN_CATEGORIES), lang
        assert {
            "insult",
            "racism",
            "sexism",
            "religion",
            "obscenity",
            "sexual_innuendo",
            "derogatory",
            "discrimination",
            "violence",
        } <= set(lexicon.terms), lang
