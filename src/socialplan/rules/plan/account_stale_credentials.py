"""SP807 account.stale_credentials: an account's password has not been changed for too long."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation, key_path
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.networks import NETWORKS

NEVER = N_("no change of credentials is recorded for {handle} on {network}")
NEVER_FIX = N_("change the password of {handle} now and record the date as credentials_rotated")


@register
class AccountStaleCredentials(PlanRule):
    """A registry account whose credentials were never or too long ago rotated."""

    code = "SP807"
    name = "account.stale_credentials"
    title = N_("Credentials not rotated")
    mistakes = ("M19",)
    severity = Severity.WARNING
    options = (
        Option(
            "max_age_days",
            90,
            N_(
                "Days a password may stay unchanged when the policy sets no "
                "credential_rotation_days."
            ),
            minimum=1,
        ),
    )
    message = N_(
        "the credentials of {handle} on {network} were last changed {days} days ago; "
        "the limit is {limit}"
    )
    fix = N_(
        "change the password of {handle} and update credentials_rotated; repeat at least "
        "every {limit} days"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Compare each account's last rotation with the policy's or the option's limit."""
        limit: int = self.settings["max_age_days"]
        # The document's own policy is the rule the team agreed to; the option is a fallback.
        if strategy.policy is not None and strategy.policy.credential_rotation_days:
            limit = strategy.policy.credential_rotation_days
        for index, account in enumerate(strategy.accounts or ()):
            network = NETWORKS[account.network].label
            rotated = account.credentials_rotated
            if rotated is None:
                yield self.found(
                    key_path(("accounts", index), account, "credentials_rotated"),
                    NEVER,
                    NEVER_FIX,
                    handle=account.handle,
                    network=network,
                )
                continue
            days = (self.today - rotated).days
            if days > limit:
                yield self.found(
                    ("accounts", index, "credentials_rotated"),
                    handle=account.handle,
                    network=network,
                    days=days,
                    limit=limit,
                )
