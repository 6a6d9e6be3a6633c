"""A post's text in LinkedIn's "little text" format, which the Posts API's commentary is.

Little text gives ``| { } @ [ ] ( ) < > # \\ * _ ~`` a meaning; unescaped, LinkedIn cuts the text
at the first one it cannot read (a bracket in a sentence is enough). Every one is escaped, and
each ``#tag`` becomes a hashtag template, so that it shows as a hashtag.
"""

from __future__ import annotations

import re

_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
#: A hashtag runs to the next space or punctuation (ASCII or the Arabic and CJK marks);
#: letters, digits, marks (Thai vowels) and ``_`` belong to it.
_HASHTAG = re.compile(r"(?<!\S)#([^\s!-/:-@\[-^`{-~،؛؟。，、！？]+)")


def escape(text: str) -> str:
    """*text* with every reserved character escaped."""
    return _RESERVED.sub(r"\\\1", text)


def commentary(text: str) -> str:
    """*text* as little text: escaped, its hashtags as hashtag templates."""
    parts, start = [], 0
    for tag in _HASHTAG.finditer(text):
        parts.append(escape(text[start : tag.start()]))
        parts.append("{hashtag|\\#|" + escape(tag.group(1)) + "}")
        start = tag.end()
    parts.append(escape(text[start:]))
    return "".join(parts)
