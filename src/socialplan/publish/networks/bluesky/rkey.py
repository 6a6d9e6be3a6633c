"""A post's record key, derived from its idempotency key so that it can exist only once.

A repository holds one record per key, so two attempts with the same idempotency key can never
make two posts, and the key finds the post again. Record keys of posts are TIDs (a time in
microseconds and a 10-bit clock id), so the derived one keeps the second the idempotency key was
issued in, which keeps the account's records in time order, and fills the microseconds and the
clock id from a hash of the key: two keys issued in the same second collide once in 10^9 pairs.
"""

from __future__ import annotations

import hashlib

from socialplan.publish.content import IdempotencyKey

_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_MICROS = 1_000_000


def tid(micros: int, clock_id: int) -> str:
    """The TID of a time in microseconds since 1970 and a clock id below 1024."""
    value = (micros << 10) | (clock_id & 0x3FF)
    return "".join(_ALPHABET[(value >> shift) & 31] for shift in range(60, -5, -5))


def record_key(key: IdempotencyKey) -> str:
    """The record key of the post published under *key*."""
    digest = hashlib.sha256(key.value.encode("utf-8")).digest()
    second = int(key.issued_at.timestamp())
    micros = second * _MICROS + int.from_bytes(digest[:8], "big") % _MICROS
    return tid(micros, int.from_bytes(digest[8:10], "big"))
