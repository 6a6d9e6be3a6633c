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
from pydantic import ValidationError

from socialplan.i18n import Catalogue
from socialplan.publish.content import AccountInfo
from socialplan.publish.errors import PublishError
from socialplan.publish.networks import ADAPTERS, connect
from socialplan.publish.networks.base import CredentialStore
from socialplan.publish.secrets import Credentials
from socialplan.strategy.networks import network_label
from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.publishing.adapters import ChannelStore
from socialplan.web.calendar.publishing.problems import (
    CREDENTIALS_INVALID,
    NO_ADAPTER,
    NOT_CONNECTED,
    problem,
    render,
)
from socialplan.web.calendar.sealing import SealBroken, seal, unseal
from socialplan.web.workspaces.models import Workspace

#: Where adapters send their requests: the networks themselves, or a stand-in in tests.
TRANSPORT: httpx.BaseTransport | None = None


def plain_values(credentials: Credentials) -> dict[str, object]:
    """The credentials as the adapter reads them back, secrets included: only for sealing."""
    return credentials.stored()


def whose(
    network: str, stored: Mapping[str, object], store: CredentialStore | None = None
) -> tuple[AccountInfo, Credentials]:
    """The account *stored* credentials open on *network*, and the credentials as checking left
    them (a renewed token, a session, the server's limits); raises the adapter's PublishError.

    *store* keeps what the network renews at once, even should the check then fail.
    """
    with connect(network, stored, transport=TRANSPORT) as adapter:
        adapter.store = store
        return adapter.validate(), adapter.credentials


def save(workspace: Workspace, network: str, credentials: Credentials) -> Channel:
    """Check *credentials* with the network and keep them sealed on the account's channel."""
    account, checked = whose(network, plain_values(credentials))
    stored = plain_values(checked)
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
    channel.problem = _recheck_problem(channel)
    if channel.problem is None:
        channel.validated_at = timezone.now()
    channel.save(update_fields=["problem", "validated_at"])


def _recheck_problem(channel: Channel) -> dict[str, Any] | None:
    """What keeps the channel's saved credentials from opening its account; None if nothing."""
    label = network_label(channel.network)
    if channel.network not in ADAPTERS:
        return problem(NO_ADAPTER, network=label)
    if not channel.sealed_credentials:
        # Made without credentials (the demo's channels): nothing to open, nothing to ask.
        return problem(NOT_CONNECTED, network=label)
    try:
        whose(channel.network, unseal(channel.sealed_credentials), ChannelStore(channel))
    except PublishError as error:
        return problem_of(error)
    except SealBroken:
        return {"message": SEAL_BROKEN, "args": {}}
    except ValidationError:
        # Kept by an older version, or damaged: the values are secrets, so none is quoted.
        return problem(CREDENTIALS_INVALID, network=label)
    return None


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
    """A stored problem in the catalogue's language, its cause on the next line; "" if none."""
    return "\n".join(problem_lines(problem, cat))


def problem_lines(problem: object, cat: Catalogue) -> list[str]:
    """A stored problem and what caused it, one line each, in the catalogue's language."""
    if not problem:
        return []
    if not isinstance(problem, dict) or not isinstance(problem.get("message"), str):
        return [str(problem)]
    if problem["message"] == SEAL_BROKEN:
        return [_("The saved credentials cannot be opened with this server's key; connect again.")]
    if "args" not in problem and isinstance(problem.get("params"), dict):
        # Problems stored before they were kept as the publisher's: their values as "params".
        problem = {**problem, "args": problem["params"]}
    return render(problem, cat)
