"""SE208 audience.follower_spike: a jump in followers that brought no engagement with it."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterator

import ibis

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule, Exhibit, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

#: (day, followers, engagements) of one row of metrics.
Point = tuple[dt.date, int, int | None]
#: (day, followers before, followers after, gain per day, engagements) of one day's change.
Change = tuple[dt.date, int, int, float, int | None]


@register
class FollowerSpike(EvidenceRule):
    """Days with a follower jump far above usual while engagement stayed at its usual level."""

    code = "SE208"
    name = "audience.follower_spike"
    title = N_("Followers without engagement")
    mistakes = ("M14",)
    severity = Severity.WARNING
    options = (
        Option(
            "factor",
            5.0,
            N_("A day's gain above this multiple of the median daily gain is a spike."),
            minimum=1,
        ),
        Option(
            "min_gain",
            100,
            N_("Gains of this many followers or fewer are never a spike."),
            minimum=0,
        ),
        Option(
            "min_days",
            7,
            N_("Accounts with fewer days of follower figures are not judged."),
            minimum=2,
        ),
        Option("examples", 5, N_("How many spike days a finding quotes."), minimum=1),
    )
    message = N_(
        "{account} on {network} gained {gain} followers on {day}, against a usual {median} a "
        "day, while engagements stayed at {engagements} (usually {usual}); days like this: "
        "{count}"
    )
    fix = N_(
        "stop buying followers and follow-for-follow schemes; grow the audience with content "
        "and conversations for the plan's personas, and judge growth by engagement"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Compare each account's daily follower gains and engagements with their medians."""
        metrics = evidence.table("metrics")
        metrics = metrics.filter(
            metrics.followers.notnull() & (metrics.day <= ibis.literal(evidence.today))
        )
        rows = (
            metrics.select("account_id", "network", "day", "followers", "engagements")
            .order_by("account_id", "day")
            .to_pyarrow()
            .to_pylist()
        )
        series: dict[tuple[str, str], list[Point]] = {}
        for row in rows:
            point = (row["day"], int(row["followers"]), row["engagements"])
            series.setdefault((str(row["network"]), str(row["account_id"])), []).append(point)
        for (network, account), days in sorted(series.items()):
            changes = _changes(days)
            if len(changes) < self.settings["min_days"] - 1:
                continue
            usual_gain = statistics.median(c[3] for c in changes)
            known = [p[2] for p in days if p[2] is not None]
            if not known:
                continue
            usual = statistics.median(known)
            spikes = [
                c for c in changes
                if c[3] > self.settings["factor"] * usual_gain and c[3] > self.settings["min_gain"]
                and c[4] is not None and c[4] <= usual
            ]  # fmt: skip
            if not spikes:
                continue
            spikes.sort(key=lambda c: (-c[3], c[0]))
            day, _, _, gain, engagements = spikes[0]
            handle = account.split(":", 1)[-1]
            index = evidence.channel_index(network, handle)
            if index is None:
                index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[
                    _exhibit(network, account, c) for c in spikes[: self.settings["examples"]]
                ],
                account=handle,
                network=NETWORKS[network].label if network in NETWORKS else network,
                gain=f"{gain:.0f}",
                day=day.isoformat(),
                median=f"{round(usual_gain, 1):g}",
                engagements=engagements,
                usual=f"{round(usual, 1):g}",
                count=len(spikes),
            )


def _changes(days: list[Point]) -> list[Change]:
    """Each day's follower change per day since the previous figure, with its engagements."""
    return [
        (end, old, new, (new - old) / max((end - start).days, 1), engagements)
        for (start, old, _), (end, new, engagements) in itertools.pairwise(days)
    ]


def _exhibit(network: str, account: str, change: Change) -> Exhibit:
    """The figures of one spike day: followers before and after, and the change."""
    day, old, new, _, _ = change
    return Exhibit(
        account_id=account,
        at=dt.datetime.combine(day, dt.time(), dt.UTC),
        excerpt=f"{old} → {new} (+{new - old})",
        network=network,
    )
