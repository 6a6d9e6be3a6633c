"""The one record every reporter renders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from socialplan.i18n import Catalogue
from socialplan.rules.base import Exhibit, Scope, Severity


@dataclass(frozen=True)
class Finding:
    """A rule's violation, placed in a file and given its effective severity."""

    code: str
    name: str
    mistakes: tuple[str, ...]
    severity: Severity
    scope: Scope
    file: str
    path: str
    line: int | None
    column: int | None
    message: str
    fix: str
    args: Mapping[str, object] = field(default_factory=dict)
    evidence: tuple[Exhibit, ...] = ()

    def text(self, cat: Catalogue) -> str:
        """The message in the catalogue's language."""
        return cat.format(self.message, **self.args)

    def fix_text(self, cat: Catalogue) -> str:
        """The fix in the catalogue's language."""
        return cat.format(self.fix, **self.args)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order of appearance in the file, then by rule code."""
        return (self.file, self.line or 0, self.column or 0, self.code)
