"""The ``socialplan`` command line.

Built on argparse rather than Typer: argparse asks gettext for every text it prints (usage,
errors), so the whole command line speaks the user's language. See docs/decisions/0002.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from socialplan import __version__, cli_text
from socialplan.errors import InputError
from socialplan.i18n import LANGUAGES, N_, Catalogue, catalogue, language_from_environment
from socialplan.output import write_atomic

EPILOG = N_(
    "Documentation of every rule: socialplan rule CODE. Exit status: 0 no findings at "
    "the fail level, 1 findings, 2 bad input or usage."
)
DESCRIPTION = N_(
    "Check a social media strategy like code, and audit what really happens on "
    "the networks against it."
)
LANG_HELP = N_("language of the output: {languages}")
INTERNAL_ERROR = N_(
    "internal error ({kind}): {detail}. This is a bug in socialplan; set "
    "SOCIALPLAN_DEBUG=1 to see the details."
)
INTERRUPTED = N_("interrupted")
WROTE = N_("wrote {path}")


def _language(argv: Sequence[str]) -> str:
    """The language asked for by ``--lang``, else by the environment, else English."""
    for index, arg in enumerate(argv):
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            return value
    return language_from_environment() or "en"


def build_parser(cat: Catalogue) -> argparse.ArgumentParser:
    """The parser with every help text in the catalogue's language."""
    from socialplan.commands import COMMANDS

    _ = cat.gettext
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help=cat.format(LANG_HELP, languages=", ".join(LANGUAGES)),
    )
    parser = argparse.ArgumentParser(
        prog="socialplan", description=_(DESCRIPTION), epilog=_(EPILOG), parents=[common]
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"socialplan {__version__}",
        help=_("show program's version number and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_to(sub, common, cat)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run the command line with *argv*; return the exit status."""
    lang = _language(argv)
    cat = catalogue(lang)
    cli_text.install(cat)
    parser = build_parser(cat)
    args = parser.parse_args(list(argv))
    args.lang = lang
    try:
        status: int = args.handler(args, cat)
        return status
    except InputError as exc:
        print(exc.render(cat), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(cat.gettext(INTERRUPTED), file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("SOCIALPLAN_DEBUG"):
            raise
        print(
            cat.format(INTERNAL_ERROR, kind=type(exc).__name__, detail=str(exc)[:200]),
            file=sys.stderr,
        )
        return 3


def main() -> None:
    """Console entry point."""
    sys.exit(run(sys.argv[1:]))


def emit(text: str, output: Path | None, cat: Catalogue) -> None:
    """Print *text*, or write it whole to *output* and say so on stderr."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(output, text)
    print(cat.format(WROTE, path=str(output)), file=sys.stderr)


def parse_date(value: str) -> dt.date:
    """``--today`` values: an ISO date."""
    return dt.date.fromisoformat(value)


def dump_json(data: object) -> str:
    """Pretty JSON that keeps non-Latin text readable."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
