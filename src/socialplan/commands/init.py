"""``socialplan init``: write a commented starter strategy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from socialplan.cli import emit
from socialplan.errors import InputError
from socialplan.i18n import N_, Catalogue
from socialplan.strategy.templates import OBJECTIVE_CHOICES, starter

HELP = N_("write a commented starter strategy for a primary objective")
OBJECTIVE_HELP = N_("the primary objective: awareness, sales or loyalty")
PATH_HELP = N_("where to write it")
FORCE_HELP = N_("overwrite the file if it exists")
EXISTS = N_("the file exists already; use --force to overwrite it")
NEXT = N_("Next: edit {file}, then run: socialplan check {file}")


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``init`` subparser."""
    _ = cat.gettext
    p = sub.add_parser("init", help=_(HELP), description=_(HELP), parents=[common])
    p.add_argument("path", nargs="?", type=Path, default=Path("strategy.yaml"), help=_(PATH_HELP))
    p.add_argument(
        "--objective", choices=OBJECTIVE_CHOICES, default="awareness", help=_(OBJECTIVE_HELP)
    )
    p.add_argument("--force", action="store_true", help=_(FORCE_HELP))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Write the starter, refusing to overwrite unless forced."""
    path: Path = args.path
    if path.exists() and not args.force:
        raise InputError.one(str(path), EXISTS)
    emit(starter(args.objective, cat, file=str(path)), path, cat)
    print(cat.format(NEXT, file=str(path)))
    return 0
