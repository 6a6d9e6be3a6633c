"""The five pillars of a campaign, scored 0-100 from what the strategy document commits to.

Each pillar is a short list of yes/no checks; the score is the share that pass. The evidence
side (what really happened on the networks) is added by the audit.
"""

from __future__ import annotations

from dataclasses import dataclass

from socialplan.i18n import N_
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.vocab import GIVING_PILLARS

PILLARS = (
    N_("connectivity"),
    N_("generosity"),
    N_("honesty"),
    N_("personality"),
    N_("imagination"),
)


@dataclass(frozen=True)
class Check:
    """One yes/no question behind a pillar score."""

    label: str
    passed: bool


@dataclass(frozen=True)
class PillarScore:
    """A pillar's score and the checks it was computed from."""

    pillar: str
    checks: tuple[Check, ...]

    @property
    def score(self) -> int:
        """The share of checks that pass, 0-100."""
        if not self.checks:
            return 0
        return round(100 * sum(c.passed for c in self.checks) / len(self.checks))


def plan_scores(doc: Strategy) -> tuple[PillarScore, ...]:
    """The five pillar scores of a strategy document, in the order of :data:`PILLARS`."""
    return (
        _connectivity(doc),
        _generosity(doc),
        _honesty(doc),
        _personality(doc),
        _imagination(doc),
    )


def _all(items: list[bool]) -> bool:
    return bool(items) and all(items)


def _connectivity(doc: Strategy) -> PillarScore:
    channels = doc.channels
    listening = doc.listening
    criticism = doc.policy.criticism if doc.policy else None
    timed = any(c.responses and c.responses.within_hours for c in channels) or bool(
        criticism and criticism.respond_within_hours
    )
    return PillarScore(
        "connectivity",
        (
            Check(
                N_("every channel has a contact point"), _all([bool(c.contact) for c in channels])
            ),
            Check(
                N_("every channel has someone who answers"),
                _all([c.responses is not None for c in channels]),
            ),
            Check(N_("a response-time target is set"), timed),
            Check(
                N_("brand conversations are monitored"), bool(listening and listening.brand_terms)
            ),
            Check(
                N_("listening goes beyond the brand name"),
                bool(listening and (listening.topic_terms or listening.competitor_terms)),
            ),
        ),
    )


def _generosity(doc: Strategy) -> PillarScore:
    pillars = [p for c in doc.channels for p in c.pillars]
    total = sum(p.share for p in pillars)
    giving = sum(p.share for p in pillars if p.kind in GIVING_PILLARS)
    return PillarScore(
        "generosity",
        (
            Check(
                N_("at least half of the content mix gives value"),
                total > 0 and giving / total >= 0.5,
            ),
            Check(
                N_("every channel has a pillar that gives value"),
                _all([any(p.kind in GIVING_PILLARS for p in c.pillars) for c in doc.channels]),
            ),
            Check(
                N_("the plan includes help or education"),
                any(p.kind in ("help", "educate") for p in pillars),
            ),
        ),
    )


def _honesty(doc: Strategy) -> PillarScore:
    criticism = doc.policy.criticism if doc.policy else None
    voice = doc.voice
    return PillarScore(
        "honesty",
        (
            Check(N_("criticism is never deleted"), bool(criticism and criticism.never_delete)),
            Check(
                N_("the reasons to hide a comment are listed"),
                bool(criticism and criticism.hide_only_for),
            ),
            Check(
                N_("the voice says how mistakes are admitted"),
                bool(voice and voice.admits_mistakes),
            ),
            Check(
                N_('the voice says what replaces "no comment"'),
                bool(voice and voice.when_cannot_answer),
            ),
        ),
    )


def _personality(doc: Strategy) -> PillarScore:
    voice = doc.voice
    return PillarScore(
        "personality",
        (
            Check(N_("the voice has a tone"), bool(voice and voice.tone)),
            Check(N_("named people speak for the brand"), bool(voice and voice.speakers)),
            Check(N_("replies are signed"), bool(voice and voice.sign_replies)),
            Check(N_("the voice says what it never says"), bool(voice and voice.never_says)),
        ),
    )


def _imagination(doc: Strategy) -> PillarScore:
    calendar = doc.calendar
    formats = {f for c in doc.channels for f in c.formats}
    kinds = {p.kind for c in doc.channels for p in c.pillars}
    recurring = bool(calendar) and any(
        r.kind in ("contest", "promotion", "game")
        and r.every in ("day", "week", "month", "quarter")
        for r in (calendar.recurring if calendar else [])
    )
    return PillarScore(
        "imagination",
        (
            Check(
                N_("an editorial calendar is planned ahead"),
                bool(calendar and calendar.planned_weeks_ahead),
            ),
            Check(N_("a contest, promotion or game recurs at least each quarter"), recurring),
            Check(N_("at least three formats are used"), len(formats) >= 3),
            Check(N_("at least three kinds of content pillar are used"), len(kinds) >= 3),
        ),
    )


#: Evidence rules that speak for each pillar: a pillar scores the share of them with no finding.
EVIDENCE_PILLARS: dict[str, tuple[str, ...]] = {
    "connectivity": (
        "conversation.unanswered_questions",
        "conversation.low_reply_rate",
        "conversation.slow_first_response",
        "account.dormant",
    ),
    "generosity": ("content.self_promotion",),
    "honesty": ("moderation.deleted_criticism", "replies.refusal_without_reason"),
    "personality": ("replies.canned", "automation.tool_posting", "automation.same_minute"),
    "imagination": (
        "content.repeated_posts",
        "content.single_format",
        "content.no_campaign",
        "content.cross_posted",
    ),
}


def evidence_scores(ran: set[str], failed: set[str]) -> tuple[PillarScore, ...]:
    """Pillar scores from the evidence rules that ran (*ran*) and those with findings (*failed*)."""
    scores = []
    for pillar, names in EVIDENCE_PILLARS.items():
        checks = tuple(Check(name, name not in failed) for name in names if name in ran)
        scores.append(PillarScore(pillar, checks))
    return tuple(scores)
