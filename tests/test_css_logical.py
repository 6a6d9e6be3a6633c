"""Style sheets use logical properties only, so right-to-left layouts need no second sheet."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PHYSICAL = re.compile(
    r"(margin|padding|border)-(left|right)|(?<![-\w])(left|right)\s*:|"
    r"text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|clear\s*:\s*(left|right)"
)


def test_no_physical_properties() -> None:
    sheets = list((ROOT / "src").rglob("*.css"))
    assert sheets
    for sheet in sheets:
        for number, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1):
            assert not PHYSICAL.search(line), f"{sheet.name}:{number}: {line.strip()}"


def test_the_check_catches_physical_properties() -> None:
    assert PHYSICAL.search("margin-left: 1rem")
    assert PHYSICAL.search("text-align: right")
    assert PHYSICAL.search("left: 0")
    assert not PHYSICAL.search("margin-inline-start: 1rem")
