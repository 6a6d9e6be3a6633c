"""Rule docs: one Markdown file per rule with fixed headings, translated block by block.

Each paragraph (or list) of a doc is one gettext message, so translators see whole thoughts and
a doc change only invalidates the blocks it touched. Code blocks are never translated; the
``yaml bad`` and ``yaml good`` examples are run by the test suite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from socialplan.i18n import N_, Catalogue
from socialplan.rules.base import SEVERITY_LABELS, Rule
from socialplan.rules.reporters import FIX_LABEL

HEADINGS = (
    N_("What it checks"),
    N_("Why it matters"),
    N_("Example"),
    N_("What to do instead"),
)
OPTIONS_HEADING = N_("Options")
NO_OPTIONS = N_("This rule has no options.")
META_LINE = N_(
    "Mistakes: {mistakes} · Default severity: {severity} · Status: {status} · Since: {since}"
)
BAD_LABEL = N_("Not like this:")
GOOD_LABEL = N_("Like this:")
DEFAULT_LABEL = N_("default")

_FENCE = re.compile(r"^```")


@dataclass(frozen=True)
class Block:
    """A paragraph, a heading, or a fenced code block (``info`` is its info string)."""

    text: str
    code: bool = False
    info: str = ""


def doc_source(rule: type[Rule]) -> str:
    """The English Markdown source of *rule*'s doc; empty for rules about checking itself."""
    path = resources.files("socialplan.rules") / "docs" / f"{rule.name}.md"
    return path.read_text("utf-8") if path.is_file() else ""


def blocks(markdown: str) -> list[Block]:
    """Split Markdown into headings, paragraphs and code blocks."""
    result: list[Block] = []
    lines = markdown.splitlines()
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            result.append(
                Block(
                    " ".join(line.strip() for line in paragraph)
                    if not paragraph[0].lstrip().startswith(("-", "*", "1."))
                    else "\n".join(paragraph)
                )
            )
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            flush()
            info = line[3:].strip()
            body: list[str] = []
            i += 1
            while i < len(lines) and not _FENCE.match(lines[i]):
                body.append(lines[i])
                i += 1
            result.append(Block("\n".join(body), code=True, info=info))
        elif line.startswith("#"):
            flush()
            result.append(Block(line))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line)
        i += 1
    flush()
    return result


def headings(markdown: str) -> list[str]:
    """The level-two headings of a doc, in order."""
    return [b.text[3:].strip() for b in blocks(markdown) if b.text.startswith("## ")]


def examples(markdown: str) -> dict[str, list[str]]:
    """The ``yaml bad`` and ``yaml good`` examples of a doc."""
    found: dict[str, list[str]] = {"bad": [], "good": []}
    for block in blocks(markdown):
        if block.code and block.info.startswith("yaml "):
            kind = block.info.split()[1]
            if kind in found:
                found[kind].append(block.text)
    return found


def translatable(markdown: str) -> list[str]:
    """The messages of a doc that go into the catalogue (prose blocks, not headings or code)."""
    return [b.text for b in blocks(markdown) if not b.code and not b.text.startswith("#")]


def render(rule: type[Rule], cat: Catalogue) -> str:
    """The rule's doc as Markdown in the catalogue's language, with its options listed."""
    severity_label = SEVERITY_LABELS[rule.severity]
    out = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{cat.gettext(rule.title)}**",
        "",
        cat.format(
            META_LINE,
            mistakes=", ".join(rule.mistakes) or "-",
            severity=cat.gettext(severity_label),
            status=rule.status.value,
            since=rule.since,
        ),
        "",
    ]
    source = doc_source(rule)
    if not source:
        # Rules about the checking itself (silences) are explained by their message and fix.
        out += [
            cat.format(rule.message, rule="…"),
            "",
            f"{cat.gettext(FIX_LABEL)} {cat.format(rule.fix, rule='…')}",
            "",
        ]
    for block in blocks(source):
        if block.code:
            label = {"bad": BAD_LABEL, "good": GOOD_LABEL}.get(block.info.split(" ")[-1])
            if label:
                out += [cat.gettext(label), ""]
            out += [f"```{block.info.split(' ')[0]}", block.text, "```", ""]
        elif block.text.startswith("## "):
            out += ["## " + cat.gettext(block.text[3:].strip()), ""]
        else:
            out += [cat.gettext(block.text), ""]
    out += ["## " + cat.gettext(OPTIONS_HEADING), ""]
    if not rule.options:
        out += [cat.gettext(NO_OPTIONS), ""]
    for option in rule.options:
        default = option.default if not isinstance(option.default, tuple) else list(option.default)
        out.append(
            f"- `{option.name}` ({cat.gettext(DEFAULT_LABEL)}: `{default}`): "
            f"{cat.gettext(option.help)}"
        )
    return "\n".join(out).rstrip() + "\n"
