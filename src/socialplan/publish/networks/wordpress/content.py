"""A post as a blog post (its slug from the key, its title, its text as HTML), and back.

The first line of the text is the title and the rest the body, its blank lines separating
paragraphs and its links made links. The slug is made from the idempotency key alone, so that
the key finds the post again; it is part of the post's address on most sites.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from typing import Any

from socialplan.publish.content import IdempotencyKey, Published
from socialplan.publish.http import Http, expect

_LINK = re.compile(r"https?://[^\s<>\"]+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
#: WordPress decides whether it accepts a file by the extension of its name.
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


def slug(key: IdempotencyKey) -> str:
    """The slug of the post published under *key* (64 bits of its hash: no two keys meet)."""
    return "sp-" + hashlib.sha256(key.value.encode("utf-8")).hexdigest()[:16]


def title_and_body(text: str) -> tuple[str, str]:
    """The title (the first line that has words) and the body (the rest), as HTML."""
    head, _, rest = text.strip().partition("\n")
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(rest.strip()) if p.strip()]
    body = "\n".join(f"<p>{_linked(p).replace(chr(10), '<br>' + chr(10))}</p>" for p in paragraphs)
    return html.escape(head.strip(), quote=False), body


def figure(source_url: str, alt: str) -> str:
    """An image shown in the body."""
    return (
        f'<figure class="wp-block-image"><img src="{html.escape(source_url)}" '
        f'alt="{html.escape(alt)}"/></figure>'
    )


def _linked(text: str) -> str:
    """*text* escaped, with its links made links."""
    parts, start = [], 0
    for link in _LINK.finditer(text):
        url = link.group().rstrip(".,;:!?)")
        parts.append(html.escape(text[start : link.start()], quote=False))
        parts.append(f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>')
        start = link.start() + len(url)
    parts.append(html.escape(text[start:], quote=False))
    return "".join(parts)


def published(answer: Any, http: Http) -> Published:
    """A post as the REST API describes it; its ref is its number."""
    ref = expect(answer, "id", int, http)
    link, date = answer.get("link"), answer.get("date_gmt")
    try:
        when = dt.datetime.fromisoformat(date) if isinstance(date, str) else None
    except ValueError:
        raise http.shape_error("date_gmt is not a time") from None
    # date_gmt is UTC without saying so.
    when = when.replace(tzinfo=dt.UTC) if when and when.tzinfo is None else when
    return Published(ref=str(ref), url=link if isinstance(link, str) else None, published_at=when)
