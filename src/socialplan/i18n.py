"""Translations of every user-facing text, from the gettext catalogues in ``locale/``.

Strings are marked with :func:`N_` where they are defined and translated where they are shown,
so one finding or error can be rendered in several languages. Catalogues are read from the
``.po`` files directly: they are small, and no compile step can then fall out of date.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel.messages.pofile import read_po

#: The languages socialplan ships in: its interface, its reports and its rule texts.
LANGUAGES: tuple[str, ...] = ("en", "vi", "th", "zh", "el", "fa")
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "vi": "Tiếng Việt",
    "th": "ไทย",
    "zh": "中文",
    "el": "Ελληνικά",
    "fa": "فارسی",
}
RIGHT_TO_LEFT = frozenset({"fa"})
DOMAIN = "socialplan"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def N_(message: str) -> str:
    """Mark *message* for extraction; it is translated later, where it is shown."""
    return message


def placeholders(message: str) -> set[str]:
    """The named ``{placeholders}`` in a message."""
    return set(_PLACEHOLDER.findall(message))


def normalise_language(tag: str | None) -> str | None:
    """Map a locale or language tag (``fa_IR.UTF-8``, ``zh-Hans``) to a shipped language."""
    if not tag:
        return None
    primary = re.split(r"[_\-.@]", tag.strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the user's locale asks for, the way gettext reads it."""
    env = os.environ if environ is None else environ
    for var in ("SOCIALPLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        for candidate in value.split(":"):
            lang = normalise_language(candidate)
            if lang:
                return lang
    return None


def direction(lang: str) -> str:
    """``rtl`` or ``ltr``, for HTML ``dir`` attributes."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


@dataclass(frozen=True)
class Catalogue:
    """The messages of one language."""

    language: str
    messages: Mapping[str, str]

    def gettext(self, message: str) -> str:
        """The translation of *message*, or *message* itself where none exists."""
        return self.messages.get(message) or message

    def format(self, message: str, /, **args: object) -> str:
        """Translate *message* and fill in its placeholders.

        A translation whose placeholders do not match the original falls back to the original
        rather than fail in front of a user; the test suite keeps that from shipping.
        """
        translated = self.gettext(message)
        try:
            return translated.format(**args)
        except (KeyError, IndexError, ValueError):
            return message.format(**args)


def catalogue_path(lang: str) -> resources.abc.Traversable:
    """Where the ``.po`` file of *lang* lives inside the package."""
    return resources.files("socialplan") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue of *lang*; English, the source language, has none."""
    if lang == "en" or lang not in LANGUAGES:
        return Catalogue("en", {})
    path = catalogue_path(lang)
    if not path.is_file():
        return Catalogue(lang, {})
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    messages = {
        str(m.id): str(m.string)
        for m in po
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }
    return Catalogue(lang, messages)
