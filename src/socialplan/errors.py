"""Problems with what a user gave us, carried as data so they can be shown in any language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from socialplan.i18n import N_, Catalogue


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong, as a message to translate."""

    file: str
    message: str
    args: Mapping[str, object] = field(default_factory=dict)
    line: int | None = None
    column: int | None = None
    path: str | None = None
    hint: str | None = None
    hint_args: Mapping[str, object] = field(default_factory=dict)

    def where(self) -> str:
        """``file:line:column`` as far as it is known."""
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def render(self, cat: Catalogue) -> str:
        """The problem as one line (two with a hint) in the catalogue's language."""
        text = f"{self.where()}: "
        if self.path:
            text += f"{self.path}: "
        text += cat.format(self.message, **self.args)
        if self.hint:
            text += "\n  " + cat.format(self.hint, **self.hint_args)
        return text


class InputError(Exception):
    """Raised when an input cannot be used; it carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.where() for p in problems))
        self.problems = problems

    @classmethod
    def one(cls, file: str, message: str, **args: object) -> InputError:
        """An error with a single problem and no position."""
        return cls([Problem(file=file, message=message, args=args)])

    def render(self, cat: Catalogue) -> str:
        """Every problem, one per line."""
        return "\n".join(p.render(cat) for p in self.problems)


FILE_NOT_FOUND = N_("file not found")
IS_DIRECTORY = N_("this is a folder; expected a file")
NOT_READABLE = N_("the file cannot be read: {reason}")
FILE_TOO_LARGE = N_("the file is too large ({size}); the limit is {limit}")
BINARY_FILE = N_("this is a binary file, not text")
NOT_UTF8 = N_("the file is not UTF-8 text (byte {byte} cannot be decoded)")
EMPTY_FILE = N_("the file is empty")


def human_size(size: int) -> str:
    """A byte count in the largest unit that keeps it above one."""
    value = float(size)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"
