"""SP808 account.leaver_access: someone who left the organisation can still get into an account."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS

OWNER_LEFT = N_("{handle} on {network} is still owned by {person}, who left on {left}")
OWNER_FIX = N_("give {handle} a new owner, remove {person} from it and change its password")
LISTED_LEAVER = N_("{person} has left but can still get into {handle} on {network}")


@register
class AccountLeaverAccess(PlanRule):
    """An account still open to a person who has left."""

    code = "SP808"
    name = "account.leaver_access"
    title = N_("People who left still have access")
    mistakes = ("M19",)
    severity = Severity.ERROR
    message = N_("{person} left on {left} but still has access to {handle} on {network}")
    fix = N_("remove {person} from {handle} and change its password")

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each leaver once per account: as its owner, in its access, or in leavers."""
        team = strategy.team.people if strategy.team is not None else []
        # A leaving date in the future is a notice period: the person still works here.
        gone = {p.name.casefold(): p.left for p in team if p.left and p.left <= self.today}
        for index, account in enumerate(strategy.accounts or ()):
            where = {"handle": account.handle, "network": NETWORKS[account.network].label}
            seen: set[str] = set()
            # The owner first: a departed owner also leaves the account without anyone in charge.
            owner = (account.owner or "").casefold()
            if owner in gone:
                seen.add(owner)
                yield self.found(
                    ("accounts", index, "owner"),
                    OWNER_LEFT,
                    OWNER_FIX,
                    person=account.owner,
                    left=str(gone[owner]),
                    **where,  # type: ignore[arg-type]
                )
            for pos, person in enumerate(account.access):
                key = person.casefold()
                if key in gone and key not in seen:
                    seen.add(key)
                    yield self.found(
                        ("accounts", index, "access", pos),
                        person=person,
                        left=str(gone[key]),
                        **where,  # type: ignore[arg-type]
                    )
            for pos, person in enumerate(account.leavers):
                key = person.casefold()
                if key not in seen:
                    seen.add(key)
                    yield self.found(
                        ("accounts", index, "leavers", pos),
                        LISTED_LEAVER,
                        person=person,
                        **where,  # type: ignore[arg-type]
                    )
