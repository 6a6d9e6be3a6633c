"""Reading exports: a damaged zip member is bad input, never a crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from socialplan.activity.source import Source
from socialplan.errors import InputError
from socialplan.i18n import catalogue


def _damaged_zip(path: Path) -> Path:
    """A zip whose one deflated member has its compressed bytes overwritten."""
    text = ("a post about nothing in particular " * 400).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/posts.json", text)
    raw = bytearray(path.read_bytes())
    start = raw.index(b"data/posts.json") + len("data/posts.json")
    for offset in range(start + 10, start + 60):
        raw[offset] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


def test_damaged_deflate_data_is_a_clear_error(tmp_path: Path) -> None:
    path = _damaged_zip(tmp_path / "export.zip")
    with Source(path) as source:
        (member,) = list(source.iter_members())
        with pytest.raises(InputError) as caught:
            source.read_bytes(member)
    text = caught.value.render(catalogue("en"))
    assert "export.zip:data/posts.json" in text
