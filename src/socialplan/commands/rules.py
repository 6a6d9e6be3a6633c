"""``socialplan rules`` lists the catalogue; ``socialplan rule CODE`` prints one rule's doc."""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table

from socialplan.cli import dump_json, emit
from socialplan.errors import InputError
from socialplan.i18n import N_, Catalogue
from socialplan.rules import docs
from socialplan.rules.base import SEVERITY_LABELS
from socialplan.rules.registry import all_rules, find_rule

HELP = N_("list the rules of the catalogue")
FORMAT_HELP = N_("output format")
RULE_HELP = N_("show the documentation of one rule")
CODE_HELP = N_("rule code or name, e.g. SP202 or goal.not_measurable")
UNKNOWN = N_("no rule is called {rule}; see socialplan rules")
COLUMNS = (N_("Code"), N_("Name"), N_("Mistakes"), N_("Severity"), N_("Scope"), N_("Title"))


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``rules`` subparser."""
    _ = cat.gettext
    p = sub.add_parser("rules", help=_(HELP), description=_(HELP), parents=[common])
    p.add_argument("--format", "-f", choices=("text", "json"), default="text", help=_(FORMAT_HELP))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Print the catalogue as a table or JSON."""
    rules = all_rules()
    if args.format == "json":
        emit(
            dump_json(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "title": cat.gettext(r.title),
                        "mistakes": list(r.mistakes),
                        "severity": r.severity.value,
                        "scope": r.scope.value,
                        "status": r.status.value,
                        "since": r.since,
                        "aliases": list(r.aliases),
                        "options": [
                            {"name": o.name, "default": o.default, "help": cat.gettext(o.help)}
                            for o in r.options
                        ],
                    }
                    for r in rules
                ]
            ),
            None,
            cat,
        )
        return 0
    table = Table(box=None, padding=(0, 1))
    for column in COLUMNS:
        table.add_column(cat.gettext(column))
    for r in rules:
        table.add_row(
            r.code,
            r.name,
            ", ".join(r.mistakes),
            cat.gettext(SEVERITY_LABELS[r.severity]),
            r.scope.value,
            cat.gettext(r.title),
        )
    Console(width=160, highlight=False, soft_wrap=True).print(table)
    return 0


class RuleDoc:
    """The ``rule`` command."""

    @staticmethod
    def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
        """Add the ``rule`` subparser."""
        _ = cat.gettext
        p = sub.add_parser("rule", help=_(RULE_HELP), description=_(RULE_HELP), parents=[common])
        p.add_argument("code", metavar="CODE", help=_(CODE_HELP))
        p.set_defaults(handler=RuleDoc.handle)

    @staticmethod
    def handle(args: argparse.Namespace, cat: Catalogue) -> int:
        """Print the rule's doc as Markdown in the chosen language."""
        rule = find_rule(args.code) or find_rule(args.code.upper())
        if rule is None:
            raise InputError.one("socialplan rule", UNKNOWN, rule=args.code)
        emit(docs.render(rule, cat), None, cat)
        return 0
