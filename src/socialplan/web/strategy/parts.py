"""One top-level part of the strategy YAML, read out as text and written back in place.

The wizard edits one part at a time (``goal``, ``channels``, ...). Writing a part back replaces
only that part's lines, so every comment and blank line elsewhere stays exactly as it was; when
the document's layout does not allow that (a flow-style document), the part is replaced through
ruamel's round-trip dump instead.
"""

from __future__ import annotations

import io
import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap
from ruamel.yaml.error import YAMLError

from socialplan.strategy.model import Strategy

#: The order of the parts in the schema; a new part is inserted where it belongs.
ORDER = tuple(Strategy.model_fields)
#: What a newly made document starts with.
EMPTY_DOCUMENT = "version: 1\n"
INDENT = "  "
#: Lines after a part that belong to what follows: blank lines, comments in the first column
#: (the next part's heading) and document markers.
_OUTSIDE = re.compile(r"^(\s*$|#|\.\.\.\s*$|---)")


def round_trip() -> YAML:
    """A ruamel loader/dumper that keeps comments, quotes and the usual indentation."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> Any:
    """*text* as ruamel round-trip nodes (raises ruamel's YAMLError)."""
    return round_trip().load(text)


def dump(node: Any) -> str:
    """*node* as YAML text, comments included, ending in one newline."""
    buffer = io.StringIO()
    round_trip().dump(node, buffer)
    text = buffer.getvalue()
    # A lone scalar is dumped with an explicit document end; it is only noise here.
    if text.endswith("\n...\n"):
        text = text[: -len("...\n")]
    # A sequence on its own is dumped indented like one inside a mapping.
    return textwrap.dedent(text).rstrip("\n") + "\n"


def normalise(text: str) -> str:
    """Text from a browser: Unix line ends, no margin common to all lines, no blank end."""
    text = textwrap.dedent(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.rstrip() + "\n" if text.strip() else ""


@dataclass(frozen=True)
class _Region:
    """Where one part stands: its key's line and the line after its last line (0-based)."""

    start: int
    end: int
    block: bool
    value_column: int


@dataclass(frozen=True)
class _Layout:
    """A block-mapping document's lines and the region of each of its parts, in order."""

    lines: tuple[str, ...]
    regions: tuple[tuple[str, _Region], ...]

    def region(self, key: str) -> _Region | None:
        """The region of part *key*, if the document has it."""
        return next((region for name, region in self.regions if name == key), None)

    def names(self) -> list[str]:
        """The parts, in the document's order."""
        return [name for name, _region in self.regions]

    def text_of(self, key: str) -> tuple[str, ...]:
        """The lines of part *key*, exactly as written."""
        region = self.region(key)
        return self.lines[region.start : region.end] if region else ()


@lru_cache(maxsize=8)
def _layout(text: str) -> _Layout | None:
    """The layout of *text*, or None when it is not a block mapping (or not YAML).

    Parsing a long document takes a tenth of a second and a page asks for several parts of the
    same text, so layouts are kept for the texts seen last.
    """
    try:
        tree = load(text)
    except YAMLError:
        return None
    if not isinstance(tree, CommentedMap) or tree.fa.flow_style():
        return None
    lines = text.splitlines()
    keys = list(tree)
    starts = [tree.lc.key(k)[0] for k in keys]
    regions = []
    for index, key in enumerate(keys):
        start = starts[index]
        end = starts[index + 1] if index + 1 < len(keys) else len(lines)
        while end > start + 1 and _OUTSIDE.match(lines[end - 1]):
            end -= 1
        value_line, value_column = tree.lc.value(key)
        regions.append((str(key), _Region(start, end, value_line > start, value_column)))
    return _Layout(tuple(lines), tuple(regions))


def part_text(text: str, key: str) -> str | None:
    """The YAML of part *key* on its own, or None when the document does not have it."""
    layout = _layout(text)
    if layout is None:
        try:
            whole = load(text)
        except YAMLError:
            return None
        if not isinstance(whole, dict) or key not in whole:
            return None
        return "" if whole[key] is None else dump(whole[key])
    region = layout.region(key)
    if region is None:
        return None
    lines = layout.lines
    if region.block:
        body = textwrap.dedent("\n".join(lines[region.start + 1 : region.end]))
    else:
        first = lines[region.start][region.value_column :]
        body = "\n".join([first, *lines[region.start + 1 : region.end]])
    return normalise(body)


def replace_part(text: str, key: str, new: str) -> str:
    """*text* with part *key* set to the YAML *new* (blank *new* removes the part)."""
    text = text if text.strip() else EMPTY_DOCUMENT
    new = normalise(new)
    layout = _layout(text)
    if layout is not None:
        spliced = _splice(layout, key, new)
        if _same_but(spliced, layout, key, new):
            return spliced
    return _replace_node(text, key, new)


def _splice(layout: _Layout, key: str, new: str) -> str:
    lines = list(layout.lines)
    regions = dict(layout.regions)
    written = _written(key, new)
    if key in regions:
        region = regions[key]
        if not new:
            del lines[region.start : region.end]
            # Do not leave two blank lines where the part was.
            at = region.start
            if 0 < at < len(lines) and not lines[at - 1].strip() and not lines[at].strip():
                del lines[at]
        elif region.block and len(written) > 1:
            # Keep the key's own line: it may carry a comment.
            lines[region.start + 1 : region.end] = written[1:]
        else:
            lines[region.start : region.end] = written
        return "\n".join(lines) + "\n"
    if not new:
        return "\n".join(lines) + "\n"
    later = [k for k in ORDER[ORDER.index(key) + 1 :] if k in regions] if key in ORDER else []
    if later:
        at = regions[later[0]].start
        # Go above the next part's heading comment, unless it is the document's own heading.
        if any(r.start < at for r in regions.values()):
            while at > 0 and _OUTSIDE.match(lines[at - 1]) and lines[at - 1].strip() != "---":
                at -= 1
        insert = [*written, ""] if at < len(lines) and lines[at].strip() else written
        if at > 0 and lines[at - 1].strip():
            insert = ["", *insert]
        lines[at:at] = insert
    else:
        lines += ["", *written] if lines and lines[-1].strip() else written
    return "\n".join(lines) + "\n"


def _written(key: str, new: str) -> list[str]:
    """The lines that hold *key* with value *new*: inline when it fits on one line."""
    body = new.splitlines()
    if len(body) == 1 and _inline(new):
        return [f"{key}: {body[0]}"]
    return [f"{key}:", *(INDENT + line if line.strip() else "" for line in body)]


def _inline(new: str) -> bool:
    """Whether *new* may follow ``key:`` on the same line: a scalar or a flow collection."""
    try:
        node = load(new)
    except YAMLError:
        return False
    return not isinstance(node, CommentedBase) or bool(node.fa.flow_style())


def _same_but(result: str, before: _Layout, key: str, new: str) -> bool:
    """Whether *result* holds *new* as part *key* and every other part of *before* unchanged.

    *new* was validated nested under its key exactly as it is written here, so when the parts
    still begin and end where they should, the document means what was intended.
    """
    after = _layout(result)
    if after is None:
        return False
    if [k for k in after.names() if k != key] != [k for k in before.names() if k != key]:
        return False
    if any(after.text_of(k) != before.text_of(k) for k in after.names() if k != key):
        return False
    if not new:
        return key not in after.names()
    return part_text(result, key) == new


def _replace_node(text: str, key: str, new: str) -> str:
    """The fallback: replace the node and dump the whole document through ruamel."""
    try:
        tree = load(text)
    except YAMLError:
        tree = None
    if not isinstance(tree, CommentedMap):
        tree = CommentedMap(version=1)
    if new:
        tree[key] = load(new)
    elif key in tree:
        del tree[key]
    return dump(tree)
