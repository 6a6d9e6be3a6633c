"""A wizard step's values applied to the strategy text: the document it would save, or why not.

Only what changed is written: an unchanged part keeps its text to the byte, a changed field keeps
the comments and layout of the rest of its part, and the other parts are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from socialplan.errors import InputError, Problem
from socialplan.strategy.explain import MISSING as MISSING_KEY
from socialplan.strategy.load import LoadedStrategy, parse_strategy
from socialplan.strategy.locate import parse_path
from socialplan.web.strategy.forms import field_name
from socialplan.web.strategy.fragments import Checked, Fragment, check_fragment
from socialplan.web.strategy.parts import dump, load, normalise, part_text, replace_part
from socialplan.web.strategy.revisions import DOCUMENT_NAME
from socialplan.web.strategy.steps import Field, Kind, PartSpec, Step

#: The slot of problems that concern the whole step rather than one field.
STEP_SLOT = "step"


@dataclass
class Draft:
    """A step's values applied to a document."""

    text: str
    changed: bool = False
    loaded: LoadedStrategy | None = None
    #: Problems by slot: a form field's name, a part's key or :data:`STEP_SLOT`.
    notes: dict[str, list[Problem]] = field(default_factory=lambda: defaultdict(list))
    #: The YAML editors of the step, validated, by slot: they place findings in their text.
    checked: dict[str, Checked] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """Whether the would-be document loads."""
        return self.loaded is not None and not any(self.notes.values())


@lru_cache(maxsize=8)
def parsed(text: str) -> LoadedStrategy:
    """The document *text*, validated (raises InputError); kept for the texts seen last.

    Validating a long document takes a tenth of a second, and one page asks more than once.
    """
    return parse_strategy(text, DOCUMENT_NAME)


def initial(step: Step, text: str) -> dict[str, Any]:
    """The form values that show *text* as it is."""
    values: dict[str, Any] = {}
    for part in step.parts:
        current = part_text(text, part.key) or ""
        if part.as_yaml:
            values[part.key] = current
            continue
        node = load(current) if current else None
        if part.scalar:
            values[part.key] = "" if node is None else str(node)
            continue
        mapping = node if isinstance(node, CommentedMap) else CommentedMap()
        for spec in part.fields:
            values[field_name(part, spec)] = _form_value(spec, mapping.get(spec.key))
    return values


def apply(step: Step, text: str, values: Mapping[str, Any]) -> Draft:
    """*text* with the step's parts set from *values* (cleaned form data), validated."""
    draft = Draft(text=text)
    for part in step.parts:
        if part.as_yaml:
            new = _yaml_part(part, text, values, draft)
        elif part.scalar:
            new = _scalar_part(part, text, values, draft)
        else:
            new = _fields_part(part, text, values, draft)
        if new is not None:
            draft.text = replace_part(draft.text, part.key, new)
    if any(draft.notes.values()):
        draft.text = text
        return draft
    try:
        draft.loaded = parsed(draft.text)
    except InputError as exc:
        draft.notes[STEP_SLOT].extend(exc.problems)
        draft.text = text
        return draft
    draft.changed = draft.text != text
    return draft


def _yaml_part(part: PartSpec, text: str, values: Mapping[str, Any], draft: Draft) -> str | None:
    """The part's new YAML, or None when it is unchanged or wrong."""
    submitted = normalise(str(values.get(part.key) or ""))
    checked = check_fragment(Fragment((part.key,), submitted), DOCUMENT_NAME)
    draft.checked[part.key] = checked
    draft.notes[part.key].extend(checked.problems)
    if checked.problems or submitted == normalise(part_text(text, part.key) or ""):
        return None
    return submitted


def _scalar_part(part: PartSpec, text: str, values: Mapping[str, Any], draft: Draft) -> str | None:
    value = str(values.get(part.key) or "").strip()
    old = part_text(text, part.key)
    if value == (str(load(old)) if old else ""):
        return None
    new = dump(value) if value else ""
    checked = check_fragment(Fragment((part.key,), new), DOCUMENT_NAME)
    draft.notes[part.key].extend(_unplaced(p) for p in checked.problems)
    return None if checked.problems else new


