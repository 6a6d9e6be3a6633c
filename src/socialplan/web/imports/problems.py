"""The library's problems kept as JSON, so each viewer reads them in their own language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from socialplan.errors import Problem

JSONScalar = str | int | float | bool | None


def to_json(problems: Iterable[Problem], stored: str, shown: str) -> list[dict[str, Any]]:
    """*problems* as JSON, naming the export *shown* where the library named the *stored* path.

    The library names files by the path it read; users know their export by the name they
    uploaded, and the server's folders are none of their business.
    """
    return [
        {
            "file": _rename(p.file, stored, shown),
            "message": p.message,
            "args": _plain(p.args, stored, shown),
            "line": p.line,
            "column": p.column,
            "path": p.path,
            "hint": p.hint,
            "hint_args": _plain(p.hint_args, stored, shown),
        }
        for p in problems
    ]


def from_json(data: object) -> list[Problem]:
    """The problems stored by :func:`to_json`; anything malformed is left out."""
    if not isinstance(data, list):
        return []
    return [
        Problem(
            file=str(entry.get("file", "")),
            message=str(entry["message"]),
            args=_mapping(entry.get("args")),
            line=_number(entry.get("line")),
            column=_number(entry.get("column")),
            path=_text(entry.get("path")),
            hint=_text(entry.get("hint")),
            hint_args=_mapping(entry.get("hint_args")),
        )
        for entry in data
        if isinstance(entry, dict) and isinstance(entry.get("message"), str)
    ]


def _rename(file: str, stored: str, shown: str) -> str:
    if file == stored or file.startswith(stored + ":"):
        return shown + file[len(stored) :]
    # Anything else that names the server's folder loses the folder.
    return file.replace(stored, shown)


def _plain(args: Mapping[str, object], stored: str, shown: str) -> dict[str, JSONScalar]:
    """Arguments as JSON scalars (the catalogue formats them as text anyway), renamed too."""
    plain: dict[str, JSONScalar] = {}
    for key, value in args.items():
        if isinstance(value, bool | int | float) or value is None:
            plain[key] = value
        else:
            plain[key] = str(value).replace(stored, shown)
    return plain


def _mapping(value: object) -> dict[str, object]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
