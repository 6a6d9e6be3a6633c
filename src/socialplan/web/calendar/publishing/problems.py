"""What went wrong with a delivery or a channel, kept as JSON: a message id and its values.

Each reader sees the problem in their own language: ``render(problem, catalogue(lang))``. The
messages are the library's (``socialplan.publish.errors``) or the publisher's own below, all
marked with ``N_`` and translated in the library's catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from socialplan.i18n import N_, Catalogue
from socialplan.publish.errors import PublishError, RejectedError
from socialplan.publish.secrets import redact

NEEDS_PERSON = N_(
    "{network} cannot tell whether the post was published, and sending it again could publish "
    "it twice: look at the account, then mark the post as published or as not published"
)
WORKER_STOPPED = N_(
    "the worker publishing this post stopped before {network} answered; the post may or may not "
    "be published, so it is checked on {network} before anything is sent again"
)
UNEXPECTED = N_(
    "publishing to {network} failed unexpectedly ({reason}); the post may or may not be "
    "published, so it is checked on {network} before anything is sent again"
)
GAVE_UP = N_("publishing to {network} stopped after {attempts} attempts")
NOT_FOUND_GAVE_UP = N_("the post is not on {network} after {attempts} attempts; publishing stopped")
CREDENTIALS_UNREADABLE = N_(
    "the stored credentials of this {network} account cannot be opened with this server's key; "
    "connect the account again"
)
CREDENTIALS_INVALID = N_(
    "the stored credentials of this {network} account are incomplete or malformed; connect the "
    "account again"
)
NO_ADAPTER = N_("socialplan cannot publish to {network}")
#: A channel made without credentials (the demo's): it stays passed over until connected.
NOT_CONNECTED = N_(
    "this is a demo account without credentials: connect the {network} account to publish"
)

Problem = dict[str, Any]
_SCALARS = (str, int, float, bool, type(None))


def problem(message: str, cause: Problem | None = None, **args: object) -> Problem:
    """A problem with *message* and its values; *cause* is what led to it, shown after it."""
    data: Problem = {"message": message, "args": _plain(args, [])}
    if cause is not None:
        data["cause"] = cause
    return data


#: Kept as the problem's ``about`` when the network refused the post itself (its text, its
#: images): sending the same post again cannot mend that, only changing it can.
CONTENT = "content"


def from_error(error: PublishError, secrets: Iterable[str] = ()) -> Problem:
    """The problem a library error describes; any secret in the network's words is masked."""
    args = {"status": error.status, **error.params}
    data: Problem = {"message": error.message, "args": _plain(args, list(secrets))}
    if isinstance(error, RejectedError):
        data["about"] = CONTENT
    return data


def about_content(data: object) -> bool:
    """Whether the problem is the post itself, refused by the network as it is."""
    return isinstance(data, Mapping) and data.get("about") == CONTENT


def render(data: object, cat: Catalogue) -> list[str]:
    """The problem's lines in the catalogue's language (its cause on the next); [] if none."""
    if not isinstance(data, Mapping) or not isinstance(data.get("message"), str):
        return []
    args = data.get("args")
    values = {str(k): v for k, v in args.items()} if isinstance(args, Mapping) else {}
    try:
        line = cat.format(data["message"], **values)
    except (KeyError, IndexError, ValueError):
        # A message whose values were stored by another version: show it without them.
        line = cat.gettext(data["message"])
    return [line, *render(data.get("cause"), cat)]


def _plain(args: Mapping[str, object], secrets: list[str]) -> dict[str, object]:
    """Values as JSON scalars (the catalogue shows them as text anyway), secrets masked."""
    plain: dict[str, object] = {}
    for key, value in args.items():
        if isinstance(value, str):
            plain[key] = redact(value, secrets)
        elif isinstance(value, _SCALARS):
            plain[key] = value
        else:
            plain[key] = redact(str(value), secrets)
    return plain