def _fields_part(part: PartSpec, text: str, values: Mapping[str, Any], draft: Draft) -> str | None:
    old = part_text(text, part.key) or ""
    node = load(old) if old else None
    mapping = node if isinstance(node, CommentedMap) else CommentedMap()
    changed = False
    for spec in part.fields:
        name = field_name(part, spec)
        if spec.kind is Kind.YAML:
            submitted = normalise(str(values.get(name) or ""))
            checked = check_fragment(Fragment((part.key, spec.key), submitted), DOCUMENT_NAME)
            draft.checked[name] = checked
            draft.notes[name].extend(checked.problems)
            if checked.problems or submitted == _sub_text(mapping.get(spec.key)):
                continue
            new_value = load(submitted) if submitted else None
        else:
            new_value = _yaml_value(spec, values.get(name))
            if _same(mapping.get(spec.key), new_value):
                continue
        _put(mapping, part, spec, new_value)
        changed = True
    if not changed:
        return None
    new = dump(mapping) if mapping else ""
    checked = check_fragment(Fragment((part.key,), new), DOCUMENT_NAME)
    for problem in checked.problems:
        slot = _slot_of(part, problem)
        if slot not in draft.checked:
            draft.notes[slot].append(_unplaced(problem))
    return None if checked.problems else new


def _slot_of(part: PartSpec, problem: Problem) -> str:
    """The field a problem of a part is about; the part itself when no field is."""
    path = parse_path(problem.path or "")
    keys = {spec.key: spec for spec in part.fields}
    if len(path) > 1 and str(path[1]) in keys:
        return field_name(part, keys[str(path[1])])
    missing = str(problem.args.get("key", "")) if problem.message == MISSING_KEY else ""
    if missing in keys:
        return field_name(part, keys[missing])
    return part.key


def _unplaced(problem: Problem) -> Problem:
    """A problem in YAML the user never saw (made from form fields) has no useful position."""
    return Problem(
        file=problem.file,
        message=problem.message,
        args=problem.args,
        path=problem.path,
        hint=problem.hint,
        hint_args=problem.hint_args,
    )


def _sub_text(value: Any) -> str:
    return "" if value is None else dump(value)


def _form_value(spec: Field, value: Any) -> Any:
    """A document value as its form field shows it."""
    if value is None:
        return [] if spec.kind is Kind.CHOICES else ""
    kind = spec.kind
    if kind is Kind.YAML:
        return _sub_text(value)
    if kind is Kind.YES_NO:
        return "true" if value is True else "false" if value is False else ""
    if kind is Kind.CHOICES:
        return [str(v) for v in value] if isinstance(value, list) else []
    if kind is Kind.LINES:
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if kind in (Kind.NUMBER, Kind.WHOLE, Kind.DATE):
        return value
    return str(value)


def _yaml_value(spec: Field, value: Any) -> Any:
    """A cleaned form value as the document writes it; None for nothing."""
    kind = spec.kind
    if value is None or value in ("", []):
        return None
    if kind is Kind.YES_NO:
        return value == "true"
    if kind is Kind.NUMBER:
        return int(value) if float(value).is_integer() else float(value)
    if kind in (Kind.WHOLE, Kind.DATE):
        return value
    if kind is Kind.CHOICES:
        return _flow([str(v) for v in value])
    if kind is Kind.LINES:
        lines = [line.strip() for line in str(value).splitlines() if line.strip()]
        return _flow(lines) if lines else None
    text = normalise(str(value)).strip()
    if "\n" in text:
        return LiteralScalarString(text + "\n")
    return text or None


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _same(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(new, list):
        return isinstance(old, list) and [str(v) for v in old] == [str(v) for v in new]
    if isinstance(new, bool) or isinstance(old, bool):
        return old is new
    if isinstance(new, dt.date):
        return bool(old == new)
    if isinstance(new, int | float):
        return isinstance(old, int | float) and float(old) == float(new)
    return str(old).strip() == str(new).strip()


def _put(mapping: CommentedMap, part: PartSpec, spec: Field, value: Any) -> None:
    """Set or remove *spec*'s key, a new key taking its place in the schema's order."""
    if value is None:
        mapping.pop(spec.key, None)
        return
    block = isinstance(value, LiteralScalarString) or (
        isinstance(value, CommentedMap | CommentedSeq) and not value.fa.flow_style()
    )
    if block:
        # Block values cannot live inside a flow mapping.
        mapping.fa.set_block_style()
    if spec.key in mapping:
        mapping[spec.key] = value
        return
    order = [f.key for f in part.fields]
    position = 0
    for index, key in enumerate(mapping):
        if key in order and order.index(key) < order.index(spec.key):
            position = index + 1
    mapping.insert(position, spec.key, value)
