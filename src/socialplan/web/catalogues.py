"""The web app's gettext catalogues, compiled from ``.po`` to ``.mo`` when they change.

Django reads ``.mo`` files only. Rather than ship compiled files that can fall behind their
sources (or need GNU gettext on every machine), Babel compiles them into the app's home folder
at start-up, once per change of a ``.po`` file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = Path(__file__).resolve().parent / "locale"
DOMAIN = "django"


def compiled_locale_dir(home: Path) -> Path:
    """A folder of up-to-date ``.mo`` files for every shipped ``.po``; for LOCALE_PATHS."""
    target = home / "locale" / _version()
    for po in sorted(SOURCE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        if not mo.exists():
            _compile(po, mo)
    return target


def _version() -> str:
    """A digest of every ``.po`` file, so a changed catalogue gets a fresh folder."""
    digest = hashlib.sha256()
    for po in sorted(SOURCE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        digest.update(po.relative_to(SOURCE).as_posix().encode())
        digest.update(po.read_bytes())
    return digest.hexdigest()[:16]


def _compile(po: Path, mo: Path) -> None:
    """Write *mo* from *po* atomically, so concurrent processes never read half a file."""
    mo.parent.mkdir(parents=True, exist_ok=True)
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name.replace("-", "_"))
    fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        write_mo(out, catalog, use_fuzzy=False)
    os.replace(tmp, mo)
