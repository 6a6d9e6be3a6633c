"""SimHash fingerprints: stable, small edits close, different texts far."""

from __future__ import annotations

import hashlib
import random

from tests.text.corpus import LANGUAGES, ORDINARY

from socialplan.text.fingerprint import fingerprint, fingerprints, hamming, near_duplicate
from socialplan.text.tokens import words

POST = (
    "Our autumn workshop series starts next week: four evenings of bread baking with our head "
    "baker, small groups, all ingredients included, and every participant takes home a "
    "sourdough starter. Places are limited, so book early through the website or ask in store."
)


def _reference(tokens: list[str]) -> int:
    votes = [0] * 64
    for token in tokens:
        h = int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "little")
        for bit in range(64):
            votes[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if votes[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value


def test_matches_a_plain_simhash_and_fits_int64() -> None:
    docs = [words(t) for t in ORDINARY["en"]] + [[], ["x"] * 4 + ["y"]]
    got = fingerprints(docs)
    assert got == [_reference(d) if d else 0 for d in docs]
    assert all(-(2**63) <= v < 2**63 for v in got)


def test_formatting_does_not_matter() -> None:
    a = fingerprint(words(POST))
    b = fingerprint(words(POST.upper().replace(",", "") + " https://example.com/x?utm=1 🎉"))
    assert hamming(a, b) == 0


def test_small_edits_stay_close() -> None:
    # One word in 42 moves about 64 * acos(41/42) / pi = 4.4 bits on average: within the
    # default 3 bits only for formatting changes or long texts (docs/text-analysis.md).
    a = fingerprint(words(POST))
    edits = [
        ("four evenings", "five evenings"),
        ("book early", "book soon"),
        ("small groups, ", ""),
        ("website", "web site"),
    ]
    distances = [hamming(a, fingerprint(words(POST.replace(old, new)))) for old, new in edits]
    assert all(d <= 10 for d in distances), distances
    assert all(
        near_duplicate(a, fingerprint(words(POST.replace(old, new))), max_distance=10)
        for old, new in edits
    )


def test_different_texts_are_far() -> None:
    prints = [fingerprint(words(t)) for lang in LANGUAGES for t in ORDINARY[lang][:10]]
    distances = [hamming(a, b) for i, a in enumerate(prints) for b in prints[i + 1 :]]
    assert min(distances) > 3
    assert sorted(distances)[len(distances) // 2] >= 24


def test_one_word_edits_are_much_closer_than_other_texts() -> None:
    rng = random.Random(5)
    pool = " ".join(ORDINARY["en"]).split()
    for _ in range(50):
        text = [rng.choice(pool) for _ in range(40)]
        edited = list(text)
        edited[rng.randrange(40)] = "zzz"
        other = [rng.choice(pool) for _ in range(40)]
        a = fingerprint(words(" ".join(text)))
        assert hamming(a, fingerprint(words(" ".join(edited)))) <= 10
        assert hamming(a, fingerprint(words(" ".join(other)))) > 10


def test_hamming() -> None:
    assert hamming(0, 0) == 0
    assert hamming(-1, 0) == 64
    assert hamming(0b1011, 0b0001) == 2
    assert near_duplicate(5, 4)
    assert not near_duplicate(0, 0b1111)
