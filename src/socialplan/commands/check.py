"""``socialplan check``: run the plan rules over strategy documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from socialplan.cli import emit, parse_date
from socialplan.errors import InputError, Problem
from socialplan.i18n import N_, Catalogue
from socialplan.measure.pillars import plan_scores
from socialplan.rules.base import Severity
from socialplan.rules.config import Config, find_config, load_config
from socialplan.rules.engine import check_strategy, instantiate
from socialplan.rules.registry import all_rules
from socialplan.rules.reporters import Report, reporters
from socialplan.rules.reporters import text as text_reporter
from socialplan.rules.selection import Selection, is_known
from socialplan.strategy import load_strategy

HELP = N_("check strategy documents against the plan rules")
PATHS_HELP = N_("strategy files (YAML)")
FORMAT_HELP = N_("output format")
OUTPUT_HELP = N_("write the report to this file instead of the screen")
SELECT_HELP = N_("run only these rules (codes, names, groups or mistake ids, comma-separated)")
IGNORE_HELP = N_("do not run these rules")
SEVERITY_HELP = N_("change a rule's severity, e.g. M27=info (repeatable)")
FAIL_ON_HELP = N_("exit with 1 when a finding is at or above this severity")
CONFIG_HELP = N_(
    "configuration file (default: socialplan.toml, or [tool.socialplan] in pyproject.toml)"
)
PREVIEW_HELP = N_("also run preview rules")
NO_SCORES_HELP = N_("do not show the five pillar scores")
COLOR_HELP = N_("colour the text output (default: when writing to a terminal)")
TODAY_HELP = N_("check as of this date (YYYY-MM-DD) instead of today")
BAD_SELECTOR = N_("{token} selects no rule")
BAD_SEVERITY_ARG = N_("expected RULE=LEVEL with LEVEL one of error, warning, info; found {found}")


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``check`` subparser."""
    _ = cat.gettext
    p = sub.add_parser("check", help=_(HELP), description=_(HELP), parents=[common])
    p.add_argument("paths", nargs="+", type=Path, metavar="STRATEGY", help=_(PATHS_HELP))
    add_rule_options(p, cat)
    p.set_defaults(handler=handle)


def add_rule_options(p: argparse.ArgumentParser, cat: Catalogue) -> None:
    """The options ``check`` and ``audit`` share: output, selection, fail level, date."""
    _ = cat.gettext
    p.add_argument(
        "--format", "-f", choices=tuple(reporters()), default="text", help=_(FORMAT_HELP)
    )
    p.add_argument("--output", "-o", type=Path, help=_(OUTPUT_HELP))
    p.add_argument("--select", help=_(SELECT_HELP))
    p.add_argument("--ignore", help=_(IGNORE_HELP))
    p.add_argument(
        "--severity", action="append", default=[], metavar="RULE=LEVEL", help=_(SEVERITY_HELP)
    )
    p.add_argument("--fail-on", choices=[s.value for s in Severity], help=_(FAIL_ON_HELP))
    p.add_argument("--config", type=Path, help=_(CONFIG_HELP))
    p.add_argument("--preview", action="store_true", help=_(PREVIEW_HELP))
    p.add_argument("--no-scores", action="store_true", help=_(NO_SCORES_HELP))
    p.add_argument(
        "--color", action=argparse.BooleanOptionalAction, default=None, help=_(COLOR_HELP)
    )
    p.add_argument("--today", type=parse_date, help=_(TODAY_HELP))


def rule_config(args: argparse.Namespace) -> Config:
    """The configuration file's settings with the command line's on top."""
    path = args.config or find_config(Path.cwd())
    config = load_config(path) if path else Config()
    selection = config.selection
    problems: list[Problem] = []
    rules = all_rules()

    def tokens(value: str | None) -> list[str] | None:
        if value is None:
            return None
        found = [t.strip() for t in value.split(",") if t.strip()]
        problems.extend(
            Problem(file="--select/--ignore", message=BAD_SELECTOR, args={"token": t})
            for t in found
            if not is_known(t, rules)
        )
        return found

    select = tokens(args.select)
    ignore = tokens(args.ignore)
    severity = dict(selection.severity)
    for item in args.severity:
        token, _, level = item.partition("=")
        if level not in {s.value for s in Severity} or not is_known(token, rules):
            problems.append(
                Problem(file="--severity", message=BAD_SEVERITY_ARG, args={"found": item})
            )
            continue
        severity[token] = Severity(level)
    if problems:
        raise InputError(problems)
    return Config(
        selection=Selection(
            select=select if select is not None else selection.select,
            ignore=ignore if ignore is not None else selection.ignore,
            severity=severity,
            preview=args.preview or selection.preview,
        ),
        fail_on=Severity(args.fail_on) if args.fail_on else config.fail_on,
        settings=config.settings,
        source=config.source,
    )


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Check every file; exit 1 when a finding reaches the fail level."""
    config = rule_config(args)
    chosen = config.selection.chosen(all_rules())
    rules = instantiate(chosen, config.settings, today=args.today)
    results, scores, problems = [], {}, []
    for path in args.paths:
        try:
            loaded = load_strategy(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        results.append(check_strategy(loaded, rules, config.selection))
        if not args.no_scores:
            scores[loaded.file] = plan_scores(loaded.document)
    if problems:
        raise InputError(problems)
    report = Report(results=tuple(results), rules=tuple(chosen), scores=scores)
    return show(report, args, cat, config)


def show(report: Report, args: argparse.Namespace, cat: Catalogue, config: Config) -> int:
    """Print or write *report* in the chosen format; the exit status for the fail level."""
    import sys

    if args.format == "text":
        color = (
            args.color if args.color is not None else (args.output is None and sys.stdout.isatty())
        )
        text = text_reporter.render(report, cat, color=color)
    else:
        text = reporters()[args.format](report, cat)
    emit(text, args.output, cat)
    worst = max((f.severity.rank for f in report.findings()), default=0)
    return 1 if worst >= config.fail_on.rank else 0
