"""Validating the YAML of one part (or one key of a part) on its own, placed in that text.

Every part of the strategy is optional, so a document holding only the edited part is a valid
strategy exactly when the part is valid. The fragment is nested under its keys, checked with
the library's loader, and every line and column is moved back into the text the user typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from socialplan.errors import InputError, Problem
from socialplan.strategy.load import LoadedStrategy, parse_strategy
from socialplan.strategy.locate import Path, parse_path
from socialplan.web.strategy.parts import INDENT


@dataclass(frozen=True)
class Fragment:
    """The YAML the user edits for one place: ``("channels",)`` or ``("metrics", "kpis")``."""

    path: tuple[str, ...]
    text: str

    def wrapped(self) -> str:
        """A whole document holding only this fragment, under its keys."""
        lines = [f"{INDENT * depth}{key}:" for depth, key in enumerate(self.path)]
        margin = INDENT * len(self.path)
        lines += [margin + line if line.strip() else "" for line in self.text.splitlines()]
        return "\n".join(lines) + "\n"

    def relative(self, line: int | None, column: int | None) -> tuple[int | None, int | None]:
        """A place in the wrapped document as a place in the fragment's own text."""
        if line is None:
            return None, None
        depth = len(self.path)
        moved_line = max(line - depth, 1)
        if column is None:
            return moved_line, None
        return moved_line, max(column - len(INDENT) * depth, 1)


@dataclass(frozen=True)
class Checked:
    """A fragment after validation: its document when valid, else its problems."""

    fragment: Fragment
    loaded: LoadedStrategy | None
    problems: tuple[Problem, ...]

    def position(self, path: Path) -> tuple[int, int] | None:
        """Where *path* (a document path) stands in the fragment's text, when it is deeper."""
        if self.loaded is None or len(path) <= len(self.fragment.path):
            return None
        found = self.loaded.locator.find(path)
        if found is None:
            return None
        line, column = self.fragment.relative(*found)
        return (line, column) if line is not None and column is not None else None


def check_fragment(fragment: Fragment, name: str) -> Checked:
    """Validate *fragment*; problems outside its path (other keys of its part) are left out.

    An empty fragment is valid: it removes its part.
    """
    if not fragment.text.strip():
        return Checked(fragment, None, ())
    try:
        loaded = parse_strategy(fragment.wrapped(), name)
    except InputError as exc:
        problems = tuple(
            _moved(problem, fragment)
            for problem in exc.problems
            if _within(problem.path, fragment.path)
        )
        return Checked(fragment, None, problems)
    return Checked(fragment, loaded, ())


def _within(path: str | None, prefix: tuple[str, ...]) -> bool:
    """Problems without a path (malformed YAML) always concern the fragment."""
    return path is None or parse_path(path)[: len(prefix)] == prefix


def _moved(problem: Problem, fragment: Fragment) -> Problem:
    line, column = fragment.relative(problem.line, problem.column)
    return replace(problem, line=line, column=column)
