"""Telegram Desktop JSON exports (``result.json``): one chat, or a whole account's chats."""

from __future__ import annotations

import datetime as dt
import re
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
    from_epoch,
    hashtags_in,
    links_in,
    load_json,
    parse_time,
    to_int,
)
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Member, Source
from socialplan.i18n import N_

NETWORK = "telegram"
CHANNELS = frozenset({"public_channel", "private_channel"})
GROUPS = frozenset({"private_group", "public_group", "private_supergroup", "public_supergroup"})
PEER = re.compile(r"^(user|chat|channel)")
BOMS = (b"\xff\xfe", b"\xfe\xff")
MEDIA = {"video_file": "video", "video_message": "video", "animation": "gif",
         "voice_message": "audio", "audio_file": "audio", "sticker": "sticker"}  # fmt: skip


@dataclass
class _File:
    """One result.json being read, with what the whole export shares: accounts, brand ids."""

    source: Source
    member: Member
    brand: Brand
    accounts: dict[str, Account]
    claimed: set[str]

    def check(self, value: Any, kind: type, expected: str, where: str) -> Any:
        """*value* if it is a *kind* (never a bool), else an error naming the file and *where*."""
        if isinstance(value, kind) and not isinstance(value, bool):
            return value
        found = type(value).__name__
        raise self.source.problem(
            self.member, UNEXPECTED_SHAPE, path=where or None, expected=expected, found=found
        )

    def account(self, handle: str, name: str | None, is_brand: bool) -> None:
        """Note an account the first time it is seen."""
        self.accounts.setdefault(handle, Account(NETWORK, handle, name or None, is_brand=is_brand))


@register
class Telegram(Importer):
    """Posts of channels and messages of groups from a Telegram Desktop JSON export."""

    name = "telegram"
    label = N_("Telegram Desktop export (result.json)")
    network = NETWORK

    @classmethod
    def detect(cls, source: Source) -> bool:
        """A ``result.json`` that starts like a chat or an account export."""
        for member in source.find("result.json"):
            head = _bytes(source, member)[:65536]
            text = head.decode("utf-16" if head.startswith(BOMS) else "utf-8", "ignore")
            if '"messages"' in text or '"personal_information"' in text:
                return True
        return False

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every channel and group of every ``result.json``; personal and bot chats are left out."""
        extract = Extract(source_format=self.name)
        accounts: dict[str, Account] = {}
        claimed: set[str] = set()
        files = []
        for member in sorted(source.find("result.json") or source.members, key=lambda m: m.name):
            data = _bytes(source, member)
            if b"\x00" in data and not data.startswith(BOMS):
                raise source.problem(member, NOT_UTF8_EXPORT)  # UTF-16 without a BOM
            file = _File(source, member, brand, accounts, claimed)
            root = load_json(source, member, decode(source, member, data))
            files.append((file, _chats(file, file.check(root, dict, "an object", ""))))
        # Brand ids are known once every file is open: a channel exported on its own is the
        # brand's also where another file shows it (forwarded into its discussion group, say).
        for file, chats in files:
            for prefix, chat in chats:
                extract.items.extend(_chat(file, prefix, chat))
        extract.accounts = list(accounts.values())
        return extract


def _chats(file: _File, root: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The chats of a file with their JSON path, claiming the export's owner for the brand.

    A one-chat export is the brand's own chat; a whole-account export is the exporting person's.
    """
    if "chats" not in root:
        if _kind(root) in CHANNELS | GROUPS and _int(root.get("id")) is not None:
            file.claimed.add(f"channel{_int(root.get('id'))}")
        return [("", root)]
    person = root.get("personal_information")
    user = _int(person.get("user_id")) if isinstance(person, dict) else None
    if isinstance(person, dict) and user is not None:
        names = [person.get(k) for k in ("first_name", "last_name")]
        shown = " ".join(_clean(n) for n in names if isinstance(n, str) and n)
        file.account(f"user{user}", shown, True)
        file.accounts[f"user{user}"].bio = _text_or_none(person.get("bio"))
        file.claimed.add(f"user{user}")
    box = file.check(root["chats"], dict, "an object", "chats")
    listed = file.check(box.get("list"), list, "a list", "chats.list")
    chats = []
    for index, chat in enumerate(listed):
        path = f"chats.list[{index}]"
        chats.append((path + ".", file.check(chat, dict, "an object", path)))
    return chats


