"""Measure the text analysis on the test corpus: accuracy per check and language, and speed.

Run: .venv/bin/python -m tests.text.measure_text   (figures go to docs/text-analysis.md by hand)
"""

from __future__ import annotations

import os
import platform
import random
import re
import time
from collections.abc import Callable

from tests.text.corpus import (
    FORBIDDEN_HITS,
    LANGUAGES,
    ORDINARY,
    PROMOTIONS,
    QUESTIONS,
    REFUSALS,
    SENTIMENT,
    SUBSTRINGS,
)

from socialplan.text import language, tokens
from socialplan.text.analyse import analyse
from socialplan.text.fingerprint import fingerprint, hamming


def _ratio(pairs: list[tuple[object, object]]) -> str:
    good = sum(1 for got, want in pairs if got == want)
    return f"{good}/{len(pairs)}"


def accuracy() -> None:
    print("| check | " + " | ".join(LANGUAGES) + " | all |")
    print("|---|" + "---|" * (len(LANGUAGES) + 1))

    def row(name: str, per: Callable[[str], list[tuple[object, object]]]) -> None:
        cells = []
        every: list[tuple[object, object]] = []
        for lang in LANGUAGES:
            pairs = per(lang)
            every.extend(pairs)
            cells.append(_ratio(pairs))
        print(f"| {name} | " + " | ".join(cells) + f" | {_ratio(every)} |")

    row("language (no hint)", lambda lg: [(language.detect(t), lg) for t in ORDINARY[lg][:15]])
    row(
        "question",
        lambda lg: [
            (s.question, want)
            for s, (_, want) in zip(
                analyse([t for t, _ in QUESTIONS[lg]], embed_budget=0), QUESTIONS[lg], strict=True
            )
        ],
    )
    for budget, name in ((0, "sentiment, word rules only"), (10_000, "sentiment, with embeddings")):
        row(
            name,
            lambda lg, b=budget: [
                (s.sentiment, want)
                for s, (_, want) in zip(
                    analyse(
                        [t for t, _ in SENTIMENT[lg]], [lg] * len(SENTIMENT[lg]), embed_budget=b
                    ),
                    SENTIMENT[lg],
                    strict=True,
                )
            ],
        )
    row(
        "forbidden: no flag on ordinary",
        lambda lg: [
            (s.forbidden, ())
            for s in analyse(ORDINARY[lg], [lg] * len(ORDINARY[lg]), embed_budget=0)
        ],
    )
    row(
        "forbidden: listed word found",
        lambda lg: [
            (want in s.forbidden, True)
            for (lg2, t, want) in FORBIDDEN_HITS
            if lg2 == lg
            for s in analyse([t], [lg], embed_budget=0)
        ],
    )
    row(
        "forbidden: no hit inside a word",
        lambda lg: [
            (s.forbidden, ())
            for (lg2, t, _) in SUBSTRINGS
            if lg2 == lg
            for s in analyse([t], [lg], embed_budget=0)
        ],
    )
    row(
        "refusal",
        lambda lg: [
            (s.refusal, want)
            for s, (_, want) in zip(
                analyse([t for t, _ in REFUSALS[lg]], [lg] * 4, embed_budget=0),
                REFUSALS[lg],
                strict=True,
            )
        ],
    )
    row(
        "promotion",
        lambda lg: [
            (s.promotional, want)
            for s, (_, want) in zip(
                analyse([t for t, _ in PROMOTIONS[lg]], [lg] * 4, embed_budget=0),
                PROMOTIONS[lg],
                strict=True,
            )
        ],
    )


def _native_segment(lang: str) -> Callable[[str], tokens.Segmented]:
    cut = tokens._NATIVE[lang]

    def segment(norm: str) -> tokens.Segmented:
        words: list[str] = []
        clauses: list[tokens.Clause] = []
        for piece in re.split(r"([?!.;\u3002\n\u2026\u061f]+)", norm):
            if not piece:
                continue
            if re.fullmatch(r"[?!.;\u3002\n\u2026\u061f]+", piece):
                mark = "?" if "?" in piece or "\u061f" in piece else "!" if "!" in piece else "."
                if clauses and clauses[-1].end == len(words) and not clauses[-1].mark:
                    last = clauses.pop()
                    clauses.append(tokens.Clause(last.start, last.end, mark))  # type: ignore[arg-type]
                continue
            start = len(words)
            words.extend(t for t in cut(piece) if any(c.isalnum() for c in t))
            if len(words) > start:
                clauses.append(tokens.Clause(start, len(words), ""))
        return tokens.Segmented(words, clauses)

    return segment


