"""Maintain the gettext catalogues: extract every translatable text, merge, and check.

    python tools/catalogues.py extract   # write src/socialplan/locale/socialplan.pot
    python tools/catalogues.py update    # merge the template into every language's .po
    python tools/catalogues.py check     # list missing or broken translations; exit 1 if any

Texts come from ``N_()`` calls in the code and from the prose blocks of the rule docs.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "socialplan"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "socialplan.pot"
TRANSLATED = ("vi", "th", "zh", "el", "fa")
_BRACES = re.compile(r"\{(\w+)\}")
_PERCENT = re.compile(r"%(?:\((\w+)\))?[sdr]")

sys.path.insert(0, str(PACKAGE.parent))


def template() -> Catalog:
    """Every translatable text of the package, as a fresh template."""
    catalog = Catalog(project="socialplan", msgid_bugs_address="", fuzzy=False)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords={"N_": None},
        comment_tags=("Translators:",),
    ):
        if isinstance(message, str) and message:
            catalog.add(message, locations=[(f"socialplan/{filename}", lineno)])
    for path, index, text in doc_blocks():
        catalog.add(text, locations=[(f"socialplan/rules/docs/{path.name}", index)])
    return catalog


def doc_blocks() -> Iterator[tuple[Path, int, str]]:
    """The prose blocks of every rule doc."""
    from socialplan.rules.docs import translatable

    for path in sorted((PACKAGE / "rules" / "docs").glob("*.md")):
        for index, text in enumerate(translatable(path.read_text("utf-8")), start=1):
            yield path, index, text


def po_path(lang: str) -> Path:
    """Where a language's catalogue lives."""
    return LOCALE / lang / "LC_MESSAGES" / "socialplan.po"


#: A printf conversion as argparse's texts have them (``%s``, ``%(prog)s``), not a percentage.
_PRINTF = re.compile(r"(?<![0-9])%(\([A-Za-z_]+\))?[sdrif]")


def percentages_are_not_formats(catalog: Catalog) -> Catalog:
    """Drop Babel's ``python-format`` guess where the only ``%`` are percentages.

    Babel flags "100% of" (it reads "% o" as a conversion), and GNU ``msgfmt -c`` then
    checks translations for conversions that are not there.
    """
    for message in catalog:
        text = message.id if isinstance(message.id, str) else "".join(message.id)
        if not _PRINTF.search(text):
            message.flags.discard("python-format")
    return catalog


def extract() -> Catalog:
    """Write the template and return it."""
    catalog = percentages_are_not_formats(template())
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as handle:
        write_po(
            handle, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False
        )
    return catalog


def update() -> None:
    """Merge the template into every .po, keeping existing translations."""
    fresh = extract()
    for lang in TRANSLATED:
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="socialplan")
        catalog.update(fresh, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, percentages_are_not_formats(catalog), width=100, include_lineno=False)


def placeholders(text: str) -> tuple[set[str], list[str]]:
    """Named ``{x}`` placeholders and printf-style ones, in a comparable form."""
    return set(_BRACES.findall(text)), sorted(_PERCENT.findall(text))


def problems(lang: str, fresh: Catalog | None = None) -> list[str]:
    """What is missing or broken in one language's catalogue."""
    fresh = fresh or template()
    path = po_path(lang)
    if not path.exists():
        return [f"{lang}: no catalogue at {path}"]
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found = []
    for message in fresh:
        if not message.id:
            continue
        msgid = str(message.id)
        entry = catalog.get(msgid)
        if entry is None or not entry.string or entry.fuzzy:
            found.append(f"{lang}: missing translation of {msgid!r}")
            continue
        if placeholders(msgid) != placeholders(str(entry.string)):
            found.append(f"{lang}: placeholders differ in {msgid!r} -> {entry.string!r}")
    return found


def main(argv: list[str]) -> int:
    """Command entry point."""
    command = argv[0] if argv else "check"
    if command == "extract":
        print(f"{len(extract())} messages in {TEMPLATE.relative_to(ROOT)}")
    elif command == "update":
        update()
        print("updated", ", ".join(TRANSLATED))
    elif command == "check":
        fresh = template()
        issues = [p for lang in TRANSLATED for p in problems(lang, fresh)]
        print("\n".join(issues) or "all catalogues complete")
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
