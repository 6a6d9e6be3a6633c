"""SP602 one_thing.generic: the differentiator is a slogan any competitor could sign."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources

from ruamel.yaml import YAML

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy

SHORT = N_(
    'the one thing, "{statement}", is shorter than {minimum} characters: too short '
    "to say what sets the brand apart"
)
#: Arabic letter forms often typed in Persian text, mapped to the Persian ones.
_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


@register
class OneThingGeneric(PlanRule):
    """The one thing is too short, or a generic claim such as "customer first"."""

    code = "SP602"
    name = "one_thing.generic"
    title = N_("Generic differentiator")
    mistakes = ("M29",)
    severity = Severity.WARNING
    options = (
        Option(
            "min_characters",
            25,
            N_("The fewest characters a one thing statement may have."),
            minimum=1,
        ),
    )
    message = N_('the one thing, "{statement}", is a claim any competitor could make')
    fix = N_(
        "say what only this brand does or believes, in a sentence no competitor could "
        "sign, and back it with proof"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Compare the statement with the generic claims, then with the minimum length."""
        one_thing = strategy.one_thing
        # No one thing at all is one_thing.missing's finding.
        if one_thing is None:
            return
        statement = one_thing.statement
        organisation = strategy.organisation.name if strategy.organisation else None
        path = ("one_thing", "statement")
        if _is_generic(statement, organisation):
            yield self.found(path, statement=statement)
            return
        minimum: int = self.settings["min_characters"]
        if _weighted_length(statement) < minimum:
            yield self.found(path, SHORT, statement=statement, minimum=minimum)


#: A Han, Kana or Hangul character carries about as much as three Latin letters; counting them
#: once would hold a Chinese statement to a far higher standard than an English one.
_DENSE = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def _weighted_length(statement: str) -> int:
    """The statement's length in Latin-letter equivalents."""
    length = 0
    for char in unicodedata.normalize("NFC", statement):
        length += 3 if unicodedata.name(char, "").startswith(_DENSE) else 1
    return length


def _is_generic(statement: str, organisation: str | None) -> bool:
    """True when *statement* is a generic claim, alone or next to the organisation's name."""
    claims = generic_claims()
    text = _bare(statement)
    if text in claims:
        return True
    name = _bare(organisation) if organisation else ""
    # "Acme: customer first!" is as generic as "customer first".
    return bool(name) and name in text and _bare(text.replace(name, " ")) in claims


def _bare(text: str) -> str:
    """*text* for comparison: case, accents, spacing and end punctuation removed."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_PERSIAN))
    # Dropping marks lets "ποιότητα" match "ΠΟΙΟΤΗΤΑ", as Greek capitals often go unaccented.
    plain = "".join(ch for ch in folded if unicodedata.category(ch) != "Mn")
    plain = " ".join(plain.split())
    start, end = 0, len(plain)
    while start < end and _loose(plain[start]):
        start += 1
    while end > start and _loose(plain[end - 1]):
        end -= 1
    return unicodedata.normalize("NFC", plain[start:end])


def _loose(ch: str) -> bool:
    """True for spaces, punctuation and symbols, which carry no claim at either end."""
    return ch.isspace() or unicodedata.category(ch)[0] in "PSZ"


@cache
def generic_claims() -> frozenset[str]:
    """Every generic claim of the data file, in every language, ready for comparison."""
    source = resources.files("socialplan.rules") / "data" / "generic_claims.yaml"
    data = YAML(typ="safe").load(source.read_text("utf-8"))
    return frozenset(_bare(str(claim)) for claims in data.values() for claim in claims)
