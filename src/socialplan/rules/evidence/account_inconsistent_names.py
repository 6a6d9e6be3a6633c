"""SE210 account.inconsistent_names: brand accounts named differently, or with no bio."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.audit import Evidence
from socialplan.rules.base import EvidenceRule, Exhibit, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS

NO_BIO = N_("the brand account {handle} on {network} has no bio")
NO_BIO_FIX = N_(
    "write a short bio for {handle}: who the brand is, what the account is for and how to "
    "reach a person"
)


def same_name(name: str) -> str:
    """*name* without case, spaces, punctuation or symbols, for comparing spellings."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNM")


@register
class InconsistentNames(EvidenceRule):
    """The brand's accounts go by different names across networks, or lack a bio."""

    code = "SE210"
    name = "account.inconsistent_names"
    title = N_("Inconsistent profiles")
    mistakes = ("M30",)
    severity = Severity.INFO
    options = (
        Option(
            "unknown_bio",
            False,
            N_("Also report accounts whose export carried no bio at all, not only an empty one."),
        ),
        Option("examples", 5, N_("How many accounts a finding about names quotes."), minimum=1),
    )
    message = N_("the brand's accounts go by {count} different names: {names}")
    fix = N_(
        "use one name, one picture and one description of the brand on every network, so "
        "people know they found the real account"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Compare the display names of brand accounts, then look for empty bios."""
        items = evidence.items
        authors = items.filter(items.author_kind == "brand").select(seen=items.account_id)
        authors = authors.distinct()
        accounts = evidence.table("accounts")
        joined = accounts.left_join(authors, accounts.account_id == authors.seen)
        brand = joined.filter(joined.is_brand.fill_null(False) | joined.seen.notnull())
        rows = sorted(
            brand.select("account_id", "network", "handle", "display_name", "bio")
            .distinct()
            .to_pyarrow()
            .to_pylist(),
            key=lambda r: str(r["account_id"]),
        )
        named = [r for r in rows if same_name(str(r["display_name"] or ""))]
        if len({same_name(str(r["display_name"])) for r in named}) > 1:
            yield self.found(
                (),
                exhibits=[
                    Exhibit(
                        account_id=str(r["account_id"]),
                        network=str(r["network"]),
                        excerpt=str(r["display_name"]),
                    )
                    for r in named[: self.settings["examples"]]
                ],
                count=len({same_name(str(r["display_name"])) for r in named}),
                names=", ".join(f"{r['display_name']} ({self._label(r)})" for r in named),
            )
        for row in rows:
            bio = row["bio"]
            if (bio is None and not self.settings["unknown_bio"]) or str(bio or "").strip():
                continue
            network, handle = str(row["network"]), str(row["handle"])
            index = evidence.channel_index(network, handle)
            yield self.found(
                ("channels", index) if index is not None else (),
                NO_BIO,
                NO_BIO_FIX,
                exhibits=[Exhibit(account_id=str(row["account_id"]), network=network)],
                handle=handle,
                network=self._label(row),
            )

    @staticmethod
    def _label(row: dict[str, object]) -> str:
        """The display name of the row's network."""
        network = str(row["network"])
        return NETWORKS[network].label if network in NETWORKS else network
