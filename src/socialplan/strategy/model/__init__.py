"""Pydantic models of every part of the strategy document."""

from socialplan.strategy.model.audience import (
    Demographics,
    Listening,
    OnlineBehaviour,
    Persona,
    PersonaNetwork,
    Psychographics,
)
from socialplan.strategy.model.channels import (
    Cadence,
    Calendar,
    Channel,
    Exclusion,
    OneThing,
    Pillar,
    Recurring,
    Resources,
    Responses,
)
from socialplan.strategy.model.document import Organisation, Silence, Strategy
from socialplan.strategy.model.goal import Goal, Objective
from socialplan.strategy.model.governance import (
    Approval,
    Criticism,
    Policy,
    RegistryAccount,
    Voice,
)
from socialplan.strategy.model.metrics import Kpi, Metrics
from socialplan.strategy.model.outreach import Advocacy, Integration, LandingPage, Tracking
from socialplan.strategy.model.team import Person, Team

__all__ = [
    "Advocacy",
    "Approval",
    "Cadence",
    "Calendar",
    "Channel",
    "Criticism",
    "Demographics",
    "Exclusion",
    "Goal",
    "Integration",
    "Kpi",
    "LandingPage",
    "Listening",
    "Metrics",
    "Objective",
    "OneThing",
    "OnlineBehaviour",
    "Organisation",
    "Person",
    "Persona",
    "PersonaNetwork",
    "Pillar",
    "Policy",
    "Psychographics",
    "Recurring",
    "RegistryAccount",
    "Resources",
    "Responses",
    "Silence",
    "Strategy",
    "Team",
    "Tracking",
    "Voice",
]
