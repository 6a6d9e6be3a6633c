"""Word tokens: ICU word breaks, normalised; the space-chunk shortcut equals ICU."""

from __future__ import annotations

import pytest
from tests.text.corpus import LANGUAGES, ORDINARY, QUESTIONS, SENTIMENT

from socialplan.text import tokens


def test_words_drop_punctuation_spaces_and_emoji() -> None:
    assert tokens.words("Hello, WORLD!! 😀 don't stop #tag @user") == [
        "hello",
        "world",
        "don't",
        "stop",
        "tag",
        "user",
    ]


def test_links_are_not_words() -> None:
    assert tokens.words("see https://example.com/a?b=c and www.x.org/k, mail me@x.com") == [
        "see",
        "and",
        "mail",
    ]


def test_thai_and_chinese_are_cut_into_words() -> None:
    assert tokens.words("อาหารไม่ดีเลย") == ["อาหาร", "ไม่", "ดี", "เลย"]
    assert tokens.words("请问这个软件怎么操作？") == ["请问", "这个", "软件", "怎么", "操作"]


def test_characters_beyond_the_bmp_keep_offsets_right() -> None:
    assert tokens.words("good😍 love 𠀋 it") == ["good", "love", "𠀋", "it"]


def test_normalisation() -> None:
    # Arabic letters as Persian, half space as a boundary, no diacritics.
    assert tokens.words("كيك") == tokens.words("کیک")
    assert tokens.words("می‌خواهم") == ["می", "خواهم"]
    assert tokens.normalise("عَلی") == "علی"
    # Greek without accents, final sigma folded; full-width forms; curly apostrophes.
    assert tokens.words("Τέλειος ΚΑΦΈΣ") == ["τελειοσ", "καφεσ"]
    assert tokens.words("ＡＢＣ１２３") == ["abc123"]
    assert tokens.words("don’t") == ["don't"]
    # Thai sara am survives NFKC, so ICU's dictionary still knows the word.
    assert tokens.words("ทำไม") == ["ทำไม"]


def test_clauses_carry_their_marks() -> None:
    seg = tokens.segment(tokens.normalise("Is it open? Great! Thanks.\nBye"))
    assert [(c.start, c.end, c.mark) for c in seg.clauses] == [
        (0, 3, "?"),
        (3, 4, "!"),
        (4, 5, "."),
        (5, 6, ""),
    ]


EXTRA = [
    "don't stop (really!) e.g. 3.5kg, #hashtag @user_name... ok?? fine!!\nnext line",
    "3,000 items -- best-ever \"quoted\" ¿qué? 'single'",
    "x: y; z? a—b a_b c'd e.f g:h",
    "good😍 love❤️it 😀😀",
    "好的\n\nok ไหม?\n 東京abc 123号 ร้าน24ชม.",
    "",
    "   ",
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shortcut_gives_the_same_tokens_as_icu(lang: str) -> None:
    texts = ORDINARY[lang] + [t for t, _ in SENTIMENT[lang]] + [t for t, _ in QUESTIONS[lang]]
    for text in [*texts, *EXTRA]:
        norm = tokens.normalise(text)
        assert tokens.segment(norm) == tokens.segment_icu(norm), text


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("th", "ร้านนี้บริการดีมาก", "บริการ"),
        ("zh", "这家店的服务很好", "服务"),
        ("vi", "Sản phẩm tuyệt vời", "sảnphẩm"),
    ],
)
def test_native_segmenters_are_available(lang: str, text: str, word: str) -> None:
    pytest.importorskip({"th": "pythainlp", "zh": "jieba", "vi": "underthesea"}[lang])
    assert word in tokens.words(text, lang, engine="native")
