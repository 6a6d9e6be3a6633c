"""The checks a draft passes before it may be scheduled: one list of findings per variant.

Each check speaks as a rule of the catalogue, so a draft is judged by the rules that later
audit what was published: the network's conventions (SE302, from the adapter's declared
capabilities, length counted the network's way, and the images it takes), content the policy
forbids (SE307, the policy's categories matched in the text's language), the channel plan
(SE205: the channel is planned, and its cadence for the day), the plan's content mix (SE313:
the post's pillar and its share), the network's daily ceiling (SE201) and one text copied to
several networks (SE301). A limit the network itself enforces is an error, since the post would
be refused; the rest keep their rule's severity.
"""

from __future__ import annotations

from collections.abc import Sequence

from socialplan.publish.adaptation.conventions import conventions
from socialplan.publish.adaptation.copies import copies
from socialplan.publish.adaptation.found import DraftImage, Variant, blocking
from socialplan.publish.adaptation.media import media
from socialplan.publish.adaptation.pillars import pillars
from socialplan.publish.adaptation.plan import plan
from socialplan.publish.adaptation.policy import forbidden_content
from socialplan.rules.finding import Finding
from socialplan.strategy.model import Strategy

__all__ = ["DraftImage", "Variant", "blocking", "check_draft"]


def check_draft(
    variants: Sequence[Variant], text_language: str | None, strategy: Strategy | None
) -> list[list[Finding]]:
    """The findings of each variant, in the order given."""
    copied = copies(variants)
    return [
        [
            *conventions(variant, text_language),
            *media(variant),
            *forbidden_content(variant.text, text_language, strategy),
            *plan(variant, strategy),
            *pillars(variant, strategy),
            *copied[index],
        ]
        for index, variant in enumerate(variants)
    ]
