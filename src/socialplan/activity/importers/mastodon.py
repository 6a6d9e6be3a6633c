"""The Mastodon account export: the owner's posts, replies and boosts from outbox.json.

Only public and unlisted items are imported: followers-only posts and direct messages were never
public, and an audit of what the brand published must not copy private conversations into the
store. ``likes.json``, ``bookmarks.json`` and ``media_attachments/`` are skipped (the owner's
reading and media files, not publishing). An item's thread is its furthest ancestor in the
outbox, as on X; ``conversation`` is not used because it is not a status id.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import UNEXPECTED_SHAPE, html_to_text
from socialplan.activity.importers.x_archive import Reader, thread_roots
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Source
from socialplan.errors import FILE_NOT_FOUND, InputError
from socialplan.i18n import N_

PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
#: Objects with text, and the media they imply (polls are Questions); others are skipped.
TEXT_TYPES = {"Note": [], "Question": ["poll"], "Article": [], "Page": []}
USER_PATH = re.compile(r"/(?:users|u|@)/?([^/@]+)/?$")
MENTION = re.compile(r"@[^@\s]+(@[^@\s]+)?")
MEDIA = ("image", "video", "audio")


def _host(url: str) -> str | None:
    """The server of a URL; ``None`` when there is none or urlsplit refuses it ("http://[")."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _handle(doc: Reader, actor: str, path: str) -> str:
    """``@user@server`` from an actor URL such as ``https://server/users/user``."""
    host, match = _host(actor), USER_PATH.search(actor.split("?", 1)[0])
    if not host or not match:
        expected = "https://server/users/name"
        raise doc.problem(UNEXPECTED_SHAPE, path, expected=expected, found=repr(actor)[:60])
    return f"@{match.group(1)}@{host}"


def _text(markup: str) -> tuple[str, list[str]]:
    """Plain text and links of Mastodon's HTML; markup the parser chokes on is stripped instead."""
    try:
        return html_to_text(markup)
    except AssertionError:  # html.parser asserts on malformed <![...]> sections
        return html.unescape(re.sub(r"<[^>]*>", " ", markup)).strip(), []


def _media(doc: Reader, attachment: dict[str, Any], path: str) -> str:
    """``image``, ``video``, ``audio`` or ``document`` from an attachment's media type."""
    major = (doc.field(attachment, "mediaType", str, path) or "").split("/")[0].lower()
    kind = (doc.field(attachment, "type", str, path) or "").lower()
    return major if major in MEDIA else kind if kind in MEDIA else "document"


def _addresses(doc: Reader, value: Any, path: str) -> set[str]:
    """A to/cc audience: one address or a list of them (objects count by their id)."""
    value = doc.want(value, (str, list), path, optional=True) or []
    value = [value] if isinstance(value, str) else value
    return {
        a if isinstance(a, str) else str(a.get("id")) for a in value if isinstance(a, str | dict)
    }


