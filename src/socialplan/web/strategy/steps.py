"""The wizard's steps: which parts of the document each one edits, and with what fields.

Parts made of plain values get one form field per key; parts that are lists of records are
edited as YAML, and so are the nested records inside a part (``metrics.kpis``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from socialplan.i18n import LANGUAGE_NAMES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from socialplan.strategy.model.vocab import (
    DEPARTMENTS,
    FORBIDDEN_CATEGORIES,
    FORMATS,
    HIDE_REASONS,
    KPI_KINDS,
    NETWORK_IDS,
    OBJECTIVES,
    PERIODS,
    PILLAR_KINDS,
    RECURRING_KINDS,
    REWARDS,
)


class Kind(Enum):
    """How a value is edited."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    WHOLE = "whole"
    DATE = "date"
    YES_NO = "yes_no"
    CHOICE = "choice"
    CHOICES = "choices"
    LINES = "lines"
    YAML = "yaml"


@dataclass(frozen=True)
class Field:
    """One key of a part and how it is edited."""

    key: str
    label: StrOrPromise
    kind: Kind = Kind.TEXT
    #: The closed vocabulary of a choice, as (value, label) pairs.
    choices: tuple[tuple[str, str], ...] = ()
    minimum: float | None = None


@dataclass(frozen=True)
class PartSpec:
    """A top-level part of the document; without fields it is edited as YAML."""

    key: str
    label: StrOrPromise
    fields: tuple[Field, ...] = ()
    help: StrOrPromise = ""
    words: tuple[str, ...] = ()
    #: A single value (``language: en``) rather than a mapping of keys.
    scalar: bool = False

    @property
    def as_yaml(self) -> bool:
        """Whether the whole part is one YAML editor."""
        return not self.fields


@dataclass(frozen=True)
class Step:
    """One page of the wizard."""

    slug: str
    number: int | None
    title: StrOrPromise
    explanation: StrOrPromise
    parts: tuple[PartSpec, ...]

    def document_keys(self) -> tuple[str, ...]:
        """The document keys this step edits."""
        return tuple(part.key for part in self.parts)


def _yaml(key: str, label: StrOrPromise) -> Field:
    return Field(key, label, Kind.YAML)


