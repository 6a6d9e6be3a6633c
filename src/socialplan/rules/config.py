"""The configuration file: which rules run, their severities and their options.

Read from ``socialplan.toml`` (or ``[tool.socialplan]`` in ``pyproject.toml``). The commented
default file is generated from the catalogue itself, so every option is documented once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socialplan.errors import InputError, Problem
from socialplan.i18n import N_, Catalogue
from socialplan.inputs import read_text
from socialplan.rules.base import OptionError, Rule, Severity
from socialplan.rules.registry import all_rules, find_rule
from socialplan.rules.selection import Selection, is_known

CONFIG_NAME = "socialplan.toml"

BAD_TOML = N_("malformed TOML: {detail}")
UNKNOWN_CONFIG_KEY = N_("unknown key {key}; expected one of: {expected}")
UNKNOWN_RULE = N_("no rule is called {rule}")
UNKNOWN_SELECTOR = N_("{token} selects no rule")
BAD_SEVERITY = N_("expected one of: error, warning, info; found {found}")
BAD_LIST = N_("expected a list of rule codes, names, groups or mistake ids")
BAD_BOOL = N_("expected true or false, found {found}")
BAD_TABLE = N_("expected a table of keys and values")


@dataclass(frozen=True)
class Config:
    """Everything the configuration decides for a check run."""

    selection: Selection = field(default_factory=Selection)
    fail_on: Severity = Severity.WARNING
    settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str | None = None


def find_config(start: Path) -> Path | None:
    """``socialplan.toml`` in *start*, else a ``pyproject.toml`` there with our section."""
    candidate = start / CONFIG_NAME
    if candidate.is_file():
        return candidate
    pyproject = start / "pyproject.toml"
    if pyproject.is_file() and re.search(
        r"^\[tool\.socialplan", pyproject.read_text("utf-8", errors="replace"), re.M
    ):
        return pyproject
    return None


def load_config(path: Path) -> Config:
    """Read and validate the configuration at *path*."""
    name = str(path)
    text = read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        detail = re.sub(r"\s*\(at line.*\)", "", str(exc))
        raise InputError(
            [
                Problem(
                    file=name,
                    message=BAD_TOML,
                    args={"detail": detail},
                    line=int(match.group(1)) if match else None,
                    column=int(match.group(2)) if match else None,
                )
            ]
        ) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("socialplan", {})
    return parse_config(data, name)


def parse_config(data: Mapping[str, Any], name: str) -> Config:
    """Validate configuration *data* already read from TOML; collect every problem."""
    problems: list[Problem] = []

    def problem(where: str, message: str, **args: object) -> None:
        problems.append(Problem(file=name, path=where, message=message, args=args))

    _unknown(data, ("check", "rules"), "", problem)
    check = data.get("check", {})
    if not isinstance(check, dict):
        problem("check", BAD_TABLE)
        check = {}
    _unknown(check, ("select", "ignore", "fail_on", "preview", "severity"), "check", problem)
    rules = all_rules()
    lists: dict[str, list[str]] = {}
    for key, default in (("select", ["ALL"]), ("ignore", [])):
        value = check.get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problem(f"check.{key}", BAD_LIST)
            value = default
        for token in value:
            if not is_known(token, rules):
                problem(f"check.{key}", UNKNOWN_SELECTOR, token=token)
        lists[key] = value
    fail_on = _severity(check.get("fail_on", "warning"), "check.fail_on", problem)
    preview = check.get("preview", False)
    if not isinstance(preview, bool):
        problem("check.preview", BAD_BOOL, found=repr(preview))
        preview = False
    severities: dict[str, Severity] = {}
    table = check.get("severity", {})
    if not isinstance(table, dict):
        problem("check.severity", BAD_TABLE)
        table = {}
    for token, level in table.items():
        if not is_known(token, rules):
            problem(f"check.severity.{token}", UNKNOWN_SELECTOR, token=token)
        severities[token] = _severity(level, f"check.severity.{token}", problem)

    settings: dict[str, dict[str, Any]] = {}
    rule_tables = data.get("rules", {})
    if not isinstance(rule_tables, dict):
        problem("rules", BAD_TABLE)
        rule_tables = {}
    for key, options in rule_tables.items():
        rule = find_rule(key)
        where = f'rules."{key}"'
        if rule is None:
            problem(where, UNKNOWN_RULE, rule=key)
            continue
        if not isinstance(options, dict):
            problem(where, BAD_TABLE)
            continue
        for option_name, value in options.items():
            option = next((o for o in rule.options if o.name == option_name), None)
            if option is None:
                problem(
                    f"{where}.{option_name}",
                    UNKNOWN_CONFIG_KEY,
                    key=option_name,
                    expected=", ".join(o.name for o in rule.options) or "-",
                )
                continue
            try:
                option.validate(value)
            except OptionError as exc:
                problem(f"{where}.{option_name}", exc.message, **exc.args_)
        settings[rule.code] = dict(options)
    if problems:
        raise InputError(problems)
    return Config(
        selection=Selection(
            select=lists["select"], ignore=lists["ignore"], severity=severities, preview=preview
        ),
        fail_on=fail_on,
        settings=settings,
        source=name,
    )


def _unknown(table: Mapping[str, Any], known: tuple[str, ...], where: str, problem: Any) -> None:
    for key in table:
        if key not in known:
            problem(
                f"{where}.{key}" if where else key,
                UNKNOWN_CONFIG_KEY,
                key=key,
                expected=", ".join(known),
            )


def _severity(value: Any, where: str, problem: Any) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        problem(where, BAD_SEVERITY, found=repr(value))
        return Severity.WARNING


CONFIG_HEADER = N_(
    "socialplan configuration. Every key is optional; the values shown are the defaults."
)
SELECT_HELP = N_(
    "Rules to run: codes (SP201), code prefixes (SP2), names (goal.missing), "
    "groups (goal), mistake ids (M01) or ALL."
)
IGNORE_HELP = N_("Rules not to run, named the same way.")
FAIL_ON_HELP = N_(
    "Exit with status 1 when a finding is at or above this severity: error, warning or info."
)
PREVIEW_HELP = N_("Run preview rules too.")
SEVERITY_HELP = N_("Change the severity of rules, named as in select; the most specific wins.")


def default_config(cat: Catalogue, rules: tuple[type[Rule], ...] | None = None) -> str:
    """The commented default configuration, every option with its help and default."""
    rules = rules or all_rules()
    lines = [
        f"# {cat.gettext(CONFIG_HEADER)}",
        "",
        "[check]",
        f"# {cat.gettext(SELECT_HELP)}",
        'select = ["ALL"]',
        f"# {cat.gettext(IGNORE_HELP)}",
        "ignore = []",
        f"# {cat.gettext(FAIL_ON_HELP)}",
        'fail_on = "warning"',
        f"# {cat.gettext(PREVIEW_HELP)}",
        "preview = false",
        "",
        "[check.severity]",
        f"# {cat.gettext(SEVERITY_HELP)}",
        '# "M27" = "info"',
    ]
    for rule in rules:
        if not rule.options:
            continue
        lines += ["", f'[rules."{rule.name}"]  # {rule.code}: {cat.gettext(rule.title)}']
        for option in rule.options:
            lines += [f"# {cat.gettext(option.help)}", f"{option.name} = {_toml(option.default)}"]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    return str(value)
