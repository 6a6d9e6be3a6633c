"""SE209 registry.unregistered_account: a brand account in the data the registry does not list."""

from __future__ import annotations

from collections.abc import Iterator

import ibis

from socialplan.i18n import N_
from socialplan.measure.cadence import ROW
from socialplan.rules.audit import Evidence, exhibit
from socialplan.rules.base import EvidenceRule, Exhibit, Option, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.networks import NETWORKS


def same_handle(handle: str) -> str:
    """*handle* in the form two spellings of one account share: no leading @, any case."""
    return handle.strip().lstrip("@").casefold()


@register
class UnregisteredAccount(EvidenceRule):
    """The brand runs an account, as the data shows, that its account registry leaves out."""

    code = "SE209"
    name = "registry.unregistered_account"
    title = N_("Brand account missing from the registry")
    mistakes = ("M19",)
    severity = Severity.WARNING
    options = (
        Option("examples", 5, N_("How many of the account's items a finding quotes."), minimum=1),
    )
    message = N_(
        "the brand account {handle} on {network} is in the activity data but not in the "
        "account registry"
    )
    fix = N_(
        "add {handle} on {network} to accounts with its owner and who has access, or close it "
        "if nobody should run it"
    )

    def check(self, evidence: Evidence) -> Iterator[Violation]:
        """Match every brand account of the store against the registry."""
        # No registry, or an empty one, is the plan rule registry.missing's finding.
        if not evidence.strategy.accounts:
            return
        known = {(a.network, same_handle(a.handle)) for a in evidence.strategy.accounts}
        found: dict[str, tuple[str, str]] = {}
        accounts = evidence.table("accounts")
        listed = accounts.filter(accounts.is_brand.fill_null(False))
        for row in listed.select("account_id", "network", "handle").to_pyarrow().to_pylist():
            found[str(row["account_id"])] = (str(row["network"]), str(row["handle"]))
        items = evidence.items
        brand = items.filter(items.author_kind == "brand")
        authors = brand.select("account_id", "network").distinct().to_pyarrow().to_pylist()
        for row in authors:
            account = str(row["account_id"])
            found.setdefault(account, (str(row["network"]), account.split(":", 1)[-1]))
        for account, (network, handle) in sorted(found.items()):
            if (network, same_handle(handle)) in known:
                continue
            quoted = (
                brand.filter(brand.account_id == account)
                .select(*ROW)
                .order_by([ibis.desc("created_at"), "item_id"])
                .limit(self.settings["examples"])
                .to_pyarrow()
                .to_pylist()
            )
            exhibits = [exhibit(r) for r in quoted] or [
                Exhibit(account_id=account, network=network)
            ]
            yield self.found(
                ("accounts",),
                exhibits=exhibits,
                handle=handle,
                network=NETWORKS[network].label if network in NETWORKS else network,
            )
