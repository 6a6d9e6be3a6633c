"""Terms of the policy's forbidden categories, matched on whole words only.

Each language lists terms per category (``lexicons/<lang>/forbidden.yaml``); the category ids
are those of the strategy document's policy. A hit means "a human should look", never a
verdict: naming a religion is not hate, and lists cannot see sarcasm or quotation.
"""

from __future__ import annotations

from socialplan.text.matcher import Matches


def categories(matches: Matches) -> tuple[str, ...]:
    """The forbidden categories whose terms occur, sorted."""
    return tuple(sorted({hit.label for hit in matches.terms("forbidden")}))
