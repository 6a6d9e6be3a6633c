"""Which texts the embedding budget reaches does not depend on the order of the export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from socialplan.activity import signals
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.store import Store
from socialplan.text import analyse as analyse_module

T0 = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
TEXTS = [f"message number {i} about the bakery" for i in range(40)]


def _extract(order: list[int]) -> Extract:
    extract = Extract(source_format="test")
    extract.accounts.append(Account("mastodon", "acme", is_brand=True))
    for i in order:
        extract.items.append(
            Item(
                "mastodon",
                f"p{i}",
                "acme",
                "brand",
                "post",
                T0 + dt.timedelta(hours=i),
                text=TEXTS[i],
            )
        )
    return extract


def _texts_analysed(folder: Path, order: list[int], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = analyse_module.analyse

    def recording(texts: list[str], hints: Any, **kwargs: Any) -> Any:
        seen.extend(texts)
        return real(texts, hints, **kwargs)

    monkeypatch.setattr(analyse_module, "analyse", recording)
    Store(folder).add(_extract(order), "export.zip", "f1", signals=signals.compute_signals)
    return list(dict.fromkeys(seen))  # the analysis may pass a text on to itself again


def test_the_texts_reach_the_analysis_in_the_same_order_whatever_the_exports_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signals, "EMBED_BUDGET", 3)
    monkeypatch.setattr(signals, "CHUNK", 16)  # several chunks, each with its share
    forwards = _texts_analysed(tmp_path / "a", list(range(40)), monkeypatch)
    backwards = _texts_analysed(tmp_path / "b", list(reversed(range(40))), monkeypatch)
    assert sorted(forwards) == sorted(TEXTS)
    assert forwards == backwards
