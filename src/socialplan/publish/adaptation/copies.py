"""SE301 before publishing: one text going unchanged to several networks."""

from __future__ import annotations

from collections.abc import Sequence

from socialplan.i18n import N_
from socialplan.publish.adaptation.found import Variant, capabilities, finding
from socialplan.rules.evidence.content_cross_posted import CrossPosted
from socialplan.rules.finding import Finding
from socialplan.text.tokens import normalise

SAME_TEXT = N_("the same text goes to {networks}")


def copies(variants: Sequence[Variant]) -> list[list[Finding]]:
    """For each variant, SE301 when its text goes unchanged to another network too."""
    by_text: dict[str, list[int]] = {}
    for index, variant in enumerate(variants):
        # Case and spacing do not make a text another one.
        key = " ".join(normalise(variant.text).split())
        if key:
            by_text.setdefault(key, []).append(index)
    found: list[list[Finding]] = [[] for _ in variants]
    for members in by_text.values():
        networks = list(dict.fromkeys(variants[i].network for i in members))
        if len(networks) < 2:
            continue
        labels = ", ".join(capabilities(n).label for n in networks)
        for index in members:
            found[index].append(finding("SE301", None, SAME_TEXT, CrossPosted.fix, networks=labels))
    return found
