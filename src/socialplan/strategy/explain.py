"""Turning pydantic's validation errors into plain, translatable problems with a place."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from socialplan.errors import Problem
from socialplan.i18n import N_
from socialplan.strategy.locate import Locator, format_path
from socialplan.strategy.model.vocab import closest

MISSING = N_("required key {key} is missing")
UNKNOWN_KEY = N_("unknown key {key}; expected one of: {expected}")
DID_YOU_MEAN = N_("did you mean {hint}?")
UNKNOWN_WORD = N_("{found} is not a known value here; expected one of: {expected}")
EXPECTED_TEXT = N_("expected text, found {found}")
EXPECTED_NONEMPTY = N_("expected some text, found an empty value")
EXPECTED_INTEGER = N_("expected a whole number, found {found}")
EXPECTED_NUMBER = N_("expected a number, found {found}")
EXPECTED_BOOL = N_("expected true or false, found {found}")
EXPECTED_DATE = N_("expected a date like 2027-06-30, found {found}")
EXPECTED_LIST = N_("expected a list, found {found}")
EXPECTED_MAPPING = N_("expected a mapping of keys and values, found {found}")
EXPECTED_CHOICE = N_("expected one of: {expected}; found {found}")
EXPECTED_QUARTER = N_("expected a quarter like 2027-Q1, found {found}")
EXPECTED_SLUG = N_("expected an id of lowercase letters, digits, - and _, found {found}")
EXPECTED_LANGUAGE = N_("expected a language code such as en, vi or fa, found {found}")
AT_LEAST = N_("expected a number of at least {limit}, found {found}")
AT_MOST = N_("expected a number of at most {limit}, found {found}")
MORE_THAN = N_("expected a number greater than {limit}, found {found}")
INVALID = N_("invalid value: {detail}")

FOUND_MAPPING = N_("a mapping")
FOUND_LIST = N_("a list")
FOUND_NOTHING = N_("nothing")

_BY_TYPE = {
    "string_type": EXPECTED_TEXT,
    "int_type": EXPECTED_INTEGER,
    "int_parsing": EXPECTED_INTEGER,
    "int_from_float": EXPECTED_INTEGER,
    "float_type": EXPECTED_NUMBER,
    "float_parsing": EXPECTED_NUMBER,
    "bool_type": EXPECTED_BOOL,
    "bool_parsing": EXPECTED_BOOL,
    "date_type": EXPECTED_DATE,
    "date_parsing": EXPECTED_DATE,
    "date_from_datetime_parsing": EXPECTED_DATE,
    "date_from_datetime_inexact": EXPECTED_DATE,
    "list_type": EXPECTED_LIST,
    "dict_type": EXPECTED_MAPPING,
    "model_type": EXPECTED_MAPPING,
    "model_attributes_type": EXPECTED_MAPPING,
}


def describe(value: Any) -> str:
    """A short description of what the user wrote, for 'found ...'."""
    if value is None:
        return FOUND_NOTHING
    if isinstance(value, dict):
        return FOUND_MAPPING
    if isinstance(value, list):
        return FOUND_LIST
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def explain(error: ErrorDetails, file: str, locator: Locator, root: type[BaseModel]) -> Problem:
    """One pydantic error as a :class:`Problem` at the right line and column."""
    loc = [part for part in error["loc"] if part != "[key]"]
    on_key = "[key]" in error["loc"]
    path: tuple[str | int, ...] = tuple(loc)
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    found = describe(error.get("input"))
    message = INVALID
    args: dict[str, object] = {"detail": error["msg"]}
    hint: str | None = None
    hint_args: dict[str, object] = {}

    if kind == "missing":
        message, args = MISSING, {"key": str(path[-1])}
        path = path[:-1]
    elif kind == "extra_forbidden":
        known = _known_keys(root, path[:-1])
        message, args = UNKNOWN_KEY, {"key": str(path[-1]), "expected": ", ".join(known)}
        suggestion = closest(str(path[-1]), known)
        if suggestion:
            hint, hint_args = DID_YOU_MEAN, {"hint": suggestion}
        on_key = True
    elif kind == "unknown_word":
        message, args = UNKNOWN_WORD, {"found": found, "expected": ctx.get("expected", "")}
        if ctx.get("hint"):
            hint, hint_args = DID_YOU_MEAN, {"hint": ctx["hint"]}
    elif kind in _BY_TYPE:
        message, args = _BY_TYPE[kind], {"found": found}
    elif kind == "literal_error":
        message, args = EXPECTED_CHOICE, {"expected": ctx.get("expected", ""), "found": found}
    elif kind == "string_too_short":
        message, args = EXPECTED_NONEMPTY, {}
    elif kind == "string_pattern_mismatch":
        message = _pattern_message(str(ctx.get("pattern", "")))
        args = {"found": found}
        if message == INVALID:
            args = {"detail": error["msg"]}
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("le", ctx.get("gt")))
        message = {"greater_than_equal": AT_LEAST, "less_than_equal": AT_MOST}.get(kind, MORE_THAN)
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)
        args = {"limit": limit, "found": found}

    position = locator.find(path, key=on_key)
    return Problem(
        file=file,
        message=message,
        args=args,
        line=position[0] if position else None,
        column=position[1] if position else None,
        path=format_path(path) or None,
        hint=hint,
        hint_args=hint_args,
    )


def _pattern_message(pattern: str) -> str:
    if "Q[1-4]" in pattern:
        return EXPECTED_QUARTER
    if pattern.startswith("^[a-z0-9]"):
        return EXPECTED_SLUG
    if pattern.startswith("^[a-z]{2,3}"):
        return EXPECTED_LANGUAGE
    return INVALID


def _known_keys(root: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at *path*, found by walking the model's field types."""
    current: Any = root
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    model = _as_model(current)
    return list(model.model_fields) if model else []


def _step(annotation: Any, part: str | int) -> Any:
    model = _as_model(annotation)
    if model is not None and isinstance(part, str):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    for arg in _unwrap(annotation):
        origin = typing.get_origin(arg)
        if origin is list and isinstance(part, int):
            return typing.get_args(arg)[0]
        if origin is dict:
            return typing.get_args(arg)[1]
    return None


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def _as_model(annotation: Any) -> type[BaseModel] | None:
    for arg in _unwrap(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
