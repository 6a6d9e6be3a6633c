"""``socialplan import``: read platform exports into the activity store."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from socialplan.activity.importers.base import Brand, all_importers
from socialplan.activity.ingest import import_path
from socialplan.activity.store import Store
from socialplan.errors import InputError, Problem
from socialplan.i18n import N_, Catalogue
from socialplan.strategy import load_strategy
from socialplan.strategy.model import Strategy

HELP = N_("import platform exports (zip, folder or file) into the activity store")
PATHS_HELP = N_("exports to import")
STRATEGY_HELP = N_("the strategy whose account registry says which accounts are the brand's")
BRAND_HELP = N_("a brand account as network:handle, e.g. x:@acme (repeatable)")
FORMAT_HELP = N_("the export format, when it cannot be recognised: {formats}")
DATA_HELP = N_(
    "the data directory of the activity store (default: $SOCIALPLAN_DATA or .socialplan)"
)
BAD_BRAND = N_("expected network:handle, found {found}")
IMPORTED = N_(
    "{path}: {format}, {items} items, {accounts} accounts, {metrics} daily metrics, "
    "{moderation} moderation events imported"
)
KPIS_IMPORTED = N_("{path}: {kpis} KPI figures imported")
ALREADY = N_("{path}: imported before; nothing added")
STEPS = {
    "fingerprint": N_("checking"),
    "read": N_("reading"),
    "analyse": N_("analysing and storing"),
}


def data_dir(value: Path | None) -> Path:
    """The store's directory: the option, else the environment, else ``.socialplan``."""
    return value or Path(os.environ.get("SOCIALPLAN_DATA", ".socialplan"))


def brand_of(strategy: Strategy | None, extra: list[tuple[str, str]]) -> Brand:
    """The brand's accounts: the strategy's registry and channels, plus ``--brand`` values."""
    return Brand.of(list(extra) + (strategy.brand_accounts() if strategy else []))


def _summary(rows: dict[str, int], path: str, importer: str, cat: Catalogue) -> list[str]:
    """What one batch added; a file of KPI figures only says so and no more."""
    activity = {k: rows.get(k, 0) for k in ("items", "accounts", "metrics", "moderation")}
    lines = []
    if any(activity.values()) or not rows.get("kpis"):
        lines.append(cat.format(IMPORTED, path=path, format=importer, **activity))
    if rows.get("kpis"):
        lines.append(cat.format(KPIS_IMPORTED, path=path, kpis=rows["kpis"]))
    return lines


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``import`` subparser."""
    _ = cat.gettext
    formats = ", ".join(i.name for i in all_importers())
    p = sub.add_parser("import", help=_(HELP), description=_(HELP), parents=[common])
    p.add_argument("paths", nargs="+", type=Path, metavar="EXPORT", help=_(PATHS_HELP))
    p.add_argument("--strategy", type=Path, help=_(STRATEGY_HELP))
    p.add_argument(
        "--brand", action="append", default=[], metavar="NETWORK:HANDLE", help=_(BRAND_HELP)
    )
    p.add_argument("--format", dest="fmt", help=cat.format(FORMAT_HELP, formats=formats))
    p.add_argument("--data", type=Path, help=_(DATA_HELP))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Import each export in turn; one failing export leaves the store as it was for it."""
    pairs = []
    for value in args.brand:
        network, sep, handle_ = value.partition(":")
        if not sep or not network or not handle_:
            raise InputError([Problem(file="--brand", message=BAD_BRAND, args={"found": value})])
        pairs.append((network.lower(), handle_))
    strategy = load_strategy(args.strategy).document if args.strategy else None
    brand = brand_of(strategy, pairs)
    store = Store(data_dir(args.data))
    console = Console(stderr=True, highlight=False)
    problems: list[Problem] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(args.paths) * len(STEPS))
        for path in args.paths:

            def step(name: str, path: Path = path) -> None:
                progress.update(task, description=f"{path.name}: {cat.gettext(STEPS[name])}")
                progress.advance(task)

            try:
                outcome = import_path(path, store, brand, args.fmt, step)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            if outcome.batch is None:
                console.print(cat.format(ALREADY, path=str(path)))
            else:
                for line in _summary(outcome.batch.rows, str(path), outcome.importer, cat):
                    console.print(line)
    if problems:
        raise InputError(problems)
    return 0