def _chat(file: _File, prefix: str, chat: dict[str, Any]) -> list[Item]:
    """The messages of a channel or group; personal, bot and saved-messages chats give none."""
    if _kind(chat) not in CHANNELS | GROUPS:
        return []  # private conversations are not the brand's public
    number = _int(chat.get("id"))
    chat_id = str(file.check(number, int, "a chat id", prefix + "id"))
    name = _text_or_none(chat.get("name")) or chat_id
    itself = f"channel{chat_id}"  # how a chat signs its own posts (and anonymous group admins)
    # Other chats of a whole-account export are the brand's only when the registry names them.
    mine = itself in file.claimed or any(file.brand.owns(NETWORK, h) for h in (itself, name))
    brand_ids = file.claimed | ({itself} if mine else set())
    if mine:
        file.account(itself, name, True)
    messages = file.check(chat.get("messages"), list, "a list", prefix + "messages")
    items: dict[str, Item] = {}
    parents: dict[str, str] = {}
    for index, raw in enumerate(messages):
        where = f"{prefix}messages[{index}]"
        message = file.check(raw, dict, "an object", where)
        # Service messages (joins, pins, title changes) are not content.
        if message.get("type", "message") == "message":
            item = _message(file, where, message, chat_id, _kind(chat) in CHANNELS, brand_ids)
            items.setdefault(item.native_id, item)  # a repeated id keeps its first message
            if item.parent_native_id:
                parents[item.native_id] = item.parent_native_id
    for item in items.values():
        item.thread_native_id = _root(parents, item.native_id)
    return list(items.values())


def _message(
    file: _File,
    where: str,
    message: dict[str, Any],
    chat_id: str,
    channel: bool,
    brand_ids: set[str],
) -> Item:
    """One message as an item; native ids are ``<chat id>/<message id>``, unique across chats."""
    number = file.check(message.get("id"), int, "a message id", where + ".id")
    name = _text_or_none(message.get("from")) or ""
    from_id = message.get("from_id")
    if not isinstance(from_id, str) or not from_id:
        # Old exports have no from_id: in a channel every post is the channel's own.
        from_id = f"channel{chat_id}" if channel or not name else name
    owned = any(file.brand.owns(NETWORK, h) for h in (from_id, name))
    is_brand = from_id in brand_ids or owned
    file.account(from_id, name, is_brand)
    text, entities = _text(file, where, message)
    parent = message.get("reply_to_message_id")
    if parent is not None:
        file.check(parent, int, "a message id", where + ".reply_to_message_id")
        peer = message.get("reply_to_peer_id")  # a reply to a message of another chat
        parent = f"{PEER.sub('', peer) if isinstance(peer, str) else chat_id}/{parent}"
    if message.get("forwarded_from") is not None:
        kind = "share"
    else:
        kind = "reply" if parent else "post" if channel else "message"
    via = message.get("via_bot")  # posting bots (schedulers) are the automation signal here
    return Item(
        NETWORK,
        f"{chat_id}/{number}",
        from_id,
        "brand" if is_brand else "audience",
        kind,
        _time(file, where, message),
        text,
        parent_native_id=parent,
        links=_links(entities, text),
        hashtags=_tags(entities, text),
        media=_media(message),
        client=_text_or_none(via.lstrip("@") if isinstance(via, str) else None),
        likes=_likes(file, where, message.get("reactions")),
    )


def _text(file: _File, where: str, message: dict[str, Any]) -> tuple[str, list[Any] | None]:
    """Plain text and entities; ``text`` is a string or a list of strings and entity objects."""
    value = message.get("text", "")
    parts = file.check(
        [value] if isinstance(value, str) else value, list, "a text or a list", where + ".text"
    )
    pieces = [p.get("text", "") if isinstance(p, dict) else p for p in parts]
    for piece in pieces:
        file.check(piece, str, "a text", where + ".text")
    entities = message.get("text_entities")
    if entities is None and isinstance(value, list):
        entities = [p for p in value if isinstance(p, dict)]  # exports before text_entities
    if entities is not None:
        for entity in file.check(entities, list, "a list", where + ".text_entities"):
            file.check(entity, dict, "an object", where + ".text_entities")
    return _clean("".join(pieces)), entities


