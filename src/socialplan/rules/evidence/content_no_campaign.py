"""SE306 content.no_campaign: no contest, giveaway or promotion in the last quarter."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources

import ibis
from ruamel.yaml import YAML

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register

#: Languages written without spaces between words: their terms match anywhere in a text.
UNSPACED = frozenset({"th", "zh"})
_FOLD = str.maketrans({
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0640": None,
    "\u200c": " ", "\u200d": None, "\u200b": None, "_": " ",
    "ά": "α", "έ": "ε", "ή": "η", "ί": "ι", "ό": "ο", "ύ": "υ", "ώ": "ω",
    "ϊ": "ι", "ϋ": "υ", "ΐ": "ι", "ΰ": "υ", "\u0301": None, "\u0308": None,
})  # fmt: skip


def words(text: str) -> list[str]:
    """Runs of letters, digits and their combining marks (Thai vowels, Vietnamese tones)."""
    found, current = [], ""
    for char in text:
        if char.isalnum() or unicodedata.category(char).startswith("M"):
            current += char
        elif current:
            found.append(current)
            current = ""
    return [*found, current] if current else found


def fold(text: str) -> str:
    """*text* in the spelling terms are compared in: NFKC, case, accents and letter variants."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)


@cache
def campaign_terms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Whole-word phrases, unspaced terms and hashtags of the data file, folded."""
    source = resources.files("socialplan.rules") / "data" / "campaign_terms.yaml"
    data = YAML(typ="safe").load(source.read_text("utf-8"))
    phrases, unspaced, tags = set(), set(), set()
    for language, terms in data.items():
        for term in (fold(str(t)) for t in terms):
            tags.add("".join(words(term)))
            if language in UNSPACED:
                unspaced.add(term.replace(" ", ""))
            else:
                phrases.add(" ".join(words(term)))
    return frozenset(phrases), frozenset(unspaced), frozenset(tags)


def is_campaign(text: str, hashtags: list[str]) -> bool:
    """True when the text or a hashtag names a contest, giveaway or promotion."""
    phrases, unspaced, tags = campaign_terms()
    for tag in (fold(h).lstrip("#") for h in hashtags):
        key = "".join(words(tag))
        if key in tags or any(term in key for term in unspaced):
            return True
    folded = fold(text)
    line = " " + " ".join(words(folded)) + " "
    if any(f" {phrase} " in line for phrase in phrases):
        return True
    return any(term in folded for term in unspaced)


@register
class NoCampaign(EvidenceRule):
    """No brand post of the last quarter runs a contest, giveaway or promotion."""

    code = "SE306"
    name = "content.no_campaign"
    title = N_("No contest or promotion lately")
    mistakes = ("M27",)
    severity = Severity.INFO
    options = (
        Option("days", 92, N_("How many days back to look for a campaign."), minimum=1),
        Option(
            "min_posts",
            5,
            N_("With fewer brand posts than this in the period, the rule does not judge."),
            minimum=1,
        ),
    )
    message = N_(
        "none of the {count} brand posts of the last {days} days ran a contest, "
        "a giveaway or a promotion"
    )
    fix = N_(
        "plan a contest, game or offer every month or quarter and put it in the editorial calendar"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Read the period's brand posts and look for one campaign term or hashtag."""
        items = evidence.items
        start = evidence.now - dt.timedelta(days=self.settings["days"])
        posts = items.filter(
            (items.author_kind == "brand")
            & (items.kind == "post")
            & (items.created_at > ibis.literal(start))
            & (items.created_at <= ibis.literal(evidence.now))
        )
        rows = posts.select("text", "hashtags").to_pyarrow().to_pylist()
        if len(rows) < self.settings["min_posts"]:
            return
        if any(is_campaign(str(r["text"] or ""), list(r["hashtags"] or [])) for r in rows):
            return
        yield self.found(
            ("calendar",) if evidence.strategy.calendar is not None else (),
            count=len(rows),
            days=self.settings["days"],
        )
