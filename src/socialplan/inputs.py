"""Reading a user's text file safely: every way it can be wrong becomes a clear Problem."""

from __future__ import annotations

from pathlib import Path

from socialplan.errors import (
    BINARY_FILE,
    EMPTY_FILE,
    FILE_NOT_FOUND,
    FILE_TOO_LARGE,
    IS_DIRECTORY,
    NOT_READABLE,
    NOT_UTF8,
    InputError,
    Problem,
    human_size,
)

#: Strategy and configuration files are hand-written; anything past this is not one.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The UTF-8 text of *path*, or an :class:`InputError` that names the file and the place."""
    name = str(path)
    try:
        if not path.exists():
            raise InputError.one(name, FILE_NOT_FOUND)
        if path.is_dir():
            raise InputError.one(name, IS_DIRECTORY)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError.one(
                name, FILE_TOO_LARGE, size=human_size(size), limit=human_size(max_bytes)
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.one(name, NOT_READABLE, reason=exc.strerror or type(exc).__name__) from exc
    return decode_text(name, data)


def decode_text(name: str, data: bytes) -> str:
    """Decode *data* as UTF-8 (a byte-order mark is allowed), refusing binary content."""
    if b"\x00" in data[:8192] or b"\x00" in data:
        raise InputError.one(name, BINARY_FILE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [
                Problem(
                    file=name, message=NOT_UTF8, args={"byte": exc.start}, line=line, column=column
                )
            ]
        ) from exc
    if not text.strip():
        raise InputError.one(name, EMPTY_FILE)
    return text
