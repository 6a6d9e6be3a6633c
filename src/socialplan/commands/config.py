"""``socialplan config``: the commented default configuration, every option documented."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from socialplan.cli import emit
from socialplan.i18n import N_, Catalogue
from socialplan.rules.config import default_config

HELP = N_("write the default configuration with every option explained")
OUTPUT_HELP = N_("write to this file instead of the screen")


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``config`` subparser."""
    p = sub.add_parser(
        "config", help=cat.gettext(HELP), description=cat.gettext(HELP), parents=[common]
    )
    p.add_argument("--output", "-o", type=Path, help=cat.gettext(OUTPUT_HELP))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Print or write the configuration."""
    emit(default_config(cat), args.output, cat)
    return 0
