"""SE313 content.off_mix: a channel's posts stray from the content mix its plan gives it.

What was published carries no pillar, but the text analysis tells promotional posts apart, so
the audit compares their share with the share the plan gives its promotion and product pillars.
The calendar knows each post's pillar and holds every pillar to its share before a post is
scheduled (socialplan.publish.adaptation.pillars), with the same window and tolerance.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import ibis

from socialplan.activity.schema import account_id
from socialplan.i18n import N_
from socialplan.measure.cadence import ROW, brand_posts, until, within
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model.channels import Channel
from socialplan.strategy.model.vocab import SELF_PILLARS
from socialplan.strategy.networks import NETWORKS

#: How many percentage points above its planned share a pillar may go.
TOLERANCE = 10.0
#: Fewer posts than this in the window are too few to judge a mix by.
MIN_POSTS = 5
#: The window the mix is measured over: four weeks ending on the last day posted.
DAYS = 28


def planned_share(channel: Channel, kinds: frozenset[str] | None = None, name: str = "") -> float:
    """The percent of *channel*'s posts its plan gives the pillars of *kinds* (or named *name*).

    Measured against the channel's own total, so a mix that does not add up to 100 (SP704's
    finding) is still judged fairly; 0 where the plan has no shares.
    """
    total = sum(p.share for p in channel.pillars)
    if total <= 0:
        return 0.0
    wanted = name.strip().casefold()
    chosen = [
        p
        for p in channel.pillars
        if (kinds is not None and p.kind in kinds) or (wanted and p.name.casefold() == wanted)
    ]
    return sum(p.share for p in chosen) / total * 100


@register
class ContentOffMix(EvidenceRule):
    """A channel's share of promotional posts is well above what its pillars plan."""

    code = "SE313"
    name = "content.off_mix"
    title = N_("Posting off the content mix")
    mistakes = ("M12", "M15")
    severity = Severity.WARNING
    options = (
        Option(
            "tolerance",
            TOLERANCE,
            N_("How many percentage points above the planned share a channel may go."),
            minimum=0,
            maximum=100,
        ),
        Option(
            "min_posts",
            MIN_POSTS,
            N_("Fewer brand posts than this in the window are not judged."),
            minimum=1,
        ),
        Option(
            "days",
            DAYS,
            N_("How many days, up to the last one posted, the mix is measured over."),
            minimum=1,
        ),
        Option("examples", 5, N_("How many promotional posts a finding quotes."), minimum=1),
    )
    message = N_(
        "{promotional} of {total} brand posts on {network} {account} in the {days} days up to "
        "{last} ({percent}%) promote the brand; its pillars plan {planned}% of promotion and "
        "products"
    )
    fix = N_(
        "keep to the channel's content mix: give the extra posts to the pillars that help, teach "
        "or entertain, or change the shares in the plan if selling more is the intent"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Compare each planned mix with the share of promotional posts in the recent window."""
        posts = brand_posts(until(evidence.items, evidence.today))
        ends = {
            str(r["network"]): r["last"]
            for r in posts.group_by("network")
            .aggregate(last=posts.created_at.max())
            .to_pyarrow()
            .to_pylist()
        }
        on_network = Counter(c.network for c in evidence.strategy.channels)
        for index, channel in enumerate(evidence.strategy.channels):
            last = ends.get(channel.network)
            if not channel.pillars or not isinstance(last, dt.datetime):
                continue
            end = _next_midnight(last)
            start = end - dt.timedelta(days=self.settings["days"])
            mine = within(posts.filter(posts.network == channel.network), start, end)
            # With one channel on the network, every brand account there counts for it.
            if on_network[channel.network] > 1:
                mine = mine.filter(mine.account_id == account_id(channel.network, channel.account))
            selling = mine.promotional.fill_null(False)
            counted = (
                mine.aggregate(total=mine.count(), promotional=selling.ifelse(1, 0).sum())
                .to_pyarrow()
                .to_pylist()
            )
            total, promotional = int(counted[0]["total"]), int(counted[0]["promotional"] or 0)
            if total < self.settings["min_posts"]:
                continue
            planned = planned_share(channel, SELF_PILLARS)
            percent = 100 * promotional / total
            if percent <= planned + self.settings["tolerance"]:
                continue
            chosen = mine.filter(selling)
            rows = (
                chosen.select(*ROW)
                .order_by([ibis.desc("created_at"), "item_id"])
                .limit(self.settings["examples"])
                .to_pyarrow()
                .to_pylist()
            )
            yield self.found(
                ("channels", index, "pillars"),
                exhibits=[exhibit(r) for r in rows],
                promotional=promotional,
                total=total,
                network=NETWORKS[channel.network].label,
                account=channel.account,
                days=self.settings["days"],
                last=(end - dt.timedelta(days=1)).date().isoformat(),
                percent=round(percent),
                planned=f"{round(planned, 1):g}",
            )


def _next_midnight(at: dt.datetime) -> dt.datetime:
    """The start (UTC) of the day after *at*'s: the window ends with the last day posted."""
    day = (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone(dt.UTC).date()
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)