def segmenters() -> None:
    """Outcomes of the checks with ICU and with each language's own segmenter, and speed."""
    from socialplan.text import analyse as module

    for lang in ("th", "zh", "vi"):
        sets = {
            "question": QUESTIONS[lang],
            "sentiment": SENTIMENT[lang],
            "ordinary": [(t, ()) for t in ORDINARY[lang]],
            "hits": [(t, True) for lg, t, _ in FORBIDDEN_HITS if lg == lang],
            "inside": [(t, ()) for lg, t, _ in SUBSTRINGS if lg == lang],
        }
        line = []
        for engine in ("icu", "native"):
            original = module.segment
            if engine == "native":
                module.segment = _native_segment(lang)
            try:
                cells = []
                for name, items in sets.items():
                    got = analyse([t for t, _ in items], [lang] * len(items), embed_budget=0)
                    if name == "question":
                        pairs = [(g.question, w) for g, (_, w) in zip(got, items, strict=True)]
                    elif name == "sentiment":
                        pairs = [(g.sentiment, w) for g, (_, w) in zip(got, items, strict=True)]
                    elif name == "hits":
                        pairs = [(bool(g.forbidden), True) for g in got]
                    else:
                        pairs = [(g.forbidden, ()) for g in got]
                    cells.append(f"{name} {_ratio(pairs)}")  # type: ignore[arg-type]
                line.append(f"{engine}: " + ", ".join(cells))
            finally:
                module.segment = original
        texts = [t for items in sets.values() for t, _ in items]
        start = time.process_time()
        for text in texts * 20:
            tokens.words(text, lang, engine="native")
        native = len(texts) * 20 / (time.process_time() - start)
        start = time.process_time()
        for text in texts * 20:
            tokens.words(text, lang)
        icu = len(texts) * 20 / (time.process_time() - start)
        print(f"{lang}: " + "; ".join(line) + f"; icu {icu:,.0f}/s native {native:,.0f}/s")


def distances() -> None:
    rng = random.Random(7)
    base = [t for lg in LANGUAGES for t in ORDINARY[lg]]
    for size in (10, 20, 40, 80):
        one, far = [], []
        for _ in range(200):
            words = " ".join(rng.choice(base) for _ in range(12)).split()[:size]
            edited = list(words)
            edited[rng.randrange(len(edited))] = "changed"
            other = " ".join(rng.choice(base) for _ in range(12)).split()[:size]
            a = fingerprint(tokens.words(" ".join(words)))
            one.append(hamming(a, fingerprint(tokens.words(" ".join(edited)))))
            far.append(hamming(a, fingerprint(tokens.words(" ".join(other)))))
        one.sort()
        far.sort()
        print(
            f"{size} words: one word changed median {one[100]} p90 {one[180]}; "
            f"unrelated median {far[100]} p10 {far[20]}"
        )


def speed() -> None:
    """Texts per second: one process (CPU time and wall time), worker processes (wall time),
    and the embedding path."""
    from socialplan.text import analyse as module

    rng = random.Random(3)
    pool = [t for lg in LANGUAGES for t in ORDINARY[lg]] + [
        t for lg in LANGUAGES for t, _ in SENTIMENT[lg]
    ]
    # Distinct texts (the caller dedupes), one or two comments each, all six languages.
    texts = [
        f"{rng.choice(pool)} {rng.choice(pool) if rng.random() < 0.3 else ''} {i}"
        for i in range(200_000)
    ]
    analyse(texts[:200], embed_budget=0)
    saved = module.PARALLEL_FROM
    module.PARALLEL_FROM = 10**12
    try:
        best_cpu = best_wall = float("inf")
        for _ in range(3):
            cpu, wall = time.process_time(), time.perf_counter()
            analyse(texts[:50_000], embed_budget=0)
            best_cpu = min(best_cpu, time.process_time() - cpu)
            best_wall = min(best_wall, time.perf_counter() - wall)
    finally:
        module.PARALLEL_FROM = saved
    print(
        f"cheap path, one process: {50_000 / best_cpu:,.0f} texts/s of CPU time, "
        f"{50_000 / best_wall:,.0f} texts/s wall (best of 3, 50,000 texts)"
    )
    wall = time.perf_counter()
    analyse(texts, embed_budget=0)
    wall = time.perf_counter() - wall
    print(
        f"cheap path, worker processes: {len(texts) / wall:,.0f} texts/s wall "
        f"({len(texts):,} texts)"
    )
    sample = [t for lg in LANGUAGES for t, _ in SENTIMENT[lg]] + texts[:300]
    undecided = sum(1 for r in analyse(sample, embed_budget=0) if r.sentiment == "neutral")
    analyse(["warm up"], embed_budget=1)
    cpu, wall = time.process_time(), time.perf_counter()
    analyse(sample, embed_budget=len(sample))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(
        f"embedding path: {undecided} of {len(sample)} texts undecided by the word rules, "
        f"embedded in {wall:.1f} s wall: {undecided / wall:,.1f} texts/s wall, "
        f"{undecided / cpu:,.1f} texts/s of CPU time"
    )


if __name__ == "__main__":
    print(
        time.strftime("%Y-%m-%d"),
        platform.machine(),
        os.cpu_count(),
        "cores, load average",
        " ".join(f"{v:.1f}" for v in os.getloadavg()),
    )
    accuracy()
    segmenters()
    distances()
    speed()
    print("load average after", " ".join(f"{v:.1f}" for v in os.getloadavg()))
