"""What can go wrong when talking to a network, sorted by what the publisher may do next.

The class of an error is the whole retry policy: a :class:`PermanentError` is never retried, a
:class:`RetryableError` certainly published nothing and may be tried again later, and an
:class:`UnknownOutcome` may have published the post, so it is never sent again blindly: the
publisher reconciles it by reading back from the network first.
"""

from __future__ import annotations

from typing import Any

from socialplan.i18n import N_, Catalogue

UNREACHABLE = N_(
    "{network} could not be reached ({reason}), so nothing was sent; it will be tried again"
)
SLOW = N_("{network} did not answer in time ({reason}); it will be tried again")
BUSY = N_("{network} is busy or limiting requests ({status}); it will be tried again")
NO_ANSWER = N_(
    "{network} did not answer in time ({reason}); the post may or may not be published, so it "
    "is checked on {network} before anything is sent again"
)
SERVER_FAILED = N_(
    "{network} failed while handling the post ({status}); it may or may not be published, so it "
    "is checked on {network} before anything is sent again"
)
ANSWER_SHAPE = N_(
    "{network} answered in a form socialplan does not understand ({reason}); the post is checked "
    "on {network} before anything is sent again"
)
AUTH_FAILED = N_(
    "{network} did not accept the account's credentials ({detail}); connect the account again"
)
REFUSED = N_("{network} refused the post ({status}): {detail}")
NOT_FOUND = N_("{network} has no such post or account ({detail})")
FAILED = N_("{network} refused the request ({status}): {detail}")
CANNOT_SEND = N_("the request to {network} cannot be sent: {detail}")
KEY_TAKEN = N_(
    "another post on {network} already uses this post's key; nothing was published over it"
)


class PublishError(Exception):
    """A failed step of publishing, with a message to translate and the network's own words."""

    def __init__(
        self, message: str, /, *, status: int | None = None, code: str = "", **params: object
    ) -> None:
        self.message = message
        self.params: dict[str, Any] = params
        #: The HTTP status the network answered, where it answered at all.
        self.status = status
        #: The network's own name for the error (``ExpiredToken``), for adapters to refine on.
        self.code = code
        super().__init__(self.render())

    def render(self, cat: Catalogue | None = None) -> str:
        """The message in the catalogue's language (English without one)."""
        params = {"status": self.status, **self.params}
        if cat is None:
            return self.message.format(**params)
        return cat.format(self.message, **params)


class PermanentError(PublishError):
    """The network refused for good: sending the same request again cannot help."""


class AuthError(PermanentError):
    """The credentials are wrong, expired or revoked: someone must connect the account again."""


class RejectedError(PermanentError):
    """The network refuses this content (too long, an image it will not take)."""


class NotFoundError(PermanentError):
    """The post or account asked for does not exist (any more)."""


class RetryableError(PublishError):
    """Certainly nothing was published: the same request may be sent again after a pause."""

    def __init__(
        self,
        message: str,
        /,
        *,
        retry_after: float | None = None,
        status: int | None = None,
        code: str = "",
        **params: object,
    ) -> None:
        #: Seconds the network asked us to wait, where it said.
        self.retry_after = retry_after
        super().__init__(message, status=status, code=code, **params)


class UnknownOutcome(PublishError):
    """The request may have reached the network: never resend it, reconcile by reading back."""


class AnswerShapeError(UnknownOutcome):
    """The network answered something we cannot read; whether it acted is unknown."""
