"""Every text ships translated in vi, th, zh, el and fa, with the same placeholders."""

from __future__ import annotations

import sys

import pytest
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import catalogues


@pytest.fixture(scope="module")
def fresh() -> object:
    """The template extracted from the code as it is now (never a stale .pot file)."""
    return catalogues.template()


@pytest.mark.parametrize("lang", catalogues.TRANSLATED)
def test_catalogue_is_complete(lang: str, fresh: object) -> None:
    issues = catalogues.problems(lang, fresh)  # type: ignore[arg-type]
    assert not issues, "\n".join(issues[:20]) + f"\n... {len(issues)} in all"


def test_template_is_current(fresh: object) -> None:
    from babel.messages.pofile import read_po

    with catalogues.TEMPLATE.open("rb") as handle:
        stored = {str(m.id) for m in read_po(handle) if m.id}
    current = {str(m.id) for m in fresh if m.id}  # type: ignore[attr-defined]
    assert stored == current, "run: make catalogues"


def test_placeholder_checker_catches_mismatches() -> None:
    assert catalogues.placeholders("{a} and {b}") != catalogues.placeholders("{a} und {c}")
    assert catalogues.placeholders("%(prog)s: %s") != catalogues.placeholders("%s")
    assert catalogues.placeholders("{a} {b}") == catalogues.placeholders("{b} {a}")


@pytest.mark.parametrize("lang", catalogues.TRANSLATED)
def test_gnu_msgfmt_accepts_the_catalogue(lang: str) -> None:
    """GNU gettext's own check passes too: no percentage is taken for a printf conversion."""
    import os
    import shutil
    import subprocess

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext is not installed (make system installs it)")
    checked = subprocess.run(
        [msgfmt, "-c", "-o", os.devnull, str(catalogues.po_path(lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in checked.stderr.splitlines() if "header field" not in line]
    assert checked.returncode == 0, errors
    assert not errors
