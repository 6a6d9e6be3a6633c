"""The JSON Schema of the strategy document, as YAML editors read it."""

from __future__ import annotations

from typing import Any

from socialplan.strategy.model import Strategy
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

#: Closed vocabularies are validated in code (to accept "Customer Service" for
#: customer_service); the schema lists their canonical values so editors can complete them.
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Channel", "network"): NETWORK_IDS,
    ("Exclusion", "network"): NETWORK_IDS,
    ("PersonaNetwork", "network"): NETWORK_IDS,
    ("RegistryAccount", "network"): NETWORK_IDS,
    ("Person", "department"): DEPARTMENTS,
    ("Objective", "kind"): OBJECTIVES,
    ("Pillar", "kind"): PILLAR_KINDS,
    ("Kpi", "kind"): KPI_KINDS,
    ("Goal", "kind"): KPI_KINDS,
    ("Cadence", "per"): PERIODS,
    ("Recurring", "every"): PERIODS,
    ("Recurring", "kind"): RECURRING_KINDS,
}
LIST_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Channel", "formats"): FORMATS,
    ("Policy", "forbidden"): FORBIDDEN_CATEGORIES,
    ("Criticism", "hide_only_for"): HIDE_REASONS,
    ("Advocacy", "rewards"): REWARDS,
}
LISTENING_NETWORKS = ("Listening", "channels")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :class:`Strategy`."""
    schema = Strategy.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "socialplan strategy"
    definitions = schema.get("$defs", {})
    definitions["Strategy"] = schema
    for (model, field), values in ENUMS.items():
        _restrict(definitions.get(model, {}), field, values, listed=False)
    for (model, field), values in {**LIST_ENUMS, LISTENING_NETWORKS: NETWORK_IDS}.items():
        _restrict(definitions.get(model, {}), field, values, listed=True)
    del definitions["Strategy"]
    return schema


def _restrict(model: dict[str, Any], field: str, values: tuple[str, ...], *, listed: bool) -> None:
    prop = model.get("properties", {}).get(field)
    if prop is None:
        return
    if listed:
        prop["items"] = {"enum": list(values)}
        return
    if "anyOf" in prop:
        for option in prop["anyOf"]:
            if option.get("type") == "string":
                option["enum"] = list(values)
    else:
        prop["enum"] = list(values)