def _words(vocabulary: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A vocabulary as choices: the document's own words, as written in the YAML."""
    return tuple((word, word) for word in vocabulary)


STEPS: tuple[Step, ...] = (
    Step(
        "team",
        1,
        _("Team"),
        _(
            "Social media is run by people from several departments, customer service "
            "among them, not by marketing alone. Name them, their departments and what "
            "each of them is answerable for."
        ),
        (
            PartSpec(
                "organisation",
                _("Organisation"),
                (Field("name", _("Name")), Field("website", _("Website"))),
            ),
            PartSpec(
                "language",
                _("Language of the document"),
                (Field("language", _("Language"), Kind.CHOICE, tuple(LANGUAGE_NAMES.items())),),
                scalar=True,
            ),
            PartSpec(
                "team",
                _("People"),
                help=_(
                    "Under people: one entry per person with name, department, role, what "
                    "they own (owns) and, for someone who has left, the day (left)."
                ),
                words=DEPARTMENTS,
            ),
        ),
    ),
    Step(
        "goal",
        2,
        _("Goal and objectives"),
        _(
            "Say which business result social media serves, with a figure to reach and a "
            "date, and choose one primary objective: awareness, sales or loyalty."
        ),
        (
            PartSpec(
                "goal",
                _("Business goal"),
                (
                    Field("outcome", _("Outcome"), Kind.LONG_TEXT),
                    Field("metric", _("What is counted")),
                    Field("kind", _("Kind of figure"), Kind.CHOICE, _words(KPI_KINDS)),
                    Field("baseline", _("Baseline"), Kind.NUMBER),
                    Field("target", _("Target"), Kind.NUMBER),
                    Field("unit", _("Unit")),
                    Field("deadline", _("Deadline"), Kind.DATE),
                ),
            ),
            PartSpec(
                "objectives",
                _("Objectives"),
                help=_(
                    "One entry per objective with kind, primary and why; exactly one of "
                    "them is primary: true."
                ),
                words=OBJECTIVES,
            ),
        ),
    ),
    Step(
        "listening",
        3,
        _("Listening"),
        _(
            "Listen to more than your own name: competitors and the topics your customers "
            "talk about, on the networks where they talk, and let what you hear change the plan."
        ),
        (
            PartSpec(
                "listening",
                _("Listening"),
                (
                    Field("brand_terms", _("Brand terms"), Kind.LINES),
                    Field("competitor_terms", _("Competitor names"), Kind.LINES),
                    Field("topic_terms", _("Topics"), Kind.LINES),
                    Field("channels", _("Networks listened to"), Kind.CHOICES, _words(NETWORK_IDS)),
                    Field("owner", _("Who listens")),
                    Field("feeds_plan", _("How findings change the plan"), Kind.LONG_TEXT),
                ),
            ),
        ),
    ),
    Step(
        "audience",
        4,
        _("Audience"),
        _(
            "Describe the people you write for, existing customers as well as prospects: "
            "who they are, what they care about, how they behave online and where you know "
            "they are active."
        ),
        (
            PartSpec(
                "personas",
                _("Personas"),
                help=_(
                    "One entry per persona with id, name, relationship (customer or prospect), "
                    "demographics, psychographics, online_behaviour and networks with evidence."
                ),
                words=NETWORK_IDS,
            ),
        ),
    ),
    Step(
        "metrics",
        5,
        _("Metrics and KPIs"),
        _(
            "Measure what serves the primary objective, not only followers and likes: each "
            "KPI has a baseline, a target for every quarter and a source for its figures."
        ),
        (
            PartSpec(
                "metrics",
                _("Metrics"),
                (
                    Field("maturity", _("Maturity"), Kind.CHOICE, _words(("beginner", "advanced"))),
                    _yaml("kpis", _("KPIs")),
                ),
                help=_(
                    "KPIs: one entry each with id, name, kind, baseline, targets per quarter "
                    "(2027-Q1: 120), unit and source."
                ),
                words=KPI_KINDS,
            ),
        ),
    ),
    Step(
        "one-thing",
        6,
        _("The one thing"),
        _(
            "The one idea the brand stands for, beyond what it sells, in a sentence, with "
            "the facts that prove it."
        ),
        (
            PartSpec(
                "one_thing",
                _("The one thing"),
                (
                    Field("statement", _("Statement"), Kind.LONG_TEXT),
                    Field("proof", _("Proof"), Kind.LINES),
                ),
            ),
        ),
    ),
    Step(
        "channels",
        7,
        _("Channels and calendar"),
        _(
            "For each network: why you are there, for which personas, what you post and how "
            "often, who does it with what resources, and how it is measured; then plan the "
            "calendar ahead and what comes back every month or quarter."
        ),
        (
            PartSpec(
                "channels",
                _("Channel plan"),
                help=_(
                    "One entry per account with network, account, reason, personas, pillars "
                    "(name, kind, share), formats, cadence (posts, per), owner, resources, "
                    "kpis, contact and responses (owner, within_hours)."
                ),
                words=NETWORK_IDS + FORMATS + PILLAR_KINDS,
            ),
            PartSpec(
                "excluded_networks",
                _("Networks left out"),
                help=_("One entry per network left out on purpose, with reason and evidence."),
                words=NETWORK_IDS,
            ),
            PartSpec(
                "calendar",
                _("Editorial calendar"),
                (
                    Field("planned_weeks_ahead", _("Weeks planned ahead"), Kind.WHOLE, minimum=0),
                    Field("review", _("Review")),
                    _yaml("recurring", _("What recurs")),
                ),
                help=_("What recurs: one entry each with kind, every and description."),
                words=RECURRING_KINDS + PERIODS,
            ),
        ),
    ),
    Step(
        "voice",
        None,
        _("Voice"),
        _(
            "How the brand sounds like people rather than a logo: its tone, who speaks, "
            "whether replies are signed, and how it owns up to mistakes."
        ),
        (
            PartSpec(
                "voice",
                _("Voice"),
                (
                    Field("tone", _("Tone"), Kind.LINES),
                    Field("speakers", _("Who speaks for the brand")),
                    Field("sign_replies", _("Replies are signed"), Kind.YES_NO),
                    Field("never_says", _("Never says"), Kind.LINES),
                    Field("admits_mistakes", _("How mistakes are admitted"), Kind.LONG_TEXT),
                    Field("when_cannot_answer", _("Instead of “no comment”"), Kind.LONG_TEXT),
                ),
            ),
        ),
    ),
    Step(
        "policy",
        None,
        _("Policy"),
        _(
            "The social media policy: what is never posted, who may open accounts, what "
            "needs approval, how criticism is handled and how credentials are kept safe."
        ),
        (
            PartSpec(
                "policy",
                _("Policy"),
                (
                    Field(
                        "forbidden",
                        _("Forbidden content"),
                        Kind.CHOICES,
                        _words(FORBIDDEN_CATEGORIES),
                    ),
                    Field("account_creators", _("Who may open accounts"), Kind.LINES),
                    _yaml("approval", _("Approval")),
                    _yaml("criticism", _("Criticism")),
                    Field(
                        "credential_rotation_days",
                        _("Change passwords every (days)"),
                        Kind.WHOLE,
                        minimum=1,
                    ),
                    Field("two_factor_required", _("Two-factor sign-in required"), Kind.YES_NO),
                ),
                help=_(
                    "Approval: required_for and approvers. Criticism: never_delete, "
                    "hide_only_for, respond_within_hours and escalate_to."
                ),
                words=HIDE_REASONS,
            ),
        ),
    ),
    Step(
        "accounts",
        None,
        _("Account registry"),
        _(
            "Every account the brand runs, with its owner, the people who can get in, "
            "two-factor sign-in and when its password last changed, so nobody who has left "
            "keeps access."
        ),
        (
            PartSpec(
                "accounts",
                _("Accounts"),
                help=_(
                    "One entry per account with network, handle, owner, access, two_factor, "
                    "credentials_rotated, shared_credentials and leavers."
                ),
                words=NETWORK_IDS,
            ),
        ),
    ),
    Step(
        "advocacy",
        None,
        _("Advocacy"),
        _(
            "Customers who speak for the brand deserve something in return: say who they "
            "are, what they get, the budget, and the rules that keep it honest."
        ),
        (
            PartSpec(
                "advocacy",
                _("Advocacy"),
                (
                    Field("advocates", _("Who the advocates are"), Kind.LONG_TEXT),
                    Field("rewards", _("What they get"), Kind.CHOICES, _words(REWARDS)),
                    Field("budget_per_year", _("Budget per year"), Kind.NUMBER, minimum=0),
                    Field("currency", _("Currency")),
                    Field("ethics", _("Ethics rules"), Kind.LINES),
                ),
            ),
        ),
    ),
    Step(
        "integration",
        None,
        _("Integration"),
        _(
            "Social media is one part of the marketing plan, not a magic bullet: link it to "
            "the plan, the website and landing pages, the other channels, and track the visits."
        ),
        (
            PartSpec(
                "integration",
                _("Integration"),
                (
                    Field("marketing_plan", _("Marketing plan")),
                    Field("other_channels", _("Other channels"), Kind.LINES),
                    Field("website", _("Website")),
                    _yaml("landing_pages", _("Landing pages")),
                    _yaml("tracking", _("Tracking")),
                    Field("budget_per_month", _("Budget per month"), Kind.NUMBER, minimum=0),
                ),
                help=_(
                    "Landing pages: one entry each with url, purpose and mobile_ready. "
                    "Tracking: utm and analytics."
                ),
            ),
        ),
    ),
    Step(
        "silences",
        None,
        _("Accepted findings"),
        _(
            "Findings the team has decided to accept, each with the reason, so the check "
            "stops repeating them."
        ),
        (
            PartSpec(
                "silence",
                _("Accepted findings"),
                help=_("One entry each with rule (code or name), at (a document path) and reason."),
            ),
        ),
    ),
)

BY_SLUG = {step.slug: step for step in STEPS}
BY_KEY = {part.key: step for step in STEPS for part in step.parts}


def step_of(key: str) -> Step | None:
    """The step that edits the document key *key*."""
    return BY_KEY.get(key)