def _links(entities: list[Any] | None, text: str) -> list[str]:
    """Links as Telegram marked them (shown URLs and hidden hrefs); else found in the text."""
    if entities is None:
        return links_in(text)
    links = []
    for entity in entities:
        kind = entity.get("type")
        url = entity.get("href") if kind == "text_link" else entity.get("text")
        if kind in ("link", "text_link") and isinstance(url, str) and url:
            # Telegram links bare domains ("example.com/menu") and opens them over http.
            links.append(_clean(url if "://" in url else "http://" + url))
    return list(dict.fromkeys(links))


def _tags(entities: list[Any] | None, text: str) -> list[str]:
    """Hashtags as Telegram marked them, without the #; else found in the text."""
    if entities is None:
        return hashtags_in(text)
    tags = [e.get("text") for e in entities if e.get("type") == "hashtag"]
    return list(dict.fromkeys(_clean(t.lstrip("#")) for t in tags if isinstance(t, str) and t))


def _time(file: _File, where: str, message: dict[str, Any]) -> dt.datetime:
    """UTC from ``date_unixtime``. ``date`` is the exporting computer's local time without a
    zone, so it is used (as if UTC) only by old exports that lack ``date_unixtime``."""
    epoch, local = message.get("date_unixtime"), message.get("date")
    try:
        if isinstance(epoch, str | int) and not isinstance(epoch, bool):
            return from_epoch(epoch)
        if epoch is None and isinstance(local, str):
            return parse_time(local)
    except (ValueError, OverflowError, OSError):
        pass
    value = repr(epoch if epoch is not None else local)[:60]
    raise file.source.problem(file.member, BAD_TIME, path=where, value=value)


def _media(message: dict[str, Any]) -> list[str]:
    """Media words: a photo, or the ``media_type`` of a file; other files are documents."""
    if message.get("photo") is not None:
        return ["image"]
    kind = message.get("media_type")
    if isinstance(kind, str) and kind:
        return [MEDIA.get(kind, kind)]
    return ["document"] if message.get("file") is not None else []


def _likes(file: _File, where: str, reactions: Any) -> int | None:
    """All reactions added up (emoji, custom emoji and paid alike); None when not exported."""
    if reactions is None:
        return None
    total = 0
    for reaction in file.check(reactions, list, "a list", where + ".reactions"):
        count = _int(reaction.get("count")) if isinstance(reaction, dict) else None
        if count is None or count < 0:
            raw = repr(reaction.get("count") if isinstance(reaction, dict) else reaction)
            raise file.source.problem(
                file.member, BAD_NUMBER, path=where + ".reactions", value=raw[:60]
            )
        total += count
    return total


def _root(parents: dict[str, str], native_id: str) -> str | None:
    """The first message of the reply chain *native_id* is in, as far as the export shows."""
    if native_id not in parents:
        return None
    current, steps = native_id, 0
    while current in parents and steps <= len(parents):  # a reply cycle must not loop forever
        current, steps = parents[current], steps + 1
    return current


def _bytes(source: Source, member: Member) -> bytes:
    """The member's bytes; the limit is looked up now so that tests can lower it."""
    return source.read_bytes(member, source_module.MAX_MEMBER_BYTES)


def _int(value: Any) -> int | None:
    """A whole number from a number or numeric text; None otherwise (bools and infinity too)."""
    try:
        return None if isinstance(value, bool) else to_int(value)
    except OverflowError:
        return None


def _kind(chat: dict[str, Any]) -> str:
    """The chat's type, or nothing when the type is not a text."""
    kind = chat.get("type")
    return kind if isinstance(kind, str) else ""


def _text_or_none(value: Any) -> str | None:
    """A non-empty string field, cleaned; None for anything else."""
    return _clean(value) if isinstance(value, str) and value else None


def _clean(text: str) -> str:
    """*text* without lone UTF-16 surrogates, which Telegram writes when it cuts an emoji in two."""
    return text.encode("utf-8", "replace").decode("utf-8")
