"""SE308 links.untracked: links in brand posts that analytics cannot attribute to social."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from socialplan.i18n import N_
from socialplan.measure.cadence import Row
from socialplan.rules.audit import Evidence, exhibit, first_rows
from socialplan.rules.base import EvidenceRule, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS

#: Short links hide their target's parameters; whether they are tracked cannot be seen.
SHORTENERS = frozenset(
    {
        "bit.ly",
        "t.co",
        "lnkd.in",
        "ow.ly",
        "buff.ly",
        "tinyurl.com",
        "goo.gl",
        "rebrand.ly",
        "t.ly",
        "is.gd",
        "fb.me",
        "youtu.be",
    }
)


def host(url: str) -> str:
    """The host of *url* in lower case without ``www.``; a bare domain counts as a host."""
    parts = urlsplit(url.strip() if "//" in url else "//" + url.strip())
    name = (parts.hostname or "").lower()
    return name.removeprefix("www.")


def own_hosts(strategy: Strategy) -> set[str]:
    """The hosts of the brand's site and landing pages that the strategy names."""
    named = []
    if strategy.organisation and strategy.organisation.website:
        named.append(strategy.organisation.website)
    if strategy.integration:
        named += [strategy.integration.website or ""]
        named += [page.url for page in strategy.integration.landing_pages]
    return {h for h in map(host, named) if h}


def tracked(url: str) -> bool:
    """True when *url* carries at least one ``utm_`` parameter."""
    query = urlsplit(url.strip()).query
    return any(k.lower().startswith("utm_") for k, _ in parse_qsl(query, keep_blank_values=True))


@register
class Untracked(EvidenceRule):
    """Too many links from brand posts to the brand's site carry no UTM parameters."""

    code = "SE308"
    name = "links.untracked"
    title = N_("Links without tracking")
    mistakes = ("M24",)
    severity = Severity.WARNING
    options = (
        Option(
            "max_share",
            0.2,
            N_("The highest acceptable share of untracked links (0-1)."),
            minimum=0,
            maximum=1,
        ),
        Option("min_links", 5, N_("Fewer links than this on a network are not judged."), minimum=1),
        Option("examples", 5, N_("How many posts a finding quotes."), minimum=1),
    )
    message = N_(
        "{untracked} of {total} links in brand posts on {network} ({percent}%) carry "
        "no UTM parameters"
    )
    fix = N_(
        "add utm_source, utm_medium and utm_campaign to every link to your site, so the "
        "analytics show which posts bring visits and sales"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Parse each distinct link of brand posts once; compare each network's untracked share."""
        ours = own_hosts(evidence.strategy)
        items = evidence.items
        posts = items.filter((items.author_kind == "brand") & (items.kind == "post"))
        links = posts.select("item_id", "network", link=posts.links.unnest())
        # Posts repeat few links: the engine counts each distinct one, Python parses it once.
        uses = links.group_by("network", "link").aggregate(n=links.count())
        counts: dict[str, list[int]] = {}
        culprits: dict[str, list[str]] = {}
        for row in uses.to_pyarrow().to_pylist():
            network, link = str(row["network"]), str(row["link"])
            name = host(link)
            if not name or name in SHORTENERS:
                continue
            if ours and not any(name == h or name.endswith("." + h) for h in ours):
                continue
            count = counts.setdefault(network, [0, 0])
            count[0] += int(row["n"])
            if not tracked(link):
                count[1] += int(row["n"])
                culprits.setdefault(network, []).append(link)
        failing = {
            network: (total, untracked)
            for network, (total, untracked) in counts.items()
            if total >= self.settings["min_links"]
            and untracked / total > self.settings["max_share"]
        }
        if not failing:
            return
        quoted = self._quoted(posts, links, {n: culprits[n] for n in failing})
        for network, (total, untracked) in sorted(failing.items()):
            index = evidence.channel_index(network)
            yield self.found(
                ("channels", index) if index is not None else (),
                exhibits=[exhibit(r) for r in quoted.get(network, [])],
                untracked=untracked,
                total=total,
                percent=round(100 * untracked / total),
                network=NETWORKS[network].label if network in NETWORKS else network,
            )

    def _quoted(
        self, posts: ir.Table, links: ir.Table, culprits: dict[str, list[str]]
    ) -> dict[str, list[Row]]:
        """Per network, the earliest posts with one of its untracked links."""
        wanted = ibis.memtable(
            pa.table(
                {
                    "network": [n for n, found in culprits.items() for _ in found],
                    "link": [link for found in culprits.values() for link in found],
                }
            )
        )
        hits = links.join(wanted, ["network", "link"]).select("item_id")
        chosen = posts.filter(posts.item_id.isin(hits.item_id))
        return first_rows(chosen, self.settings["examples"])
