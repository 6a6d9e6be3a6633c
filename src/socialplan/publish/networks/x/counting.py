"""X's count of a post's length: each code point weighs 1 or 2, links 23 and emoji 2.

The rules are twitter-text's configuration v3, which X's own apps use: 280 weighted characters,
after NFC normalisation; code points in U+0000-U+10FF (Latin, Greek, Cyrillic, Arabic and
Persian, Hebrew, Thai, Devanagari...) and a few punctuation ranges weigh 1, everything else
(Chinese, Japanese, Korean, emoji) 2; a link weighs 23 whatever its length (X shortens it), and
an emoji weighs 2 even when it is a sequence of several code points.

Links are found by their scheme or ``www.``; twitter-text also counts a bare domain such as
``example.com`` as a link, which this count takes at its own length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import icu  # type: ignore[import-untyped]

from socialplan.publish.capabilities import Capabilities

#: Every link counts as this many characters.
LINK_LENGTH = 23
_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
#: Punctuation that ends a sentence, not the link it follows.
_TRAILING = ".,;:!?)]}'\""


def weighted_length(text: str) -> int:
    """The length of *text* as X counts it."""
    text = unicodedata.normalize("NFC", text)
    total, start = 0, 0
    for found in _LINK.finditer(text):
        link = found.group().rstrip(_TRAILING)
        total += _weight(text[start : found.start()]) + LINK_LENGTH
        start = found.start() + len(link)
    return total + _weight(text[start:])


def _weight(text: str) -> int:
    return sum(2 if _is_emoji(cluster) else _code_points(cluster) for cluster in _clusters(text))


def _code_points(cluster: str) -> int:
    return sum(1 if any(a <= ord(c) <= b for a, b in _LIGHT) else 2 for c in cluster)


def _is_emoji(cluster: str) -> bool:
    """Whether *cluster* is one emoji (a flag, a keycap, a ZWJ sequence count once)."""
    first = ord(cluster[0])
    if icu.Char.hasBinaryProperty(first, icu.UProperty.REGIONAL_INDICATOR) or "\u20e3" in cluster:
        return True
    # © and ® are emoji only when asked to be (U+FE0F); alone they are letters weighing 1.
    pictographic = icu.Char.hasBinaryProperty(first, icu.UProperty.EXTENDED_PICTOGRAPHIC)
    return pictographic and (first > 0x10FF or "\ufe0f" in cluster)


def _clusters(text: str) -> Iterator[str]:
    """The grapheme clusters of *text* (ICU counts in UTF-16 units, so slice those)."""
    if not text:
        return
    units = text.encode("utf-16-le")
    breaks = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    breaks.setText(text)
    start = 0
    for end in breaks:
        yield units[2 * start : 2 * end].decode("utf-16-le")
        start = end


@dataclass(frozen=True)
class WeightedCapabilities(Capabilities):
    """Capabilities of a network that counts length X's way (``counting`` is not used)."""

    def length(self, text: str) -> int:
        """The weighted length of *text*."""
        return weighted_length(text)
