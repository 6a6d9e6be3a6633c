"""Bluesky repository exports: a CAR v1 file of DAG-CBOR blocks holding the account's records."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import cbor2

from socialplan.activity import source as source_module
from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import BAD_TIME, UNEXPECTED_SHAPE, parse_time
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Member, Source
from socialplan.i18n import N_

NOT_CAR = N_("this is not a Bluesky repository (CAR v1) file")
BAD_BLOCK = N_("a block of the repository cannot be read: {detail}")
MISSING_BLOCK = N_("the repository refers to block {cid}, which is not in the file")

NETWORK = "bluesky"
POST, REPOST, PROFILE = "app.bsky.feed.post", "app.bsky.feed.repost", "app.bsky.actor.profile"
SHA2_256 = 0x12
#: Records are shallow; anything deeper is damage, or a cycle built with CBOR sharing tags.
MAX_DEPTH = 64


class _Broken(Exception):
    """A fault in the file: a message for the user and where it is."""

    def __init__(self, message: str, where: str | None, **args: object) -> None:
        super().__init__(message)
        self.message, self.where, self.args_ = message, where, args


@dataclass(frozen=True)
class Cid:
    """A content identifier: the raw CID bytes, without the 0x00 multibase prefix of tag 42."""

    raw: bytes

    def __str__(self) -> str:
        """The base32 text form users see in other tools (``bafyrei...``)."""
        return "b" + base64.b32encode(self.raw).decode("ascii").lower().rstrip("=")


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """An unsigned LEB128 varint at *pos*: its value and the position after it."""
    value = shift = 0
    while shift < 64:
        if pos >= len(data):
            raise _Broken(BAD_BLOCK, f"byte {pos}", detail="the file ends inside a length")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
    raise _Broken(BAD_BLOCK, f"byte {pos}", detail="a length is too long")


def _cid_end(data: bytes, pos: int) -> tuple[int, int, int]:
    """Where the CID at *pos* ends, with its multihash code and digest start."""
    if data[pos : pos + 2] == b"\x12\x20":  # CIDv0: a bare sha2-256 multihash
        return pos + 34, SHA2_256, pos + 2
    version, at = _varint(data, pos)
    if version != 1:
        raise _Broken(BAD_BLOCK, f"byte {pos}", detail=f"CID version {version}")
    _codec, at = _varint(data, at)
    code, at = _varint(data, at)
    size, at = _varint(data, at)
    return at + size, code, at


class Car:
    """The blocks of a CAR v1 file, indexed by CID and decoded when asked for."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        try:
            size, pos = _varint(data, 0)
            header = self._decode(pos, pos + size) if 0 < size <= len(data) - pos else None
        except _Broken:
            header = None  # whatever the damage, a file without a CAR header is not a CAR file
        roots = header.get("roots") if isinstance(header, dict) else None
        if not isinstance(header, dict) or header.get("version") != 1 or not roots:
            raise _Broken(NOT_CAR, None)
        self.roots: list[Any] = roots if isinstance(roots, list) else [roots]
        self.blocks: dict[bytes, tuple[int, int, int, int]] = {}
        pos += size
        while pos < len(data):
            start = pos
            size, pos = _varint(data, pos)
            end = pos + size
            cid_end, code, digest = _cid_end(data, pos)
            if size == 0 or end > len(data) or cid_end > end:
                raise _Broken(BAD_BLOCK, f"byte {start}", detail="the file ends inside a block")
            # First copy wins; later duplicates of a block are identical by definition.
            self.blocks.setdefault(data[pos:cid_end], (cid_end, end, code, digest))
            pos = end

    def get(self, cid: Any, where: str | None) -> Any:
        """The decoded block *cid*, its content checked against the CID's hash."""
        if not isinstance(cid, Cid):
            raise _Broken(UNEXPECTED_SHAPE, where, expected="a CID link", found=type(cid).__name__)
        if cid.raw not in self.blocks:
            raise _Broken(MISSING_BLOCK, where, cid=str(cid))
        start, end, code, digest = self.blocks[cid.raw]
        # A flipped bit in a copied file shows here, not as a confusing shape error later.
        expected = self.data[digest:start]
        if code == SHA2_256 and hashlib.sha256(self.data[start:end]).digest() != expected:
            raise _Broken(BAD_BLOCK, where or f"byte {start}", detail="its content does not match")
        return self._decode(start, end, where)

    def _decode(self, start: int, end: int, where: str | None = None) -> Any:
        """DAG-CBOR bytes to Python values, links as :class:`Cid`; anything else is damage."""
        try:
            return _dag(cbor2.loads(self.data[start:end]), 0)
        except (cbor2.CBORError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise _Broken(BAD_BLOCK, where or f"byte {start}", detail=str(exc)[:120]) from None


def _dag(value: Any, depth: int) -> Any:
    """Check that *value* is in the DAG-CBOR data model and turn tag 42 into :class:`Cid`."""
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, cbor2.CBORTag):
        if value.tag == 42 and isinstance(value.value, bytes) and value.value[:1] == b"\x00":
            return Cid(value.value[1:])
        raise ValueError(f"CBOR tag {value.tag} is not allowed in DAG-CBOR")
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise ValueError("map keys must be text")
        return {k: _dag(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_dag(v, depth + 1) for v in value]
    if value is None or isinstance(value, str | bytes | bool | int | float):
        return value
    raise ValueError(f"{type(value).__name__} is not allowed in DAG-CBOR")


def walk(car: Car, root: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, record CID) of the MST under *root*, in key order."""
    stack: list[tuple[bool, Any]] = [(False, root)]
    seen: set[Any] = set()
    while stack:
        is_leaf, value = stack.pop()
        if is_leaf:
            yield value
            continue
        node = car.get(value, None)
        if value in seen:  # a node reached twice would loop forever on a crafted file
            raise _Broken(BAD_BLOCK, None, detail=f"the tree reaches block {value} twice")
        seen.add(value)
        entries = node.get("e") if isinstance(node, dict) else None
        if not isinstance(entries, list) or not isinstance(node.get("l"), Cid | None):
            raise _Broken(
                UNEXPECTED_SHAPE, f"MST node {value}", expected="{l, e}", found=repr(node)[:60]
            )
        pending: list[tuple[bool, Any]] = [(False, node["l"])] if node.get("l") else []
        key = b""
        for entry in entries:
            suffix, shared = _entry(entry, value)
            if shared > len(key):
                raise _Broken(BAD_BLOCK, f"MST node {value}", detail="a key shares too much")
            key = key[:shared] + suffix
            pending.append((True, (key.decode("utf-8", "replace"), entry["v"])))
            if entry.get("t") is not None:
                pending.append((False, entry["t"]))
        stack.extend(reversed(pending))


def _entry(entry: Any, node: Cid) -> tuple[bytes, int]:
    """The key suffix and shared prefix length of one MST entry, its shape checked."""
    ok = (
        isinstance(entry, dict)
        and isinstance(entry.get("k"), bytes | str)
        and type(entry.get("p")) is int
        and entry["p"] >= 0
        and isinstance(entry.get("v"), Cid)
        and isinstance(entry.get("t"), Cid | None)
    )
    if not ok:
        raise _Broken(
            UNEXPECTED_SHAPE, f"MST node {node}", expected="{k, p, v, t}", found=repr(entry)[:60]
        )
    suffix = entry["k"]
    return (suffix.encode("utf-8") if isinstance(suffix, str) else suffix), entry["p"]


@register
class Bluesky(Importer):
    """A Bluesky repository export (``repo.car``): posts, replies, reposts and the profile."""

    name = "bluesky"
    label = N_("Bluesky repository export (CAR file)")
    network = NETWORK

    @classmethod
    def detect(cls, source: Source) -> bool:
        """A ``.car`` member whose header decodes as a CAR v1 header."""
        for member in source.glob(".car"):
            head = _data(source, member)[:512]
            # The header is a tiny CBOR map naming roots and version; a peek is enough.
            if b"roots" in head and b"version" in head:
                return True
        return False

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every repository in the export (normally one ``.car`` file)."""
        extract = Extract(source_format=self.name)
        for member in source.glob(".car") or source.members:
            try:
                self._repo(Car(_data(source, member)), extract)
            except _Broken as exc:
                raise source.problem(member, exc.message, path=exc.where, **exc.args_) from None
        return extract

    def _repo(self, car: Car, extract: Extract) -> None:
        """The commit, then every post, repost and the profile of one repository."""
        commit = car.get(car.roots[0], "commit")
        did = commit.get("did") if isinstance(commit, dict) else None
        if not isinstance(did, str) or not did.startswith("did:"):
            raise _Broken(UNEXPECTED_SHAPE, "commit", expected="a did", found=repr(did)[:60])
        owner = Account(NETWORK, did, is_brand=True)
        extract.accounts.append(owner)
        for key, cid in walk(car, commit.get("data")):
            collection = key.partition("/")[0]
            # Likes, follows, blocks, lists and feeds say nothing about what the brand published.
            if collection not in (POST, REPOST, PROFILE):
                continue
            record = car.get(cid, key)
            if not isinstance(record, dict):
                found = type(record).__name__
                raise _Broken(UNEXPECTED_SHAPE, key, expected="a record", found=found)
            uri = f"at://{did}/{key}"
            if collection == PROFILE:
                owner.display_name = _text(record, "displayName", key) or None
                owner.bio = _text(record, "description", key) or None
            elif collection == REPOST:
                subject = _field(record, "subject", dict, key, required=True)
                extract.items.append(
                    Item(
                        NETWORK,
                        uri,
                        did,
                        "brand",
                        "share",
                        _time(record, key),
                        parent_native_id=_text(subject, "uri", key) or None,
                    )
                )
            else:
                extract.items.append(_post(record, uri, did, key))


def _data(source: Source, member: Member) -> bytes:
    """The member's bytes; the limit is looked up now so that tests can lower it."""
    return source.read_bytes(member, source_module.MAX_MEMBER_BYTES)


def _post(record: dict[str, Any], uri: str, did: str, key: str) -> Item:
    """One app.bsky.feed.post record as an item."""
    reply = _field(record, "reply", dict, key)
    parent = _text(_field(reply, "parent", dict, key, required=True), "uri", key) if reply else ""
    root = _text(_field(reply, "root", dict, key, required=True), "uri", key) if reply else ""
    langs = _field(record, "langs", list, key) or []
    links: list[str] = []
    hashtags: list[str] = []
    for facet in _field(record, "facets", list, key) or []:
        for feature in _field(_dict(facet, key), "features", list, key) or []:
            kind = _text(_dict(feature, key), "$type", key)
            if kind == "app.bsky.richtext.facet#link":
                links.append(_text(feature, "uri", key))
            elif kind == "app.bsky.richtext.facet#tag":
                hashtags.append(_text(feature, "tag", key).lstrip("#"))
    # The record's own "tags" are hashtags kept out of the text; they count as much as facets.
    hashtags += [t for t in (_field(record, "tags", list, key) or []) if isinstance(t, str)]
    media = _embed(_field(record, "embed", dict, key), key, links)
    via = record.get("via")  # some third-party clients name themselves here; not in the lexicon
    return Item(
        NETWORK,
        uri,
        did,
        "brand",
        "reply" if reply else "post",
        _time(record, key),
        text=_text(record, "text", key),
        parent_native_id=parent or None,
        thread_native_id=root or None,
        language=langs[0] if langs and isinstance(langs[0], str) else None,
        links=[u for u in links if u],
        hashtags=list(dict.fromkeys(h for h in hashtags if h)),
        media=media,
        client=via if isinstance(via, str) and via else None,
    )


def _embed(embed: dict[str, Any] | None, key: str, links: list[str]) -> list[str]:
    """Media words of an embed; an external card's URL is added to *links*."""
    if not embed:
        return []
    kind = _text(embed, "$type", key)
    if kind == "app.bsky.embed.images":
        return ["image" for _ in _field(embed, "images", list, key) or []]
    if kind == "app.bsky.embed.video":
        return ["video"]
    if kind == "app.bsky.embed.external":
        url = _text(_field(embed, "external", dict, key, required=True), "uri", key)
        links.extend([url] if url else [])
    if kind == "app.bsky.embed.recordWithMedia":  # a quote post with its own images or video
        return _embed(_field(embed, "media", dict, key), key, links)
    # A plain quote (app.bsky.embed.record) points at another post: no media, no web link.
    return []


def _dict(value: Any, key: str) -> dict[str, Any]:
    """*value* if it is a map, else a shape error for record *key*."""
    if not isinstance(value, dict):
        raise _Broken(UNEXPECTED_SHAPE, key, expected="a map", found=type(value).__name__)
    return value


def _field(
    record: dict[str, Any] | None, name: str, kind: type, key: str, required: bool = False
) -> Any:
    """Field *name* of *record* if it is a *kind*; absent gives None unless *required*."""
    value = (record or {}).get(name)
    if (value is None and not required) or isinstance(value, kind):
        return value
    raise _Broken(
        UNEXPECTED_SHAPE, f"{key}: {name}", expected=kind.__name__, found=type(value).__name__
    )


def _text(record: dict[str, Any], name: str, key: str) -> str:
    """A text field, empty when absent."""
    return str(_field(record, name, str, key) or "")


def _time(record: dict[str, Any], key: str) -> dt.datetime:
    """``createdAt`` in UTC; a time without zone (some clients write one) is taken as UTC."""
    value = record.get("createdAt")
    if isinstance(value, str):
        try:
            return parse_time(value)
        except (ValueError, OverflowError):
            pass
    raise _Broken(BAD_TIME, key, value=repr(value)[:60])
