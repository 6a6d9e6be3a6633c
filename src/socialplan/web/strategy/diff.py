"""The lines that changed between two revisions, as rows of a table."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

#: Unchanged lines shown around each change.
CONTEXT = 3


@dataclass(frozen=True)
class Row:
    """One line of a diff; *kind* is ``same``, ``added``, ``removed`` or ``gap``."""

    kind: str
    old: int | None
    new: int | None
    text: str

    @property
    def sign(self) -> str:
        """The unified-diff sign of the line."""
        return {"added": "+", "removed": "-", "same": " "}.get(self.kind, "")


def rows(before: str, after: str) -> list[Row]:
    """The changed lines of *after* against *before*, with context, hunk by hunk."""
    old, new = before.splitlines(), after.splitlines()
    result: list[Row] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for number, group in enumerate(matcher.get_grouped_opcodes(CONTEXT)):
        first = group[0]
        if number or first[1] > 0 or first[3] > 0:
            result.append(Row("gap", first[1] + 1, first[3] + 1, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result += [
                    Row("same", i + 1, j + 1, old[i])
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                ]
                continue
            result += [Row("removed", i + 1, None, old[i]) for i in range(i1, i2)]
            result += [Row("added", None, j + 1, new[j]) for j in range(j1, j2)]
    return result
