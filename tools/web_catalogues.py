"""Maintain the web app's Django catalogues (``src/socialplan/web/locale``).

    python tools/web_catalogues.py update   # extract with makemessages and merge, all languages
    python tools/web_catalogues.py check    # list missing or broken translations; exit 1 if any

Django's makemessages reads templates and Python files the way Django renders them
(``blocktranslate`` variables become ``%(name)s``), so it is the extractor; it needs GNU
gettext's xgettext and msgmerge on the machine.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "socialplan" / "web"
#: Django's locale folder names for the languages the web app ships in besides English.
LOCALES = {"vi": "vi", "th": "th", "zh-hans": "zh_Hans", "el": "el", "fa": "fa"}

sys.path.insert(0, str(ROOT / "tools"))
from catalogues import placeholders  # noqa: E402


def makemessages(folder: Path) -> None:
    """Run Django's makemessages in *folder* for every language, writing folder/locale."""
    import os

    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True, LOCALE_PATHS=[])
    import django
    from django.core.management import call_command
    from django.test.utils import override_settings

    django.setup()
    (folder / "locale").mkdir(exist_ok=True)
    here = Path.cwd()
    os.chdir(folder)
    try:
        # Only folder/locale may be written, never the app's compiled catalogues.
        with override_settings(LOCALE_PATHS=[]):
            call_command(
                "makemessages",
                locale=list(LOCALES.values()),
                domain="django",
                ignore_patterns=["static/*", "migrations/*"],
                no_location=True,
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(here)


def po_path(folder: Path, locale: str) -> Path:
    """Where a language's catalogue lives under *folder*."""
    return folder / "locale" / locale / "LC_MESSAGES" / "django.po"


def msgids(path: Path) -> set[str]:
    """Every message id of a catalogue."""
    with path.open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id and isinstance(m.id, str)}


def fresh_msgids() -> set[str]:
    """The messages the code and templates use today, extracted into a scratch copy."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "web"
        shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("static", "locale", "__pycache__"))
        makemessages(copy)
        return msgids(po_path(copy, "fa"))


def problems(locale: str, fresh: set[str]) -> list[str]:
    """What is missing or broken in one language's web catalogue."""
    path = po_path(WEB, locale)
    if not path.exists():
        return [f"{locale}: no catalogue at {path}"]
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for msgid in sorted(fresh):
        entry = catalog.get(msgid)
        if entry is None or not entry.string or entry.fuzzy:
            found.append(f"{locale}: missing translation of {msgid!r}")
        elif placeholders(msgid) != placeholders(str(entry.string)):
            found.append(f"{locale}: placeholders differ in {msgid!r} -> {entry.string!r}")
    return found


def main(argv: list[str]) -> int:
    """Command entry point."""
    command = argv[0] if argv else "check"
    if command == "update":
        makemessages(WEB)
        print("updated", ", ".join(LOCALES.values()))
    elif command == "check":
        fresh = fresh_msgids()
        issues = [p for locale in LOCALES.values() for p in problems(locale, fresh)]
        print("\n".join(issues) or "all web catalogues complete")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
