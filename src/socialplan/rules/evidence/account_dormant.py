"""SE204 account.dormant: a network the brand stopped posting on, or never started on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import ibis

from socialplan.i18n import N_
from socialplan.measure.cadence import ROW, brand_posts, posts_on, until
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

NEVER = N_(
    "the brand has never posted on {network}, though its audience writes there (audience "
    "items: {count})"
)
NEVER_FIX = N_(
    "start the channel the plan promises: give it an owner, plan its first month of posts and "
    "answer the people already there"
)


@register
class DormantAccount(EvidenceRule):
    """The brand posted on a network once but not lately, or never on a planned one."""

    code = "SE204"
    name = "account.dormant"
    title = N_("Abandoned account")
    mistakes = ("M12", "M30")
    severity = Severity.WARNING
    options = (
        Option(
            "dormant_days",
            60,
            N_("Days without a brand post after which an account counts as abandoned."),
            minimum=1,
        ),
        Option(
            "examples",
            5,
            N_("How many audience items a finding about a silent channel quotes."),
            minimum=1,
        ),
    )
    message = N_("the brand last posted on {network} on {day}, {days} days ago")
    fix = N_(
        "post again on {network} with a plan and an owner, or close the account and tell its "
        "followers where to find the brand"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Report networks whose last brand post is too old, then planned ones never used."""
        posts = brand_posts(until(evidence.items, evidence.today))
        last = {
            str(r["network"]): r["last"]
            for r in posts.group_by("network")
            .aggregate(last=posts.created_at.max())
            .to_pyarrow()
            .to_pylist()
        }
        for network, when in sorted(last.items()):
            assert isinstance(when, dt.datetime)
            days = (evidence.today - when.date()).days
            if days <= self.settings["dormant_days"]:
                continue
            rows = posts_on(evidence.items, network, [when.date()])
            yield self.found(
                self._path(evidence, network),
                exhibits=[exhibit(rows[-1])] if rows else [],
                network=self._label(network),
                day=when.date().isoformat(),
                days=days,
            )
        yield from self._never_posted(
            evidence, {c.network for c in evidence.strategy.channels} - set(last)
        )

    def _never_posted(self, evidence: Evidence, networks: set[str]) -> Iterator[Violation]:
        """Planned networks where the audience wrote but the brand never posted."""
        if not networks:
            return
        items = until(evidence.items, evidence.today)
        audience = items.filter(
            (items.author_kind == "audience") & items.network.isin(sorted(networks))
        )
        counts = audience.group_by("network").aggregate(n=audience.count()).to_pyarrow()
        for row in sorted(counts.to_pylist(), key=lambda r: str(r["network"])):
            network = str(row["network"])
            latest = (
                audience.filter(audience.network == network)
                .select(*ROW)
                .order_by([ibis.desc("created_at"), "item_id"])
                .limit(self.settings["examples"])
                .to_pyarrow()
                .to_pylist()
            )
            yield self.found(
                self._path(evidence, network),
                NEVER,
                NEVER_FIX,
                exhibits=[exhibit(r) for r in latest],
                count=int(row["n"]),
                network=self._label(network),
            )

    @staticmethod
    def _path(evidence: Evidence, network: str) -> tuple[str | int, ...]:
        """The channel of *network* in the plan, else the top of the document."""
        index = evidence.channel_index(network)
        return ("channels", index) if index is not None else ()

    @staticmethod
    def _label(network: str) -> str:
        """The network's display name."""
        return NETWORKS[network].label if network in NETWORKS else network
