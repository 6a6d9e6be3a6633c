"""One module per command of the command line; each adds its own subparser."""

from __future__ import annotations

from socialplan.commands import audit, check, config, import_, init, rules, schema, serve

COMMANDS = (
    init,
    check,
    import_,
    audit,
    rules,
    rules.RuleDoc,
    schema,
    config,
    serve,
    serve.Worker,
)
