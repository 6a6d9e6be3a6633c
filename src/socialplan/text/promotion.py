"""Self-referential promotion: the brand selling itself.

A call to action ("buy now", "link in bio") is promotional on its own; an offer ("sale",
"new collection") is when the text also speaks of the brand in its own voice ("our", "we") or
names a second offer. A customer asking about a sale is not promotion.
"""

from __future__ import annotations

from socialplan.text.matcher import Matches


def is_promotional(matches: Matches) -> bool:
    """Whether a text promotes the brand or its products."""
    hits = matches.terms("promotion")
    if not hits:
        return False
    spans: dict[str, set[int]] = {}
    for hit in hits:
        spans.setdefault(hit.label, set()).add(hit.start)
    offers = len(spans.get("offer", ()))
    return bool(spans.get("call_to_action")) or offers >= 2 or (offers >= 1 and "self" in spans)
