"""Connecting an account: its credentials are checked with the network, then sealed for good.

Nothing here shows or logs a credential: the adapters mask every secret in their messages,
and the plain values exist only on their way into :func:`seal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import SecretStr

from socialplan.i18n import Catalogue
from socialplan.publish.content import AccountInfo
from socialplan.publish.errors import PublishError
from socialplan.publish.networks import connect
from socialplan.publish.secrets import Credentials
from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.sealing import SealBroken, seal, unseal
from socialplan.web.workspaces.models import Workspace

#: Where adapters send their requests: the networks themselves, or a stand-in in tests.
TRANSPORT: httpx.BaseTransport | None = None


def plain_values(credentials: Credentials) -> dict[str, object]:
    """The credentials as the adapter reads them back, secrets included: only for sealing."""
    return {
        name: value.get_secret_value() if isinstance(value, SecretStr) else value
        for name, value in credentials
    }


def whose(network: str, stored: Mapping[str, object]) -> AccountInfo:
    """The account *stored* credentials open on *network*; raises the adapter's PublishError."""
    with connect(network, stored, transport=TRANSPORT) as adapter:
        return adapter.validate()


def save(workspace: Workspace, network: str, credentials: Credentials) -> Channel:
    """Check *credentials* with the network and keep them sealed on the account's channel."""
    stored = plain_values(credentials)
    account = whose(network, stored)
    channel, _new = Channel.objects.update_or_create(
        workspace=workspace,
        network=network,
        handle=account.handle,
        defaults={
            "sealed_credentials": seal(stored),
            "validated_at": timezone.now(),
            "problem": None,
        },
    )
    return channel


def recheck(channel: Channel) -> None:
    """Ask the network again whether the channel's credentials still open its account."""
    try:
        whose(channel.network, unseal(channel.sealed_credentials))
    except PublishError as error:
        channel.problem = problem_of(error)
    except SealBroken:
        channel.problem = {"message": SEAL_BROKEN, "args": {}}
    else:
        channel.problem = None
        channel.validated_at = timezone.now()
    channel.save(update_fields=["problem", "validated_at"])


#: The problem of credentials sealed with another key than this server's.
SEAL_BROKEN = "seal-broken"


def problem_of(error: PublishError) -> dict[str, Any]:
    """A library error as JSON: its message id and values, to be shown in each reader's language."""
    params = {"status": error.status, **error.params}
    return {
        "message": error.message,
        "args": {
            k: v if isinstance(v, str | int | float | None) else str(v) for k, v in params.items()
        },
    }


def show_problem(problem: object, cat: Catalogue) -> str:
    """A stored problem in the catalogue's language; empty where there is none."""
    if not problem:
        return ""
    if not isinstance(problem, dict) or not isinstance(problem.get("message"), str):
        return str(problem)
    if problem["message"] == SEAL_BROKEN:
        return _("The saved credentials cannot be opened with this server's key; connect again.")
    args = problem.get("args") or problem.get("params") or {}
    try:
        return cat.format(problem["message"], **(args if isinstance(args, dict) else {}))
    except (KeyError, IndexError, ValueError):
        return str(problem["message"])
