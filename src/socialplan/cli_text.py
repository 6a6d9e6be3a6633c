"""The command line's own texts, including the ones argparse prints, for the catalogues.

argparse looks every one of its texts up through gettext, which is why the command line is
built on it: usage lines and error messages are translated like everything else.
"""

from __future__ import annotations

import argparse

from socialplan.i18n import N_, Catalogue

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("expected at most one argument"),
    N_("expected %s argument"),
    N_("expected %s arguments"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def install(cat: Catalogue) -> None:
    """Make argparse speak the catalogue's language."""

    def ngettext(singular: str, plural: str, n: int) -> str:
        return cat.gettext(singular if n == 1 else plural)

    argparse._ = cat.gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
