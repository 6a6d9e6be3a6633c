"""Helpers the importer tests share: times, zips, and random mutations of JSON fixtures."""

from __future__ import annotations

import copy
import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import strategies as st


def utc(*args: int) -> dt.datetime:
    """An aware UTC time."""
    return dt.datetime(*args, tzinfo=dt.UTC)


def zipped(folder: Path, target: Path) -> Path:
    """*folder* as a zip file, the way the platform hands it over."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a JSON value, the root included."""
    yield prefix
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(
        value, list) else []  # fmt: skip
    for key, child in children:
        yield from _paths(child, (*prefix, key))


def mutate_json(data: Any, draw: st.DrawFn) -> Any:
    """*data* with one to four random deletions, copies, replacements, retypings or cuts."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(_paths(data))))
        action = draw(st.sampled_from(["delete", "duplicate", "replace", "retype", "truncate"]))
        if not path:
            data = draw(JSON_VALUES) if action == "replace" else [data]
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        key, value = path[-1], parent[path[-1]]
        if action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(value))
        elif action == "replace":
            parent[key] = draw(JSON_VALUES)
        elif action == "retype":
            parent[key] = (
                str(value) if isinstance(value, int | float) else
                list(value.values()) if isinstance(value, dict) else
                dict(enumerate(value)) if isinstance(value, list) else
                draw(st.integers()) if isinstance(value, str) else
                {"value": value}
            )  # fmt: skip
        elif isinstance(value, str | list):
            parent[key] = value[: draw(st.integers(0, len(value)))]
    return data
