"""SE307 before publishing: terms of the policy's forbidden categories in the text."""

from __future__ import annotations

from socialplan.i18n import N_
from socialplan.publish.adaptation.found import finding
from socialplan.rules.evidence.content_forbidden import Forbidden
from socialplan.rules.finding import Finding
from socialplan.strategy.model import Strategy
from socialplan.text import forbidden, language, matcher
from socialplan.text.tokens import normalise, segment, strip_links

FORBIDDEN_WORDS = N_(
    "the text may touch on content the policy forbids ({categories}): {words}; a person who "
    "knows the policy should read it"
)


def forbidden_content(
    text: str, text_language: str | None, strategy: Strategy | None
) -> list[Finding]:
    """Terms of the forbidden categories, matched on whole words in the text's language."""
    clean = strip_links(text)
    lang = text_language or language.detect(clean)
    words = segment(normalise(clean))
    hits = matcher.for_language(lang).find(words.words, words.clauses)
    categories = set(forbidden.categories(hits))
    policy = strategy.policy if strategy is not None else None
    # As the audit's rule does: a policy that names categories limits the check to them.
    if policy is not None and policy.forbidden:
        categories &= set(policy.forbidden)
    if not categories:
        return []
    found = [
        " ".join(words.words[hit.start : hit.end])
        for hit in hits.terms("forbidden")
        if hit.label in categories
    ]
    return [
        finding(
            "SE307",
            None,
            FORBIDDEN_WORDS,
            Forbidden.fix,
            categories=", ".join(sorted(categories)),
            words=", ".join(dict.fromkeys(found)),
        )
    ]
