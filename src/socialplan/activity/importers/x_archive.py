"""The X (Twitter) archive: the owner's tweets, replies and retweets, and deleted tweets.

Reads ``data/tweets.js`` (older archives: ``tweet.js``; large ones add ``tweets-part1.js``...)
and ``deleted-tweets.js``, with the owner from ``account.js`` (``manifest.js`` as a fallback) and
the bio from ``profile.js``. Likes, followers, direct messages, ads and ``note-tweet.js`` are
skipped: they are not the brand's publishing. :class:`Reader` and :func:`thread_roots` are
shared with the Mastodon importer.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import (
    BAD_NUMBER,
    BAD_TIME,
    NOT_UTF8_EXPORT,
    UNEXPECTED_SHAPE,
    decode,
    load_json,
    parse_time,
    to_int,
)
from socialplan.activity.schema import Account, Extract, Item, Moderation
from socialplan.activity.source import Member, Source
from socialplan.errors import EMPTY_FILE, FILE_NOT_FOUND, InputError
from socialplan.i18n import N_

#: Detection reads at most this much of a file; bigger ones are recognised by their names.
PEEK_BYTES = 1024 * 1024
PREFIX = re.compile(r"\s*window\.[\w$.]+\s*=\s*")
TWEET_FILE = re.compile(r"(deleted-)?tweets?(?:-part(\d+))?\.js", re.IGNORECASE)
CREATED = re.compile(r"\w{3} (\w{3}) (\d\d?) (\d\d):(\d\d):(\d\d) ([+-]\d\d)(\d\d) (\d{4})")
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec"
#: X's codes for no language: undetermined, no text, and q* pseudo-languages (hashtags only...).
NO_LANGUAGE = re.compile(r"und|zxx|q\w\w")
MEDIA = {"photo": "image", "video": "video", "animated_gif": "video"}
JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number"}
Kind = type | tuple[type, ...]


@dataclass(frozen=True)
class Reader:
    """One file of an export, with checks whose errors name that file and the item."""

    source: Source
    member: Member

    def text(self) -> str:
        """The file as text; the size limit is read at call time (tests lower it)."""
        data = self.source.read_bytes(self.member, source_module.MAX_MEMBER_BYTES)
        text = decode(self.source, self.member, data)
        if "\x00" in text:  # UTF-16 without a BOM decodes as "UTF-8" full of NULs
            raise self.source.problem(self.member, NOT_UTF8_EXPORT)
        if not text.strip():
            raise self.source.problem(self.member, EMPTY_FILE)
        return text

    def peek(self) -> bytes | None:
        """The start of a small file without its BOM; ``None`` when it is too big to peek at."""
        if self.member.size > PEEK_BYTES:
            return None
        data = self.source.read_bytes(self.member, PEEK_BYTES)[:4096]
        return data.removeprefix(b"\xef\xbb\xbf").lstrip()

    def json(self, text: str | None = None) -> Any:
        """The file (or *text* from it) parsed as JSON."""
        return load_json(self.source, self.member, self.text() if text is None else text)

    def want(self, value: Any, kind: Kind, path: str, optional: bool = False) -> Any:
        """*value* if it is of *kind* (or null when *optional*), else an error in JSON's words."""
        if (optional and value is None) or (
            isinstance(value, kind) and not isinstance(value, bool)
        ):
            return value
        kinds = kind if isinstance(kind, tuple) else (kind,)
        expected = " | ".join(JSON_TYPES.get(k, k.__name__) for k in kinds)
        found = "null" if value is None else JSON_TYPES.get(type(value), type(value).__name__)
        raise self.problem(UNEXPECTED_SHAPE, path, expected=expected, found=found)

    def field(self, obj: dict[str, Any], key: str, kind: Kind, path: str) -> Any:
        """``obj[key]`` when it is missing, null or of *kind*; any other type is an error."""
        return self.want(obj.get(key), kind, f"{path}: {key}" if path else key, optional=True)

    def objects(self, obj: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
        """The objects listed under *key*: missing is none, a lone object is a list of one."""
        value = self.field(obj, key, (list, dict), path) or []
        value = [value] if isinstance(value, dict) else value
        return [self.want(v, dict, f"{path}: {key}") for v in value]

    def number(self, value: Any, path: str) -> int | None:
        """A counter from a number or numeric string; anything else is an error."""
        if value is None or value == "":
            return None
        try:
            result = None if isinstance(value, bool | dict | list) else to_int(value)
        except OverflowError:  # to_int lets "1e999" and "inf" through float()
            result = None
        if result is None:
            raise self.problem(BAD_NUMBER, path, value=repr(value)[:40])
        return result

    def time(self, value: Any, path: str) -> dt.datetime:
        """``Thu Nov 03 08:50:26 +0000 2022`` or ISO 8601 as UTC (month names locale-free)."""
        try:
            if isinstance(value, str) and (m := CREATED.fullmatch(value.strip())):
                mon, day, hh, mm, ss, zh, zm, year = m.groups()
                zone = dt.timedelta(hours=int(zh), minutes=int(zh[0] + zm))
                month = MONTHS.split().index(mon.lower()) + 1
                at = dt.datetime(int(year), month, int(day), int(hh), int(mm), int(ss))
                return at.replace(tzinfo=dt.timezone(zone)).astimezone(dt.UTC)
            if isinstance(value, str):
                return parse_time(value)
        except (ValueError, OverflowError):
            pass
        raise self.problem(BAD_TIME, path, value=repr(value)[:40])

    def problem(self, message: str, path: str, **args: object) -> InputError:
        """An error about the item at *path* of this file."""
        return self.source.problem(self.member, message, path=path, **args)


def thread_roots(parents: dict[str, str | None]) -> dict[str, str]:
    """For every item with a parent, its furthest known ancestor: the thread it belongs to.

    Each chain is walked once (a bot replying to itself 50,000 times stays linear); a cycle,
    which only damaged data can hold, ends at the item that closes it.
    """
    top: dict[str, str] = {}
    for item in parents:
        chain, members, node = [], set(), item
        while node not in top:
            chain.append(node)
            members.add(node)
            up = parents.get(node)
            if up is None or up in members:
                top[node] = node
                break
            node = up
        for link in chain:
            top[link] = top[node]
    return {k: v for k, v in top.items() if k in parents and v != k}


def _js(doc: Reader) -> Any:
    """An archive file's JSON value, its ``window.YTD.tweets.part0 =`` prefix blanked out.

    Blanking rather than cutting keeps the lines and columns of JSON errors true to the file;
    files turned into plain JSON by hand are accepted too.
    """
    text = doc.text()
    if match := PREFIX.match(text):
        text = re.sub(r"[^\n]", " ", text[: match.end()]) + text[match.end() :]
    elif text.lstrip()[:1] not in ("[", "{"):
        expected = "window.YTD.tweets.part0 = [...]"
        raise doc.problem(UNEXPECTED_SHAPE, "", expected=expected, found=repr(text.strip()[:30]))
    return doc.json(text.rstrip().removesuffix(";"))


def _entries(doc: Reader, wrapper: str) -> list[dict[str, Any]]:
    """The ``[{wrapper: {...}}, ...]`` list of an archive file, unwrapped (2019 archives: bare)."""
    found = []
    for n, entry in enumerate(doc.want(_js(doc), list, ""), 1):
        wrapped = doc.want(entry, dict, f"item {n}").get(wrapper, entry)
        found.append(doc.want(wrapped, dict, f"item {n}: {wrapper}"))
    return found


def _owners(source: Source) -> Iterator[tuple[Reader, str, dict[str, Any], str, str]]:
    """Where the owner may be named: account.js entries, then manifest.js; read lazily."""
    for member in source.find("account.js"):
        doc = Reader(source, member)
        for n, account in enumerate(_entries(doc, "account"), 1):
            yield doc, f"item {n}", account, "username", "accountDisplayName"
    for member in source.find("manifest.js"):
        doc = Reader(source, member)
        info = doc.field(doc.want(_js(doc), dict, ""), "userInfo", dict, "") or {}
        yield doc, "userInfo", info, "userName", "displayName"


@register
class XArchive(Importer):
    """The owner's tweets, replies and retweets from an X (Twitter) archive."""

    name = "x"
    label = N_("X (Twitter) archive (data/tweets.js)")
    network = "x"

    @classmethod
    def detect(cls, source: Source) -> bool:
        """A tweets.js, or the account.js beside it, starting like ``window.YTD.tweets.part0``."""
        tweets = [m for m in _tweet_files(source) if not m.basename.lower().startswith("deleted")]
        if not tweets:
            return False
        accounts = [(m, b"window.YTD.account.") for m in source.find("account.js")]
        for member, start in [(tweets[0], b"window.YTD.tweet"), *accounts]:
            head = Reader(source, member).peek()
            if head is None or head.startswith(start):  # too big to peek at: trust the name
                return True
        return False

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every tweet of every part, the owner's account, and deletions as moderation events."""
        owner, owner_id = self._owner(source)
        extract = Extract(self.name)
        seen = {owner.account_id: owner}
        items: dict[str, Item] = {}
        chains: list[list[str]] = []
        for member in _tweet_files(source):
            doc = Reader(source, member)
            for n, tweet in enumerate(_entries(doc, "tweet"), 1):
                item = self._item(doc, f"item {n}", tweet, owner.handle, owner_id)
                items.setdefault(item.native_id, item)
                chains.append(_edit_chain(tweet))
                for handle, name in _accounts(doc, f"item {n} (id {item.native_id})", tweet):
                    account = Account("x", handle, name, is_brand=brand.owns("x", handle))
                    seen.setdefault(account.account_id, account)
                if member.basename.lower().startswith("deleted"):
                    at = doc.time(tweet.get("deleted_at"), f"item {n} (id {item.native_id})")
                    extract.moderation.append(
                        Moderation("x", item.native_id, "deleted", at, actor=owner.handle)
                    )
        # An edited tweet appears once per version: only its newest version was published.
        for chain in chains:
            for old in sorted({i for i in chain if i in items}, key=int)[:-1]:
                del items[old]
        roots = thread_roots({k: v.parent_native_id for k, v in items.items()})
        for item in items.values():
            item.thread_native_id = roots.get(item.native_id)
        extract.items, extract.accounts = list(items.values()), list(seen.values())
        return extract

    def _owner(self, source: Source) -> tuple[Account, str | None]:
        """The archive's owner from account.js, or from manifest.js in partial archives."""
        for doc, path, info, user, display in _owners(source):
            if handle := doc.field(info, user, str, path):
                name = doc.field(info, display, str, path)
                uid = doc.field(info, "accountId", (str, int), path)
                account = Account("x", handle, name, self._bio(source), is_brand=True)
                return account, None if uid is None else str(uid)
        raise InputError.one(f"{source.label}:data/account.js", FILE_NOT_FOUND)

    def _bio(self, source: Source) -> str | None:
        """The profile's bio from profile.js, if the archive has it."""
        for member in source.find("profile.js"):
            doc = Reader(source, member)
            for n, profile in enumerate(_entries(doc, "profile"), 1):
                if about := doc.field(profile, "description", dict, f"item {n}"):
                    return doc.field(about, "bio", str, f"item {n}") or None
        return None

    def _item(
        self, doc: Reader, path: str, tweet: dict[str, Any], owner: str, owner_id: str | None
    ) -> Item:
        """One tweet; every field is checked and errors name the item and its id."""
        native = doc.field(tweet, "id_str", str, path) or doc.field(tweet, "id", (str, int), path)
        if native is None or not str(native).isdigit():
            raise doc.problem(
                UNEXPECTED_SHAPE, f"{path}: id_str", expected="string", found=repr(native)[:30]
            )
        native, path = str(native), f"{path} (id {native})"
        raw = doc.field(tweet, "full_text", str, path)
        raw = doc.field(tweet, "text", str, path) if raw is None else raw
        text = html.unescape(raw or "")  # the archive keeps the API's &amp; &lt; &gt;
        entities = doc.field(tweet, "entities", dict, path) or {}
        extended = doc.field(tweet, "extended_entities", dict, path) or {}
        links, media = [], []
        for url in doc.objects(entities, "urls", path):
            short = doc.field(url, "url", str, path)
            if full := doc.field(url, "expanded_url", str, path) or short:
                links.append(full)
                text = text.replace(short, full) if short else text
        hashtags = [
            doc.field(t, "text", str, path) for t in doc.objects(entities, "hashtags", path)
        ]
        for medium in doc.objects(extended or entities, "media", path):
            media.append(MEDIA.get(doc.field(medium, "type", str, path) or "", "image"))
            if short := doc.field(medium, "url", str, path):
                text = text.replace(short, "")  # the t.co link to the attached media itself
        parent = doc.field(tweet, "in_reply_to_status_id_str", str, path)
        to_id = doc.field(tweet, "in_reply_to_user_id_str", str, path)
        to_name = doc.field(tweet, "in_reply_to_screen_name", str, path) or ""
        # Replies within the owner's own thread are the owner publishing, not answering someone.
        own = bool(to_id and to_id == owner_id) or to_name.lower() == owner.lower()
        retweet = text.startswith("RT @")
        lang = doc.field(tweet, "lang", str, path)
        return Item(
            network="x",
            native_id=native,
            author=owner,
            author_kind="brand",
            kind="share" if retweet else "reply" if (parent or to_id) and not own else "post",
            created_at=doc.time(tweet.get("created_at"), path),
            text=text.strip(),
            parent_native_id=parent or None,
            language=None if not lang or NO_LANGUAGE.fullmatch(lang) else lang,
            links=links,
            hashtags=[h for h in hashtags if h],
            media=media,
            client=_client(doc.field(tweet, "source", str, path)),
            # A retweet's counters are the original tweet's: they say nothing about the owner's.
            likes=None if retweet else doc.number(tweet.get("favorite_count"), path),
            shares=None if retweet else doc.number(tweet.get("retweet_count"), path),
        )


def _accounts(doc: Reader, path: str, tweet: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(handle, name) of the accounts a tweet mentions or answers."""
    entities = doc.field(tweet, "entities", dict, path) or {}
    found = [
        (doc.field(m, "screen_name", str, path), doc.field(m, "name", str, path))
        for m in doc.objects(entities, "user_mentions", path)
    ]
    found.append((doc.field(tweet, "in_reply_to_screen_name", str, path), None))
    return [(handle, name) for handle, name in found if handle]


def _tweet_files(source: Source) -> list[Member]:
    """tweets.js or tweet.js and their -partN splits in part order, then deleted-tweets.js."""
    found = [(m, x) for m in source.members if (x := TWEET_FILE.fullmatch(m.basename))]
    found.sort(key=lambda p: (bool(p[1].group(1)), int(p[1].group(2) or 0), p[0].name))
    return [m for m, _ in found]


def _edit_chain(tweet: dict[str, Any]) -> list[str]:
    """The ids of every version of an edited tweet; malformed edit_info is ignored (only a hint)."""
    info = tweet.get("edit_info")
    if not isinstance(info, dict):
        return []
    chain = info.get("initial")
    if chain is None and isinstance(info.get("edit"), dict):
        chain = info["edit"].get("editControlInitial")
    ids = chain.get("editTweetIds") if isinstance(chain, dict) else None
    if not isinstance(ids, list) or not all(isinstance(i, str) and i.isdigit() for i in ids):
        return []
    return ids


def _client(anchor: str | None) -> str | None:
    """The app in ``<a href="..." rel="nofollow">Buffer</a>``; plain text is kept as it is."""
    match = re.search(r">([^<]*)</a>", anchor or "")
    name = match.group(1) if match else re.sub(r"<[^>]*>", "", anchor or "")
    return html.unescape(name).strip() or None
