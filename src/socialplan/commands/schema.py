"""``socialplan schema``: the JSON Schema of the strategy document, for YAML editors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from socialplan.cli import dump_json, emit
from socialplan.i18n import N_, Catalogue
from socialplan.strategy.schema import json_schema

HELP = N_("write the JSON Schema of the strategy document")
OUTPUT_HELP = N_("write to this file instead of the screen")


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``schema`` subparser."""
    p = sub.add_parser(
        "schema", help=cat.gettext(HELP), description=cat.gettext(HELP), parents=[common]
    )
    p.add_argument("--output", "-o", type=Path, help=cat.gettext(OUTPUT_HELP))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Print or write the schema."""
    emit(dump_json(json_schema()), args.output, cat)
    return 0