@register
class Mastodon(Importer):
    """Public and unlisted posts, replies and boosts from a Mastodon account export."""

    name = "mastodon"
    label = N_("Mastodon account export (outbox.json)")
    network = "mastodon"

    @classmethod
    def detect(cls, source: Source) -> bool:
        """An outbox.json that is an ActivityStreams collection."""
        members = source.find("outbox.json")
        if not members:
            return False
        head = Reader(source, members[0]).peek()
        if head is None:  # too big to peek at: trust the name when actor.json is there too
            return bool(source.find("actor.json"))
        return head.startswith(b"{") and (b"orderedItems" in head or b"OrderedCollection" in head)

    def read(self, source: Source, brand: Brand) -> Extract:
        """The owner from actor.json, then every public or unlisted activity of the outbox."""
        found = source.find("outbox.json")
        if not found:
            raise InputError.one(f"{source.label}:outbox.json", FILE_NOT_FOUND)
        doc = Reader(source, found[0])
        outbox = doc.want(doc.json(), dict, "")
        activities = doc.want(outbox.get("orderedItems"), list, "orderedItems")
        owner, actor = self._owner(source, doc, activities)
        seen = {owner.account_id: owner}
        items: dict[str, Item] = {}
        for n, activity in enumerate(activities, 1):
            checked = doc.want(activity, dict, f"item {n}")
            if item := self._item(doc, f"item {n}", checked, owner.handle, actor):
                items.setdefault(item.native_id, item)
                for handle in self._mentions(doc, f"item {n}", checked, owner.handle):
                    account = Account("mastodon", handle, is_brand=brand.owns("mastodon", handle))
                    seen.setdefault(account.account_id, account)
        roots = thread_roots({k: v.parent_native_id for k, v in items.items()})
        for item in items.values():
            item.thread_native_id = roots.get(item.native_id)
        return Extract(self.name, accounts=list(seen.values()), items=list(items.values()))

    def _owner(self, source: Source, outbox: Reader, activities: list[Any]) -> tuple[Account, str]:
        """The owner as ``@user@server`` from actor.json, else from the first activity's actor."""
        for member in source.find("actor.json"):
            doc = Reader(source, member)
            actor = doc.want(doc.json(), dict, "")
            actor_id = doc.want(actor.get("id"), str, "id")
            user, host = doc.field(actor, "preferredUsername", str, ""), _host(actor_id)
            handle = f"@{user}@{host}" if user and host else _handle(doc, actor_id, "id")
            bio = doc.field(actor, "summary", str, "")
            name = doc.field(actor, "name", str, "") or None
            url = doc.field(actor, "url", str, "")
            bio_text = _text(bio)[0] if bio else None
            return Account("mastodon", handle, name, bio_text, url, is_brand=True), actor_id
        for n, activity in enumerate(activities, 1):
            if isinstance(activity, dict) and isinstance(activity.get("actor"), str):
                handle = _handle(outbox, activity["actor"], f"item {n}: actor")
                return Account("mastodon", handle, is_brand=True), activity["actor"]
        raise InputError.one(f"{source.label}:actor.json", FILE_NOT_FOUND)

    def _item(
        self, doc: Reader, path: str, activity: dict[str, Any], owner: str, actor: str
    ) -> Item | None:
        """One Create or Announce as an item; ``None`` for private, direct or other activities."""
        kind = activity.get("type")
        if kind not in ("Create", "Announce"):
            return None
        activity_id = doc.want(activity.get("id"), str, f"{path}: id")
        path = f"{path} ({activity_id})"
        obj: Any = activity.get("object")
        if kind == "Create":
            obj = doc.want(obj, dict, f"{path}: object")
            if not isinstance(obj.get("type"), str) or obj["type"] not in TEXT_TYPES:
                return None
        # The activity's audience is the status's; fall back on the object's when it has none.
        holder = activity if "to" in activity or "cc" in activity else obj
        holder = holder if isinstance(holder, dict) else {}
        audience = _addresses(doc, holder.get("to"), f"{path}: to")
        if not PUBLIC & (audience | _addresses(doc, holder.get("cc"), f"{path}: cc")):
            return None
        published = activity.get("published")
        if kind == "Announce":
            target = doc.want(
                obj.get("id") if isinstance(obj, dict) else obj, str, f"{path}: object"
            )
            return Item(
                "mastodon",
                activity_id.removesuffix("/activity"),  # the boost's own status URL
                owner,
                "brand",
                "share",
                doc.time(published, path),
                parent_native_id=target,
            )
        return self._note(doc, path, obj, owner, actor, published)

    def _note(
        self, doc: Reader, path: str, obj: dict[str, Any], owner: str, actor: str, published: Any
    ) -> Item:
        """A Note (or Question, Article, Page) the owner published."""
        native = doc.want(obj.get("id"), str, f"{path}: object: id")
        content = doc.field(obj, "content", str, path) or ""
        languages = doc.field(obj, "contentMap", dict, path) or {}
        language = next((k for k, v in languages.items() if k and isinstance(v, str)), None)
        text, links = _text(content or (languages[language] if language else ""))
        if warning := doc.field(obj, "summary", str, path):
            text = f"{warning.strip()}\n{text}"  # the content warning is text everyone sees
        parent = doc.field(obj, "inReplyTo", (str, dict), path)
        if isinstance(parent, dict):
            parent = doc.want(parent.get("id"), str, f"{path}: inReplyTo: id")
        tags = doc.objects(obj, "tag", path)
        hashtags = [
            (doc.field(t, "name", str, path) or "").lstrip("#")
            for t in tags
            if t.get("type") == "Hashtag"
        ]
        media = TEXT_TYPES[obj["type"]] + [
            _media(doc, a, path) for a in doc.objects(obj, "attachment", path)
        ]
        counts = [
            doc.number((doc.field(obj, key, dict, path) or {}).get("totalItems"), f"{path}: {key}")
            for key in ("likes", "shares", "replies")
        ]
        # A reply to one of the owner's own statuses continues the owner's thread: a post.
        own = bool(parent) and parent.startswith(actor.rstrip("/") + "/")
        return Item(
            network="mastodon",
            native_id=native,
            author=owner,
            author_kind="brand",
            kind="reply" if parent and not own else "post",
            created_at=doc.time(obj.get("published") or published, path),
            text=text.strip(),
            parent_native_id=parent or None,
            language=language,
            links=links,
            hashtags=[h for h in hashtags if h],
            media=media,
            likes=counts[0],
            shares=counts[1],
            replies=counts[2],
        )

    def _mentions(self, doc: Reader, path: str, activity: dict[str, Any], owner: str) -> list[str]:
        """Handles the activity's object mentions; local ``@user`` lives on the owner's server."""
        obj = activity.get("object")
        tags = doc.objects(obj, "tag", path) if isinstance(obj, dict) else []
        names = [doc.field(t, "name", str, path) or "" for t in tags if t.get("type") == "Mention"]
        server = owner.rsplit("@", 1)[1]
        return [
            name if match.group(1) else f"{name}@{server}"
            for name in names
            if (match := MENTION.fullmatch(name))
        ]
