"""Voice, the social media policy and the account registry."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from socialplan.strategy.model.vocab import (
    ForbiddenCategory,
    HideReason,
    Network,
    Part,
    Text,
)


class Voice(Part):
    """How the brand sounds human."""

    tone: list[Text] = Field(default_factory=list)
    speakers: str | None = Field(None, description="Who speaks for the brand, by name or team.")
    sign_replies: bool | None = None
    never_says: list[Text] = Field(default_factory=list)
    admits_mistakes: str | None = Field(None, description="How the brand owns up to errors.")
    when_cannot_answer: str | None = Field(None, description="What is said instead of no comment.")


class Approval(Part):
    """What needs approval before it goes out, and who gives it."""

    required_for: list[Text] = Field(default_factory=list)
    approvers: list[Text] = Field(default_factory=list)


class Criticism(Part):
    """How negative comments are handled."""

    never_delete: bool = False
    hide_only_for: list[HideReason] = Field(default_factory=list)
    respond_within_hours: float | None = Field(None, gt=0)
    escalate_to: str | None = None


class Policy(Part):
    """The social media policy."""

    forbidden: list[ForbiddenCategory] = Field(default_factory=list)
    account_creators: list[Text] = Field(
        default_factory=list, description="Who may open new accounts."
    )
    approval: Approval | None = None
    criticism: Criticism | None = None
    credential_rotation_days: int | None = Field(None, gt=0)
    two_factor_required: bool | None = None


class RegistryAccount(Part):
    """One account in the registry: who owns it and who can get in."""

    network: Network
    handle: Text
    owner: str | None = None
    access: list[Text] = Field(default_factory=list)
    two_factor: bool | None = None
    credentials_rotated: date | None = None
    shared_credentials: bool = False
    leavers: list[Text] = Field(
        default_factory=list, description="People who have left but can still get in."
    )
