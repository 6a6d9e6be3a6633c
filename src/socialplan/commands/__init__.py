"""One module per command of the command line; each adds its own subparser."""

from __future__ import annotations

from socialplan.commands import check, config, init, rules, schema

COMMANDS = (init, check, rules, rules.RuleDoc, schema, config)
