"""Importing exports into the store: recognise the format, read, analyse, commit one batch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from socialplan.activity.importers.base import Brand, Importer, all_importers, find_importer
from socialplan.activity.signals import compute_signals
from socialplan.activity.source import Source
from socialplan.activity.store import Batch, Store
from socialplan.errors import InputError
from socialplan.i18n import N_

UNKNOWN_FORMAT = N_("no importer recognises this export; known formats: {formats}")
UNKNOWN_FORMAT_NAME = N_("no import format is called {name}; known formats: {formats}")


@dataclass(frozen=True)
class Outcome:
    """What one import did: a new batch, or nothing because the export was imported before."""

    path: Path
    importer: str
    batch: Batch | None


def choose(source: Source, name: str | None) -> type[Importer]:
    """The importer named *name*, or the first that recognises *source*."""
    formats = ", ".join(i.name for i in all_importers())
    if name:
        importer = find_importer(name)
        if importer is None:
            raise InputError.one(source.label, UNKNOWN_FORMAT_NAME, name=name, formats=formats)
        return importer
    for importer in all_importers():
        try:
            if importer.detect(source):
                return importer
        except Exception:  # a format that cannot even be sniffed is not this one
            continue
    raise InputError.one(source.label, UNKNOWN_FORMAT, formats=formats)


def import_path(
    path: Path,
    store: Store,
    brand: Brand,
    fmt: str | None = None,
    step: Callable[[str], None] | None = None,
) -> Outcome:
    """Import one export; the store is unchanged if anything fails."""
    note = step or (lambda _: None)
    with Source(path) as source:
        importer = choose(source, fmt)
        note("fingerprint")
        fingerprint = source.fingerprint()
        if store.has_fingerprint(fingerprint):
            return Outcome(path, importer.name, None)
        note("read")
        extract = importer().load(source, brand)
        note("analyse")
        batch = store.add(extract, str(path), fingerprint, signals=compute_signals)
        # Arrow's allocator keeps the memory the import freed (half a gigabyte for a million
        # items); the audit that usually follows allocates through DuckDB, which cannot reuse it.
        pa.default_memory_pool().release_unused()
        return Outcome(path, importer.name, batch)
