"""64-bit SimHash fingerprints of token lists, for near-duplicate texts.

Each feature (a word token, see ``SHINGLE``) is hashed to 64 bits with BLAKE2b (stable across
processes, unlike ``hash``); a fingerprint bit is set when more features have it set than not.
Texts that share most words get fingerprints a few bits apart. The fingerprint is returned as
a signed 64-bit integer so that it fits an int64 column.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

#: Words per feature: 1 hashes single words. Measured on posts of 10-60 words (see
#: docs/text-analysis.md), single words keep one-word edits closer than 2- or 3-word shingles.
SHINGLE = 1
#: Texts fingerprinted at once (bounds memory: 64 bytes per feature).
CHUNK = 8192
_CACHE_LIMIT = 1_000_000
_cache: dict[str, int] = {}


def _hash(token: str) -> int:
    value = _cache.get(token)
    if value is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = _cache[token] = int.from_bytes(digest, "little")
    return value


def _features(tokens: Sequence[str]) -> Sequence[str]:
    if SHINGLE == 1 or len(tokens) <= SHINGLE:
        return tokens
    return ["\x1f".join(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]


def _chunk(docs: Sequence[Sequence[str]]) -> npt.NDArray[np.int64]:
    out = np.zeros(len(docs), dtype=np.int64)
    features = [_features(d) for d in docs]
    counts = np.fromiter((len(f) for f in features), dtype=np.int64, count=len(features))
    filled = np.flatnonzero(counts)
    if filled.size == 0:
        return out
    flat = [t for f in features for t in f]
    get = _cache.get
    hashes = np.fromiter(
        (h if h is not None else _hash(t) for t, h in zip(flat, map(get, flat), strict=True)),
        dtype=np.uint64,
        count=len(flat),
    )
    bits = np.unpackbits(
        hashes.astype("<u8").view(np.uint8).reshape(-1, 8), axis=1, bitorder="little"
    )
    starts = np.concatenate(([0], np.cumsum(counts[filled])[:-1]))
    ones = np.add.reduceat(bits, starts, axis=0, dtype=np.int32)
    packed = np.packbits(
        (2 * ones > counts[filled, None]).astype(np.uint8), axis=1, bitorder="little"
    )
    out[filled] = packed.view("<i8").reshape(-1)
    return out


def fingerprints(docs: Sequence[Sequence[str]]) -> list[int]:
    """The SimHash of each token list (0 for an empty one)."""
    result: list[int] = []
    for first in range(0, len(docs), CHUNK):
        result.extend(int(v) for v in _chunk(docs[first : first + CHUNK]))
    return result


def fingerprint(tokens: Sequence[str]) -> int:
    """The SimHash of one token list."""
    return fingerprints([tokens])[0]


def hamming(a: int, b: int) -> int:
    """How many of the 64 bits differ between two fingerprints."""
    return ((a ^ b) & 0xFFFF_FFFF_FFFF_FFFF).bit_count()


def near_duplicate(a: int, b: int, max_distance: int = 3) -> bool:
    """Whether two fingerprints are at most *max_distance* bits apart."""
    return hamming(a, b) <= max_distance
