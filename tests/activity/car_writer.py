"""A small CAR v1 / DAG-CBOR writer to build Bluesky repository fixtures the way a PDS does.

Independent of the importer's reader on purpose (its own CBOR encoder, its own MST builder), so the
tests check the reader against the format rather than against itself.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DAG_CBOR = 0x71
RAW = 0x55
SHA2_256 = 0x12

#: Called with (role, object) before each commit or MST node is encoded; returns what to encode.
Tamper = Callable[[str, Any], Any]


@dataclass(frozen=True)
class Link:
    """A CID link (CBOR tag 42) to another block or a blob."""

    cid: bytes


def varint(value: int) -> bytes:
    """Unsigned LEB128, as multiformats and CAR use."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def make_cid(data: bytes, codec: int = DAG_CBOR) -> bytes:
    """CIDv1 bytes: version, codec, sha2-256 multihash of *data*."""
    return varint(1) + varint(codec) + varint(SHA2_256) + varint(32) + hashlib.sha256(data).digest()


def cid_text(cid: bytes) -> str:
    """The base32 multibase text form (``bafyrei...``)."""
    return "b" + base64.b32encode(cid).decode("ascii").lower().rstrip("=")


def cid_bytes(text: str) -> bytes:
    """Inverse of :func:`cid_text`."""
    body = text[1:].upper()
    return base64.b32decode(body + "=" * (-len(body) % 8))


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for extra, size, fmt in ((24, 1, ">B"), (25, 2, ">H"), (26, 4, ">I"), (27, 8, ">Q")):
        if value < 1 << (8 * size):
            return bytes([major << 5 | extra]) + struct.pack(fmt, value)
    raise ValueError("integer too large for CBOR")


def encode(value: Any) -> bytes:
    """Canonical DAG-CBOR: shortest heads, map keys sorted by length then bytes, floats as f64."""
    if value is None:
        return b"\xf6"
    if value is True:
        return b"\xf5"
    if value is False:
        return b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, Link):
        return b"\xd8\x2a" + encode(b"\x00" + value.cid)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (len(k.encode("utf-8")), k.encode("utf-8")))
        return _head(5, len(keys)) + b"".join(encode(k) + encode(value[k]) for k in keys)
    raise TypeError(f"cannot encode {type(value).__name__}")


def from_json(value: Any) -> Any:
    """The atproto JSON form to DAG-CBOR values: ``{"$link"}`` to links, ``{"$bytes"}`` to bytes."""
    if isinstance(value, dict):
        try:
            if set(value) == {"$link"} and isinstance(value["$link"], str):
                return Link(cid_bytes(value["$link"]))
            if set(value) == {"$bytes"} and isinstance(value["$bytes"], str):
                return base64.b64decode(value["$bytes"] + "=" * (-len(value["$bytes"]) % 4))
        except ValueError:
            pass  # a damaged link (property tests) is written as the plain map it now is
        return {k: from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_json(v) for v in value]
    return value


def key_layer(key: str) -> int:
    """The MST layer of a key: leading zero bits of sha256(key), counted in pairs (fanout 4)."""
    zeros = 0
    for byte in hashlib.sha256(key.encode("utf-8")).digest():
        if byte == 0:
            zeros += 8
            continue
        zeros += 8 - byte.bit_length()
        break
    return zeros // 2


class RepoWriter:
    """Collects blocks and builds the MST and the signed commit of one repository."""

    def __init__(self, tamper: Tamper | None = None) -> None:
        self.blocks: list[tuple[bytes, bytes]] = []
        self.tamper: Tamper = tamper or (lambda _role, obj: obj)

    def put(self, obj: Any, role: str = "record") -> Link:
        """Encode *obj* as a block (bytes are taken as already encoded) and return its link."""
        if not isinstance(obj, bytes):
            obj = encode(self.tamper(role, obj) if role != "record" else obj)
        data = obj
        cid = make_cid(data)
        self.blocks.append((cid, data))
        return Link(cid)

    def mst(self, records: dict[str, Link]) -> Link:
        """The MST root over *records* (key -> record link), empty node for an empty repo."""
        items = sorted((k, v, key_layer(k)) for k, v in records.items())
        top = max((layer for _, _, layer in items), default=0)
        return self._node(items, top) or self.put({"e": [], "l": None}, "mst")

    def _node(self, items: list[tuple[str, Link, int]], level: int) -> Link | None:
        if not items:
            return None
        left: Link | None = None
        entries: list[dict[str, Any]] = []
        run: list[tuple[str, Link, int]] = []
        for key, link, layer in items:
            if layer < level:
                run.append((key, link, layer))
                continue
            sub = self._node(run, level - 1)
            if entries:
                entries[-1]["t"] = sub
            else:
                left = sub
            entries.append({"key": key.encode("utf-8"), "v": link, "t": None})
            run = []
        tail = self._node(run, level - 1)
        if entries:
            entries[-1]["t"] = tail
        else:
            left = tail
        previous = b""
        compressed = []
        for entry in entries:
            key = entry.pop("key")
            shared = 0
            while shared < min(len(key), len(previous)) and key[shared] == previous[shared]:
                shared += 1
            compressed.append({"k": key[shared:], "p": shared, **entry})
            previous = key
        return self.put({"e": compressed, "l": left}, "mst")


def write_car(roots: list[bytes], blocks: list[tuple[bytes, bytes]]) -> bytes:
    """CAR v1: varint-prefixed header, then varint-prefixed (CID + data) sections."""
    header = encode({"version": 1, "roots": [Link(r) for r in roots]})
    out = bytearray(varint(len(header)) + header)
    for cid, data in blocks:
        out += varint(len(cid) + len(data)) + cid + data
    return bytes(out)


def repo_car(did: Any, rev: Any, records: dict[str, Any], tamper: Tamper | None = None) -> bytes:
    """A whole repository export: commit first, then MST nodes, then records (as getRepo sends).

    A record given as bytes is stored as it is, to build blocks no honest encoder would write.
    """
    writer = RepoWriter(tamper)
    links = {key: writer.put(from_json(record)) for key, record in records.items()}
    record_blocks = list(writer.blocks)
    writer.blocks = []
    root = writer.mst(links)
    node_blocks = list(writer.blocks)
    writer.blocks = []
    commit = {
        "did": did,
        "rev": rev,
        "data": root,
        "prev": None,
        "version": 3,
        "sig": bytes(range(64)),
    }
    commit_link = writer.put(commit, "commit")
    return write_car([commit_link.cid], writer.blocks + node_blocks[::-1] + record_blocks)


def fixture_car(spec: dict[str, Any], tamper: Tamper | None = None) -> bytes:
    """The CAR of a fixture ``records.json``: ``{did, rev, records: {key: record}}``.

    Missing or mistyped parts are written as they are (property tests damage the spec).
    """
    records = spec.get("records")
    return repo_car(
        spec.get("did"), spec.get("rev"), records if isinstance(records, dict) else {}, tamper
    )
