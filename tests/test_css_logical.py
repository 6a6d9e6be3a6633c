"""Style sheets use logical properties only, so right-to-left layouts need no second sheet."""

from __future__ import annotations

import re

from tests.conftest import ROOT

PHYSICAL = re.compile(
    r"(margin|padding|border)-(left|right)|(?<![-\w])(left|right)\s*:|"
    r"text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|clear\s*:\s*(left|right)"
)


def test_no_physical_properties() -> None:
    # Vendored libraries ship their own left-to-right and right-to-left builds.
    sheets = [s for s in (ROOT / "src").rglob("*.css") if "vendor" not in s.parts]
    assert len(sheets) >= 2
    for sheet in sheets:
        for number, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1):
            assert not PHYSICAL.search(line), f"{sheet.name}:{number}: {line.strip()}"


def test_the_check_catches_physical_properties() -> None:
    assert PHYSICAL.search("margin-left: 1rem")
    assert PHYSICAL.search("text-align: right")
    assert PHYSICAL.search("left: 0")
    assert not PHYSICAL.search("margin-inline-start: 1rem")


def test_templates_use_no_physical_inline_styles() -> None:
    templates = list((ROOT / "src" / "socialplan").rglob("templates/**/*.html"))
    assert templates
    for template in templates:
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            for style in re.findall(r'style="([^"]*)"', line):
                assert not PHYSICAL.search(style), f"{template.name}:{number}: {style}"
