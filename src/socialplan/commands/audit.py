"""``socialplan audit``: the evidence rules over the activity store, against a strategy."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from socialplan.activity.store import Store
from socialplan.commands.check import add_rule_options, rule_config, show
from socialplan.commands.import_ import DATA_HELP, data_dir
from socialplan.errors import InputError
from socialplan.i18n import N_, Catalogue
from socialplan.rules.full_audit import audit_store
from socialplan.strategy import load_strategy

HELP = N_("audit what happened on the networks against the strategy, and write the report")
STRATEGY_HELP = N_("the strategy to audit against")
REPORT_HELP = N_("the folder for the HTML and PDF report (default: socialplan-report)")
NO_REPORT_HELP = N_("print the findings only; write no HTML or PDF report")
EMPTY_STORE = N_("the activity store is empty; import exports first with socialplan import")
REPORT_WRITTEN = N_("report: {html}")


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``audit`` subparser."""
    _ = cat.gettext
    p = sub.add_parser("audit", help=_(HELP), description=_(HELP), parents=[common])
    p.add_argument("--strategy", type=Path, required=True, help=_(STRATEGY_HELP))
    p.add_argument("--data", type=Path, help=_(DATA_HELP))
    p.add_argument(
        "--report-dir", type=Path, default=Path("socialplan-report"), help=_(REPORT_HELP)
    )
    p.add_argument("--no-report", action="store_true", help=_(NO_REPORT_HELP))
    add_rule_options(p, cat)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Run the plan and evidence rules; print the findings; write the report."""
    config = rule_config(args)
    loaded = load_strategy(args.strategy)
    store = Store(data_dir(args.data))
    if not store.batches():
        raise InputError.one(str(store.root), EMPTY_STORE)
    outcome = audit_store(loaded, store, config, args.today or dt.date.today())
    status = show(outcome.report, args, cat, config)
    if not args.no_report:
        from socialplan.report.write import write_report

        html = write_report(outcome.report, outcome.evidence, loaded, args.report_dir, cat)
        print(cat.format(REPORT_WRITTEN, html=str(html)), file=sys.stderr)
    return status
