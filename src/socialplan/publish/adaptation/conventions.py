"""SE302 before publishing: the network's limits and conventions, from its adapter (and the
channel's own server, where it sets its own)."""

from __future__ import annotations

from socialplan.activity.importers.common import hashtags_in, links_in
from socialplan.i18n import N_
from socialplan.publish.adaptation.found import Variant, capabilities_of, finding
from socialplan.publish.checks import EMPTY, problems
from socialplan.publish.content import Outgoing
from socialplan.rules.base import Severity
from socialplan.rules.evidence.content_breaks_conventions import (
    DEAD_LINKS_FIX,
    TOO_LONG_FIX,
    TOO_MANY_TAGS_FIX,
)
from socialplan.rules.finding import Finding

CODE = "SE302"
REFUSED_FIX = N_("shorten or change the text for this network before it is scheduled")
MANY_TAGS = N_("the text has {count} hashtags; on {network} more than {limit} reads as spam")
DEAD_LINK = N_("the text has a web address, which cannot be clicked on {network}")


def conventions(variant: Variant, text_language: str | None) -> list[Finding]:
    """The network's hard limits on the text (errors: it would refuse), then its hashtags and
    links; the images are :func:`~socialplan.publish.adaptation.media.media`'s. The limits are
    the channel's own where its server sets them."""
    caps = capabilities_of(variant)
    found = [
        finding(CODE, Severity.ERROR, error.message, _fix(error.message), **error.params)
        for error in problems(caps, Outgoing(variant.text, language=text_language))
        # Images alone make a post: an empty text is only a problem without them.
        if not (variant.images and error.message == EMPTY)
    ]
    tags = len(hashtags_in(variant.text))
    if tags > caps.max_hashtags:
        found.append(
            finding(
                CODE,
                None,
                MANY_TAGS,
                TOO_MANY_TAGS_FIX,
                count=tags,
                network=caps.label,
                limit=caps.max_hashtags,
            )
        )
    if not caps.clickable_links and links_in(variant.text):
        found.append(finding(CODE, None, DEAD_LINK, DEAD_LINKS_FIX, network=caps.label))
    return found


def _fix(message: str) -> str:
    """What to do about a limit the network enforces."""
    return TOO_LONG_FIX if "{length}" in message else REFUSED_FIX
