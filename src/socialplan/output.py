"""Writing files whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from socialplan.errors import InputError
from socialplan.i18n import N_

CANNOT_WRITE = N_("cannot write the file: {reason}")


def write_atomic(path: Path, text: str) -> None:
    """Write *text* to *path* through a temporary file, so a failure leaves nothing half-written."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    except OSError as exc:
        raise InputError.one(str(path), CANNOT_WRITE, reason=exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp creates the file private; a report or config is as shareable as any file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise InputError.one(str(path), CANNOT_WRITE, reason=exc.strerror or str(exc)) from None
