"""Whatever text a user feeds the loader, the only exception that escapes is InputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES

from socialplan.errors import InputError
from socialplan.inputs import decode_text
from socialplan.strategy import parse_strategy

EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*/strategy.yaml"))]


def _load(text: str) -> None:
    try:
        parse_strategy(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "fuzz.yaml"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    _load(text)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(EXAMPLE_TEXTS), st.data())
def test_mutated_examples(text: str, data: st.DataObject) -> None:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(
            st.sampled_from(["delete", "duplicate", "truncate", "replace", "indent"])
        )
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "truncate":
            lines[index] = lines[index][: data.draw(st.integers(0, len(lines[index])))]
        elif action == "replace":
            lines[index] = data.draw(st.text(max_size=40))
        else:
            lines[index] = "  " + lines[index]
        if not lines:
            lines = [""]
    _load("\n".join(lines))


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    try:
        _load(decode_text("fuzz.yaml", data))
    except InputError as exc:
        assert exc.problems[0].file == "fuzz.yaml"


def test_examples_load() -> None:
    assert EXAMPLE_TEXTS
    for text in EXAMPLE_TEXTS:
        parse_strategy(text)
