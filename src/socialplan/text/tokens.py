"""Word tokens for matching: normalised text cut at ICU word breaks, in every language.

ICU's word break iterator carries dictionaries for Thai and Chinese, so one tokenizer serves
all six languages; the languages' own segmenters (jieba, PyThaiNLP newmm, underthesea) are
available as ``engine="native"`` for comparison (docs/text-analysis.md has the measurement and
why ICU is the default). Normalisation makes spellings that people mix compare equal: NFKC,
case folding, Arabic ي/ك/ى as Persian ی/ک/ی, no Arabic diacritics or tatweel, Greek without
accents, straight apostrophes, and the Persian half space (ZWNJ) as a word boundary, so that
«احمق‌ها» holds the word «احمق» and «می‌خواهم», «می خواهم», «میخواهم» all match one term.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

import icu  # type: ignore[import-untyped]

#: Where a clause ends, by the strongest mark found between two words.
Mark = Literal["?", ";", "!", ".", ""]

_TABLE = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura -> Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
        "\u0640": None,  # tatweel
        "\u200c": " ",  # zero-width non-joiner: Persian half space, a boundary in a word
        "\u200d": None,  # zero-width joiner
        "\u200b": None,  # zero-width space
        "\u00ad": None,  # soft hyphen
        "\ufe0f": None,  # emoji presentation selector
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u0301": None,  # combining acute (Greek tonos after case folding)
        "\u0308": None,  # combining diaeresis
        "\u0342": None,  # combining perispomeni
        "\u03ac": "\u03b1",  # ά
        "\u03ad": "\u03b5",  # έ
        "\u03ae": "\u03b7",  # ή
        "\u03af": "\u03b9",  # ί
        "\u03cc": "\u03bf",  # ό
        "\u03cd": "\u03c5",  # ύ
        "\u03ce": "\u03c9",  # ώ
        "\u03ca": "\u03b9",  # ϊ
        "\u03cb": "\u03c5",  # ϋ
        "\u0390": "\u03b9",  # ΐ
        "\u03b0": "\u03c5",  # ΰ
        **{chr(c): None for c in range(0x064B, 0x0660)},  # Arabic harakat
        "\u0670": None,  # superscript alef
    }
)
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE)
_MARKS: dict[str, Mark] = {
    "?": "?",
    "\u061f": "?",  # Arabic question mark
    "\u00bf": "?",
    ";": ";",  # the Greek question mark after NFKC
    "!": "!",
    ".": ".",
    "\u3002": ".",
    "\u2026": ".",
    "\n": ".",
}
_RANK = {"": 0, ".": 1, "!": 2, ";": 3, "?": 4}


def strip_links(text: str) -> str:
    """The text without web addresses and e-mail addresses (their '?' and words are not prose)."""
    if "." not in text and "@" not in text:
        return text
    return _URL.sub(" ", text)


def normalise(text: str) -> str:
    """The spelling words are compared in."""
    if text.isascii():
        return text.lower()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
        if "\u0e4d\u0e32" in text:
            # NFKC splits Thai sara am (ำ) in two; ICU's dictionary knows only the one.
            text = text.replace("\u0e4d\u0e32", "\u0e33")
    return text.casefold().translate(_TABLE)


@dataclass(frozen=True, slots=True)
class Clause:
    """Words ``start:end`` of a text, and the mark that ended them ('' at the end of a text)."""

    start: int
    end: int
    mark: Mark


@dataclass(frozen=True, slots=True)
class Segmented:
    """The word tokens of a normalised text and the clauses they fall in."""

    words: list[str]
    clauses: list[Clause]


class _Local(threading.local):
    iterator: Any = None


_local = _Local()


def _iterator() -> Any:
    iterator = _local.iterator
    if iterator is None:
        iterator = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
        _local.iterator = iterator
    return iterator


def _mark(gap: str) -> Mark:
    found: Mark = ""
    for ch in gap:
        mark = _MARKS.get(ch)
        if mark is not None and _RANK[mark] > _RANK[found]:
            found = mark
    return found


#: Scripts that ICU cuts with dictionaries or by character class inside a run of letters
#: (Thai, Lao, Myanmar, Khmer, kana, Han, Hangul): texts with them always go through ICU.
_COMPLEX = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u3040-\u30ff\u3100-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\ud800-\udfff"
    "\U00020000-\U0003ffff]"
)
#: Punctuation peeled off the ends of a space-separated chunk before it is looked at.
_EDGES = "\"'()[]{}<>,.!?;:\u061f\u060c\u00bf\u00a1\u2026\u3002\u201c\u201d\u00ab\u00bb*#@~/\\-"


def segment(norm: str) -> Segmented:
    """Word tokens (letters, numbers, ideographs; no punctuation, spaces or emoji) of *norm*,
    a text already normalised, grouped in clauses ended by sentence marks.

    ICU's word rules never join across spaces, and a run of letters and digits of alphabetic
    scripts is one word under them; such chunks are taken as they are, and ICU cuts the rest
    (the same tokens as ICU on the whole text, several times faster; a test checks it).
    """
    out = _Builder()
    word = out.words.append
    complex_ = _COMPLEX.search(norm) is not None
    for number, line in enumerate(norm.split("\n")):
        if number:
            out.gap("\n")
        for chunk in line.split():
            if complex_ and _COMPLEX.search(chunk):
                _icu(chunk, out)
            elif chunk.isalnum():
                word(chunk)
            else:
                core = chunk.strip(_EDGES)
                if core and core.isalnum():
                    head = len(chunk) - len(chunk.lstrip(_EDGES))
                    if head:
                        out.gap(chunk[:head])
                    word(core)
                    if head + len(core) < len(chunk):
                        out.gap(chunk[head + len(core) :])
                else:
                    _icu(chunk, out)
    return out.done()


class _Builder:
    __slots__ = ("clauses", "first", "words")

    def __init__(self) -> None:
        self.words: list[str] = []
        self.clauses: list[Clause] = []
        self.first = 0

    def gap(self, text: str) -> None:
        if text == " ":
            return
        mark = _mark(text)
        if not mark:
            return
        words, clauses = self.words, self.clauses
        if len(words) > self.first:
            clauses.append(Clause(self.first, len(words), mark))
            self.first = len(words)
        elif clauses and _RANK[mark] > _RANK[clauses[-1].mark]:
            last = clauses[-1]
            clauses[-1] = Clause(last.start, last.end, mark)

    def done(self) -> Segmented:
        if len(self.words) > self.first:
            self.clauses.append(Clause(self.first, len(self.words), ""))
            self.first = len(self.words)
        return Segmented(self.words, self.clauses)


def _icu(text: str, out: _Builder) -> None:
    iterator = _iterator()
    # ICU counts in UTF-16 units: texts with characters beyond the BMP (emoji) are sliced
    # through an ICU string so that offsets stay right.
    wide = not text.isascii() and max(text) > "\uffff"
    source: Any = icu.UnicodeString(text) if wide else text
    iterator.setText(source)
    start = 0
    word = out.words.append
    gap = out.gap
    for end in iterator:
        piece = str(source[start:end]) if wide else text[start:end]
        if iterator.getRuleStatus() >= 100:
            word(piece)
        else:
            gap(piece)
        start = end


def segment_icu(norm: str) -> Segmented:
    """The same as ``segment``, always through ICU (for tests and measurement)."""
    out = _Builder()
    if norm:
        _icu(norm, out)
    return out.done()


Engine = Literal["icu", "native"]


def words(text: str, language: str | None = None, *, engine: Engine = "icu") -> list[str]:
    """Normalised word tokens of *text*.

    ``engine="native"`` cuts Thai with PyThaiNLP newmm, Chinese with jieba and Vietnamese with
    underthesea (multi-syllable words joined without spaces); other languages use ICU.
    """
    norm = normalise(strip_links(text))
    if engine == "native" and language in _NATIVE:
        return [t for t in _NATIVE[language](norm) if any(c.isalnum() for c in t)]
    return segment(norm).words


def _thai(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [str(t) for t in word_tokenize(text, engine="newmm", keep_whitespace=False)]


def _chinese(text: str) -> list[str]:
    import jieba  # type: ignore[import-untyped]

    jieba.setLogLevel(60)
    return [str(t) for t in jieba.lcut(text)]


def _vietnamese(text: str) -> list[str]:
    from underthesea import word_tokenize  # type: ignore[import-untyped]

    return [str(t).replace(" ", "") for t in word_tokenize(text)]


_NATIVE = {"th": _thai, "zh": _chinese, "vi": _vietnamese}
