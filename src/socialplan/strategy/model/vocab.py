"""Closed vocabularies of the strategy document, and the shared base of its parts."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from socialplan.strategy.networks import NETWORKS


class Part(BaseModel):
    """Base of every part of the document: unknown keys are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest known word, for 'did you mean' hints."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def _closed(kind: str, choices: tuple[str, ...]) -> AfterValidator:
    """A validator that accepts one of *choices* after normalising case and separators."""

    def check(value: str) -> str:
        norm = re.sub(r"[\s\-]+", "_", value.strip().lower())
        if norm in choices:
            return norm
        hint = closest(norm, choices)
        raise PydanticCustomError(
            "unknown_word",
            "unknown {kind} {found}",
            {"kind": kind, "found": value, "expected": ", ".join(choices), "hint": hint or ""},
        )

    return AfterValidator(check)


NETWORK_IDS = tuple(NETWORKS)
DEPARTMENTS = (
    "management",
    "marketing",
    "content",
    "sales",
    "customer_service",
    "pr",
    "billing",
    "production",
    "product",
    "hr",
    "legal",
    "it",
    "design",
    "community",
    "other",
)
OBJECTIVES = ("awareness", "sales", "loyalty")
PILLAR_KINDS = (
    "help",
    "educate",
    "inspire",
    "entertain",
    "community",
    "news",
    "behind_the_scenes",
    "promotion",
    "product",
)
#: Content that gives value before it asks; the rest sells or talks about the brand itself.
GIVING_PILLARS = frozenset({"help", "educate", "inspire", "entertain", "community"})
SELF_PILLARS = frozenset({"promotion", "product"})
FORMATS = (
    "text",
    "image",
    "carousel",
    "video",
    "short_video",
    "live",
    "story",
    "link",
    "poll",
    "audio",
    "document",
    "article",
)
KPI_KINDS = (
    "followers",
    "fans",
    "likes",
    "impressions",
    "reach",
    "views",
    "engagement_rate",
    "shares",
    "mentions",
    "share_of_voice",
    "brand_search",
    "site_visits",
    "clicks",
    "leads",
    "conversions",
    "sales",
    "revenue",
    "cost_per_acquisition",
    "retention",
    "repeat_purchase",
    "churn",
    "nps",
    "satisfaction",
    "response_time",
    "reply_rate",
    "advocates",
    "reviews",
    "user_content",
)
#: Figures that count attention without saying whether it did the business any good.
VANITY_KINDS = frozenset({"followers", "fans", "likes", "impressions", "reach", "views"})
#: Which objective each meaningful KPI kind serves.
KPI_OBJECTIVE: dict[str, str] = {
    "engagement_rate": "awareness",
    "shares": "awareness",
    "mentions": "awareness",
    "share_of_voice": "awareness",
    "brand_search": "awareness",
    "site_visits": "sales",
    "clicks": "sales",
    "leads": "sales",
    "conversions": "sales",
    "sales": "sales",
    "revenue": "sales",
    "cost_per_acquisition": "sales",
    "retention": "loyalty",
    "repeat_purchase": "loyalty",
    "churn": "loyalty",
    "nps": "loyalty",
    "satisfaction": "loyalty",
    "response_time": "loyalty",
    "reply_rate": "loyalty",
    "advocates": "loyalty",
    "reviews": "loyalty",
    "user_content": "loyalty",
}
FORBIDDEN_CATEGORIES = (
    "insult",
    "racism",
    "sexism",
    "religion",
    "politics",
    "obscenity",
    "sexual_innuendo",
    "derogatory",
    "discrimination",
    "violence",
    "confidential",
    "personal_data",
)
HIDE_REASONS = ("spam", "abuse", "personal_data", "illegal", "off_topic")
REWARDS = ("recognition", "early_access", "perks", "discounts", "events", "gifts", "money")
RECURRING_KINDS = ("contest", "promotion", "game", "campaign", "series", "event")
PERIODS = ("day", "week", "month", "quarter")

Network = Annotated[str, _closed("network", NETWORK_IDS)]
Department = Annotated[str, _closed("department", DEPARTMENTS)]
ObjectiveKind = Annotated[str, _closed("objective", OBJECTIVES)]
PillarKind = Annotated[str, _closed("pillar kind", PILLAR_KINDS)]
Format = Annotated[str, _closed("format", FORMATS)]
KpiKind = Annotated[str, _closed("KPI kind", KPI_KINDS)]
ForbiddenCategory = Annotated[str, _closed("forbidden category", FORBIDDEN_CATEGORIES)]
HideReason = Annotated[str, _closed("reason", HIDE_REASONS)]
Reward = Annotated[str, _closed("reward", REWARDS)]
RecurringKind = Annotated[str, _closed("recurring kind", RECURRING_KINDS)]
Period = Annotated[str, _closed("period", PERIODS)]

Text = Annotated[str, StringConstraints(min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$")]
Quarter = Annotated[str, StringConstraints(pattern=r"^\d{4}-Q[1-4]$")]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
Maturity = Literal["beginner", "advanced"]
Relationship = Literal["customer", "prospect"]
