"""A whole audit of a strategy against its activity store, shared by the CLI and the web app.

The plan rules always run; the evidence rules run only when something has been imported, so a
workspace gets its plan findings before its first import instead of a page of false alarms
about silent channels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from socialplan.activity.backends import duckdb_backend
from socialplan.activity.store import Store
from socialplan.measure.pillars import plan_scores
from socialplan.rules.audit import Evidence, instantiate_evidence, run_audit
from socialplan.rules.base import Scope
from socialplan.rules.config import Config
from socialplan.rules.engine import CheckResult, check_strategy, instantiate
from socialplan.rules.finding import Finding
from socialplan.rules.registry import all_rules
from socialplan.rules.reporters import Report
from socialplan.strategy.load import LoadedStrategy
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS


@dataclass(frozen=True)
class AuditOutcome:
    """What one audit found, and the evidence it read (for the report and the measures)."""

    report: Report
    evidence: Evidence
    loaded: LoadedStrategy
    #: False when the store held no batch: the report has plan findings only.
    imported: bool

    @property
    def findings(self) -> list[Finding]:
        """Every finding, plan and evidence, in document order."""
        return self.report.findings()


def audit_store(
    loaded: LoadedStrategy,
    store: Store,
    config: Config | None = None,
    today: dt.date | None = None,
) -> AuditOutcome:
    """Run the plan rules, and the evidence rules over *store* when it holds any import."""
    config = config or Config()
    day = today or dt.date.today()
    chosen = config.selection.chosen(all_rules())
    plan = check_strategy(loaded, instantiate(chosen, config.settings, today=day), config.selection)
    imported = bool(store.batches())
    evidence = Evidence(con=duckdb_backend(store), strategy=loaded.document, today=day)
    findings = plan.findings
    ran = tuple(chosen)
    if imported:
        audited = run_audit(
            loaded, evidence, instantiate_evidence(chosen, config.settings, day), config.selection
        )
        findings = tuple(sorted(findings + audited.findings, key=Finding.sort_key))
    else:
        # Evidence rules that did not run must not count as passed in the pillar scores.
        ran = tuple(r for r in chosen if r.scope is Scope.PLAN)
    report = Report(
        results=(CheckResult(loaded.file, findings, plan.silenced),),
        rules=ran,
        scores={loaded.file: plan_scores(loaded.document)},
    )
    return AuditOutcome(report=report, evidence=evidence, loaded=loaded, imported=imported)


#: Network ids by the label findings name them with ("X (Twitter)" is x).
_BY_LABEL = {info.label: network for network, info in NETWORKS.items()}


def finding_networks(finding: Finding, strategy: Strategy) -> frozenset[str]:
    """The networks a finding is about: its exhibits', its channel's and the one it names."""
    found = {e.network for e in finding.evidence if e.network}
    channel = _channel_index(finding.path)
    if channel is not None and channel < len(strategy.channels):
        found.add(strategy.channels[channel].network)
    named = finding.args.get("network")
    if isinstance(named, str):
        found.add(_BY_LABEL.get(named, named))
    return frozenset(n for n in found if n in NETWORKS)


def _channel_index(path: str) -> int | None:
    """The channel index of a finding path such as ``channels[2].cadence``."""
    head, _, rest = path.partition("[")
    if head != "channels":
        return None
    number = rest.split("]", 1)[0]
    return int(number) if number.isdigit() else None
