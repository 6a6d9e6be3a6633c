"""Document paths (``channels[2].cadence``) and where they stand in the YAML source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Path = tuple[str | int, ...]


def format_path(path: Sequence[str | int]) -> str:
    """``("channels", 2, "cadence")`` as ``channels[2].cadence``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def parse_path(text: str) -> Path:
    """The inverse of :func:`format_path`."""
    parts: list[str | int] = []
    for chunk in text.replace("]", "").split("."):
        name, *indexes = chunk.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i) for i in indexes if i.isdigit())
    return tuple(parts)


@dataclass
class Locator:
    """Line and column (1-based) of every key and value of a loaded document."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int] | None:
        """The position of *path*, or of its nearest ancestor present in the document."""
        current = tuple(path)
        while True:
            if key and current in self.keys:
                return self.keys[current]
            if current in self.values:
                return self.values[current]
            if current in self.keys:
                return self.keys[current]
            if not current:
                return None
            current = current[:-1]
