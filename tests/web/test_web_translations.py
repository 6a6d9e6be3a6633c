"""The web app speaks every shipped language: complete catalogues, placeholders intact."""

from __future__ import annotations

import sys

import pytest
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import web_catalogues


@pytest.fixture(scope="module")
def fresh() -> set[str]:
    """Messages the templates and code use today."""
    return web_catalogues.fresh_msgids()


def test_extraction_finds_the_interface(fresh: set[str]) -> None:
    assert "Sign in" in fresh
    assert "Your role: %(role)s" in fresh


@pytest.mark.parametrize("locale", sorted(web_catalogues.LOCALES.values()))
def test_catalogue_is_complete(locale: str, fresh: set[str]) -> None:
    assert web_catalogues.problems(locale, fresh) == []
