"""Loading a strategy document from YAML, with every error placed at file:line:column."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from socialplan.errors import EMPTY_FILE, InputError, Problem
from socialplan.i18n import N_
from socialplan.inputs import DEFAULT_MAX_BYTES, read_text
from socialplan.strategy.explain import describe, explain
from socialplan.strategy.locate import Locator
from socialplan.strategy.locate import Path as DocPath
from socialplan.strategy.model import Strategy

#: Aliases can make a small file expand enormously; no real strategy comes near this.
MAX_NODES = 200_000

MALFORMED = N_("malformed YAML: {detail}")
NOT_A_MAPPING = N_("a strategy is a mapping of parts (team, goal, channels, ...); found {found}")
TOO_MANY_NODES = N_("the document expands to more than {limit} values (are aliases looping?)")


@dataclass(frozen=True)
class LoadedStrategy:
    """A validated document, the file it came from and where each part stands in it."""

    file: str
    document: Strategy
    locator: Locator


def load_strategy(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedStrategy:
    """Read and validate the strategy at *path*; raise :class:`InputError` on any problem."""
    return parse_strategy(read_text(path, max_bytes), str(path))


def parse_strategy(text: str, name: str = "<strategy>") -> LoadedStrategy:
    """Validate strategy YAML *text*; *name* is used in error messages."""
    tree = _parse_yaml(text, name)
    if tree is None:
        raise InputError.one(name, EMPTY_FILE)
    locator = Locator()
    data = _plain(tree, (), locator, name, [0])
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    file=name,
                    message=NOT_A_MAPPING,
                    args={"found": describe(data)},
                    line=1,
                    column=1,
                )
            ]
        )
    try:
        document = Strategy.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            [explain(error, name, locator, Strategy) for error in exc.errors(include_url=False)]
        ) from None
    return LoadedStrategy(file=name, document=document, locator=locator)


def _parse_yaml(text: str, name: str) -> Any:
    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise InputError(
            [
                Problem(
                    file=name,
                    message=MALFORMED,
                    args={"detail": detail or "?"},
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except YAMLError as exc:
        raise InputError.one(name, MALFORMED, detail=str(exc).splitlines()[0]) from None


def _plain(node: Any, path: DocPath, locator: Locator, name: str, count: list[int]) -> Any:
    """Turn ruamel's round-trip nodes into plain Python, recording each position on the way."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise InputError.one(name, TOO_MANY_NODES, limit=MAX_NODES)
    if isinstance(node, CommentedMap):
        if not path:
            locator.values[()] = (node.lc.line + 1, node.lc.col + 1)
        result: dict[Any, Any] = {}
        for key, value in node.items():
            key_path = (*path, str(key))
            kline, kcol = node.lc.key(key)
            vline, vcol = node.lc.value(key)
            locator.keys[key_path] = (kline + 1, kcol + 1)
            locator.values[key_path] = (vline + 1, vcol + 1)
            result[_plain_key(key)] = _plain(value, key_path, locator, name, count)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            locator.values[(*path, index)] = (line + 1, col + 1)
            items.append(_plain(value, (*path, index), locator, name, count))
        return items
    return _plain_scalar(node)


def _plain_key(key: Any) -> Any:
    return str(key) if isinstance(key, str | int | float | dt.date) else key


def _plain_scalar(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return bool(value) if type(value).__name__ == "ScalarBoolean" else int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return dt.datetime(*value.timetuple()[:6], tzinfo=value.tzinfo)
    return value
