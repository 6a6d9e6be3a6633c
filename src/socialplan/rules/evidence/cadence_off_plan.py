"""SE205 cadence.off_plan: the brand posts far less, or far more, than the channel plan says."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import ibis

from socialplan.i18n import N_
from socialplan.measure.cadence import ROW, brand_posts, until, within
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

HIGH_FIX = N_(
    "post what the plan says, or change the plan if the extra posts serve its goal; more "
    "posts than planned leave less time for answering people"
)


@register
class CadenceOffPlan(EvidenceRule):
    """Actual brand posts per week on a channel are far from the planned cadence."""

    code = "SE205"
    name = "cadence.off_plan"
    title = N_("Posting off plan")
    mistakes = ("M12",)
    severity = Severity.INFO
    options = (
        Option("weeks", 8, N_("How many recent weeks are compared with the plan."), minimum=1),
        Option(
            "low",
            0.5,
            N_("Posting below this share of the plan is reported (0-1)."),
            minimum=0,
            maximum=1,
        ),
        Option("high", 1.5, N_("Posting above this multiple of the plan is reported."), minimum=1),
        Option("examples", 5, N_("How many recent posts a finding quotes."), minimum=1),
    )
    message = N_(
        "brand posts a week on {network} in the {days} days up to {last}: {actual}; the plan "
        "says {planned}"
    )
    fix = N_(
        "give the channel the time its plan needs, or lower the planned cadence to what the "
        "team can keep up"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Compare each planned cadence with the posts of the recent weeks the store covers."""
        items = until(evidence.items, evidence.today)
        spans = (
            items.group_by("network")
            .aggregate(first=items.created_at.min(), last=items.created_at.max())
            .to_pyarrow()
            .to_pylist()
        )
        if not spans:
            return
        first = {str(r["network"]): _day(r["first"]) for r in spans}
        # The recent weeks end on the audit day, or on the last day the data covers.
        end = _day(max(r["last"] for r in spans)) + dt.timedelta(days=1)
        start = end - dt.timedelta(weeks=self.settings["weeks"])
        posts = within(brand_posts(items), start, end)
        counted = posts.group_by("network", "account_id").aggregate(n=posts.count())
        by_account = {
            (str(r["network"]), str(r["account_id"])): int(r["n"])
            for r in counted.to_pyarrow().to_pylist()
        }
        channels = Counter(c.network for c in evidence.strategy.channels)
        for index, channel in enumerate(evidence.strategy.channels):
            oldest = first.get(channel.network)
            if channel.cadence is None or not channel.cadence.per_day() or oldest is None:
                continue
            since = max(start, oldest)
            if end - since < dt.timedelta(weeks=1):
                continue
            account = f"{channel.network}:{channel.account.strip().lstrip('@').lower()}"
            # With one channel on the network, every brand account there counts for it.
            mine = [
                n
                for (net, acc), n in by_account.items()
                if net == channel.network and (channels[net] == 1 or acc == account)
            ]
            weeks = (end - since) / dt.timedelta(weeks=1)
            actual = sum(mine) / weeks
            planned = channel.cadence.per_day() * 7
            ratio = actual / planned
            if self.settings["low"] <= ratio <= self.settings["high"]:
                continue
            latest = posts.filter(posts.network == channel.network)
            if channels[channel.network] > 1:
                latest = latest.filter(latest.account_id == account)
            rows = (
                latest.select(*ROW)
                .order_by([ibis.desc("created_at"), "item_id"])
                .limit(self.settings["examples"])
                .to_pyarrow()
                .to_pylist()
            )
            yield self.found(
                ("channels", index, "cadence"),
                fix=HIGH_FIX if ratio > self.settings["high"] else None,
                exhibits=[exhibit(r) for r in rows],
                actual=f"{round(actual, 1):g}",
                network=NETWORKS[channel.network].label,
                days=(end - since).days,
                last=(end - dt.timedelta(days=1)).date().isoformat(),
                planned=f"{round(planned, 1):g}",
            )


def _day(at: object) -> dt.datetime:
    """The start (UTC midnight) of the day of the timestamp *at*."""
    if not isinstance(at, dt.datetime):
        raise TypeError(f"expected a timestamp, found {at!r}")
    return dt.datetime.combine(at.astimezone(dt.UTC).date(), dt.time(), dt.UTC)
