"""The importer contract: recognise an export, read it into canonical records, or fail clearly."""

from __future__ import annotations

import importlib
import pkgutil
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar, TypeVar

from socialplan.activity.schema import Extract, account_id
from socialplan.activity.source import Source
from socialplan.errors import InputError
from socialplan.i18n import N_

UNREADABLE = N_("this {format} export has an entry that cannot be read ({detail})")


@dataclass(frozen=True)
class Brand:
    """Which accounts are the brand's: from the strategy's registry and ``--brand``."""

    accounts: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, pairs: list[tuple[str, str]]) -> Brand:
        """From (network, handle) pairs."""
        return cls(frozenset(account_id(n, h) for n, h in pairs))

    def owns(self, network: str, handle: str | None) -> bool:
        """True when *handle* on *network* is one of the brand's accounts."""
        return handle is not None and account_id(network, handle) in self.accounts


class Importer(ABC):
    """Reads one export format. Subclasses set the metadata and implement both methods."""

    name: ClassVar[str]
    label: ClassVar[str]
    network: ClassVar[str]

    @classmethod
    @abstractmethod
    def detect(cls, source: Source) -> bool:
        """True when *source* looks like this format; cheap: names and a peek at content."""

    @abstractmethod
    def read(self, source: Source, brand: Brand) -> Extract:
        """Every record of the export; raise ``InputError`` naming the file and the item."""

    def load(self, source: Source, brand: Brand) -> Extract:
        """:meth:`read`, with any slip on malformed data turned into a clear ``InputError``.

        Importers check what they read, but exports are messy beyond imagination; a wrong type
        deep in a file must still reach the user as an error about that file, not a crash.
        """
        try:
            return self.read(source, brand)
        except InputError:
            raise
        except (
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            IndexError,
            RecursionError,
            UnicodeError,
            OverflowError,
        ) as exc:
            raise InputError.one(
                source.label,
                UNREADABLE,
                format=self.name,
                detail=f"{type(exc).__name__}: {str(exc)[:120]}",
            ) from None


_IMPORTERS: dict[str, type[Importer]] = {}
ImporterT = TypeVar("ImporterT", bound=type[Importer])


def register(importer: ImporterT) -> ImporterT:
    """Class decorator adding *importer* to the registry."""
    _IMPORTERS[importer.name] = importer
    return importer


@cache
def all_importers() -> tuple[type[Importer], ...]:
    """Every importer; specific formats first, the generic CSV last."""
    from socialplan.activity import importers

    for module in pkgutil.iter_modules(importers.__path__, importers.__name__ + "."):
        importlib.import_module(module.name)
    return tuple(sorted(_IMPORTERS.values(), key=lambda i: (i.name == "csv", i.name)))


def find_importer(name: str) -> type[Importer] | None:
    """The importer called *name*."""
    return {i.name: i for i in all_importers()}.get(name)
