"""SE202 cadence.bursts: many brand posts crammed into a short stretch of time."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.measure.cadence import at, bursts, until
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


@register
class PostingBursts(EvidenceRule):
    """More than a few brand posts on one network within any short sliding window."""

    code = "SE202"
    name = "cadence.bursts"
    title = N_("Bursts of posts")
    mistakes = ("M22", "M12")
    severity = Severity.INFO
    options = (
        Option(
            "burst_posts",
            5,
            N_("More posts than this within the window make a burst."),
            minimum=1,
        ),
        Option(
            "burst_minutes",
            60,
            N_("The length of the sliding window, in minutes."),
            minimum=1,
        ),
        Option(
            "examples", 5, N_("How many posts of the biggest burst a finding quotes."), minimum=1
        ),
    )
    message = N_(
        "bursts of more than {limit} posts within {minutes} minutes on {network}: {count}; "
        "the biggest had {posts} posts, from {start} to {end} UTC"
    )
    fix = N_(
        "spread the posts out with an editorial calendar: a steady rhythm reaches more people "
        "than a flood followed by silence"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Find each network's runs of crowded windows and quote the biggest one."""
        limit: int = self.settings["burst_posts"]
        minutes: int = self.settings["burst_minutes"]
        for network, found in bursts(until(evidence.items, evidence.today), limit, minutes).items():
            biggest = found[0]
            first, last = at(biggest.rows[0]), at(biggest.rows[-1])
            same_day = first.date() == last.date()
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(row) for row in biggest.rows[: self.settings["examples"]]],
                count=len(found),
                limit=limit,
                minutes=minutes,
                network=NETWORKS[network].label if network in NETWORKS else network,
                posts=biggest.posts,
                start=first.strftime("%Y-%m-%d %H:%M"),
                end=last.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M"),
            )
