"""Running evidence rules: what a rule reads, and the audit of a store against a strategy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import ibis
import ibis.expr.types as ir

from socialplan.measure.cadence import ROW, Row
from socialplan.measure.response import ResponseReport, response_report
from socialplan.rules.base import EvidenceRule, Exhibit, Rule, Severity
from socialplan.rules.engine import CheckResult, configured, to_finding
from socialplan.rules.finding import Finding
from socialplan.rules.selection import Selection
from socialplan.strategy.load import LoadedStrategy
from socialplan.strategy.model import Strategy

#: Excerpts in findings and reports are short: enough to recognise the post, no more.
EXCERPT = 140


@dataclass
class Evidence:
    """What an evidence rule reads: the store's tables on one backend, the strategy, the day."""

    con: ibis.BaseBackend
    strategy: Strategy
    today: dt.date = field(default_factory=dt.date.today)

    def table(self, name: str) -> ir.Table:
        """A table of the store: accounts, items, metrics, moderation or signals."""
        return self.con.table(name)

    @cached_property
    def items(self) -> ir.Table:
        """Items with their text signals (language, question, sentiment, ...) joined in.

        The join is computed once and kept on the engine (a temporary table, or a cached frame
        on Spark): every rule reads it, most of them several times, and joining the store's
        files again for each query was most of an audit's time.
        """
        items = self.table("items")
        signals = self.table("signals").drop("batch_id").rename(detected_language="language")
        joined = items.left_join(signals, items.content_hash == signals.content_hash)
        # view() makes this evidence's cache its own: Ibis shares a cache between equal
        # expressions, and another Evidence on the same connection may see other data.
        return joined.drop("content_hash_right").view().cache()

    @cached_property
    def responses(self) -> ResponseReport:
        """Reply rates and first-response times per network, up to the end of the audited day."""
        return response_report(self.items, self.now)

    @cached_property
    def now(self) -> dt.datetime:
        """The end of the audited day, in UTC."""
        return dt.datetime.combine(self.today, dt.time.max, tzinfo=dt.UTC)

    def channel_index(self, network: str, account: str | None = None) -> int | None:
        """The index of the strategy's channel on *network* (and account), for finding paths."""
        norm = (account or "").lstrip("@").lower()
        for index, channel in enumerate(self.strategy.channels):
            if channel.network == network and (
                account is None or channel.account.lstrip("@").lower() == norm
            ):
                return index
        return None


def exhibit(row: dict[str, object]) -> Exhibit:
    """An exhibit from an item row (item_id, account_id, created_at, text, network)."""
    text = str(row.get("text") or "").replace("\n", " ").strip()
    if len(text) > EXCERPT:
        text = text[: EXCERPT - 1] + "…"
    at = row.get("created_at")
    return Exhibit(
        item_id=str(row["item_id"]) if row.get("item_id") else None,
        account_id=str(row["account_id"]) if row.get("account_id") else None,
        # Engines that drop the zone (Spark) still hold UTC, which is what the store writes.
        at=(at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
        if isinstance(at, dt.datetime)
        else None,
        excerpt=text,
        network=str(row["network"]) if row.get("network") else None,
    )


def first_rows(table: ir.Table, limit: int, *, newest: bool = False) -> dict[str, list[Row]]:
    """The first *limit* items of *table* on each network, oldest first or newest first.

    The rows hold the columns an exhibit quotes. One query ranks the items of every network: a
    query per network cost as much as a scan of the whole table each.
    """
    order = [ibis.desc("created_at") if newest else ibis.asc("created_at"), ibis.asc("item_id")]
    ranked = table.mutate(quote_rank=ibis.row_number().over(group_by="network", order_by=order))
    chosen = ranked.filter(ranked.quote_rank < limit).select(*ROW)
    found: dict[str, list[Row]] = {}
    for row in chosen.order_by(["network", *order]).to_pyarrow().to_pylist():
        found.setdefault(str(row["network"]), []).append(row)
    return found


def run_audit(
    loaded: LoadedStrategy,
    evidence: Evidence,
    rules: Sequence[EvidenceRule],
    selection: Selection,
) -> CheckResult:
    """Every evidence rule over *evidence*; findings placed in the strategy where they belong."""
    findings: list[Finding] = []
    for rule in rules:
        rule_type: type[Rule] = type(rule)
        severity: Severity = selection.severity_of(rule_type)
        findings.extend(
            to_finding(rule_type, violation, loaded, severity) for violation in rule.check(evidence)
        )
    return CheckResult(loaded.file, tuple(sorted(findings, key=Finding.sort_key)), 0)


def instantiate_evidence(
    rules: Sequence[type[Rule]],
    settings: Mapping[str, Mapping[str, object]],
    today: dt.date | None,
) -> list[EvidenceRule]:
    """The evidence rules among *rules*, with their options."""
    return configured(rules, settings, EvidenceRule, today)  # type: ignore[type-abstract]
