"""The contract every network adapter keeps; the publisher knows nothing else of a network."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import ClassVar, Generic, Protocol, TypeVar, cast

import httpx
from pydantic import ValidationError

from socialplan.publish.capabilities import Capabilities
from socialplan.publish.checks import check
from socialplan.publish.content import AccountInfo, IdempotencyKey, Outgoing, Published
from socialplan.publish.errors import RetryableError, UnknownOutcome
from socialplan.publish.secrets import Credentials

C = TypeVar("C", bound=Credentials)


class CredentialStore(Protocol):
    """Where an account's credentials are kept, for those the network renews on the way.

    X rotates its refresh token on every renewal and Bluesky's sessions outlive a worker, so
    what an adapter learns must be kept at once, and what another worker learnt be read back.
    """

    def load(self) -> Mapping[str, object] | None:
        """The credentials as kept now (another worker may have renewed them); None if gone."""

    def save(self, credentials: Credentials) -> None:
        """Keep *credentials* in place of the kept ones."""


class Adapter(ABC, Generic[C]):
    """One account on one network: validate it, publish, read back, find by key, delete.

    Every method raises only :class:`~socialplan.publish.errors.PublishError` subclasses, whose
    class tells the publisher whether it may retry, must reconcile, or must stop.
    """

    #: The network's id in ``socialplan.strategy.networks.NETWORKS``.
    network: ClassVar[str]
    capabilities: ClassVar[Capabilities]
    #: The credentials model this network needs; the registry builds it from stored values.
    credentials_type: ClassVar[type[Credentials]]

    def __init__(self, credentials: C, *, transport: httpx.BaseTransport | None = None) -> None:
        self.credentials = credentials
        #: Where requests go instead of the network, in tests.
        self.transport = transport
        #: Where renewed credentials are kept; without one they live as long as the adapter.
        self.store: CredentialStore | None = None

    @classmethod
    def own_max_length(cls, credentials: Credentials) -> int | None:
        """The longest text the account's own server takes, where it sets one (Mastodon)."""
        return None

    @classmethod
    def capabilities_for(cls, credentials: Credentials) -> Capabilities:
        """What the account's network (and its own server, where it says) accepts."""
        return cls.capabilities

    @abstractmethod
    def validate(self) -> AccountInfo:
        """Check the credentials against the network and say whose account they open."""

    @abstractmethod
    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Publish *post* once; the same *key* on a network that honours it cannot post twice.

        A post over the network's limits raises ``RejectedError`` before any request is made.
        """

    @abstractmethod
    def read_back(self, ref: str) -> Published | None:
        """The post *ref* as the network has it now; None when it does not exist."""

    def find_by_key(self, key: IdempotencyKey) -> Published | None:
        """The post published with *key*, or None; only where ``findable_by_key`` is true."""
        raise NotImplementedError(f"{self.network} cannot find a post by its key")

    @abstractmethod
    def delete(self, ref: str) -> None:
        """Delete the post *ref*; deleting a post that is already gone succeeds."""

    def check(self, post: Outgoing) -> None:
        """Raise ``RejectedError`` for the first limit of the network that *post* breaks."""
        check(self.capabilities, post)

    def close(self) -> None:
        """Release connections; the adapter cannot be used afterwards."""

    def renewed(self, credentials: C) -> None:
        """Act with *credentials* from now on (renewed by the network), and have them kept."""
        self.use(credentials)
        if self.store is not None:
            self.store.save(credentials)

    def use(self, credentials: C) -> None:
        """Act with *credentials* from now on; adapters that send them in headers override it."""
        self.credentials = credentials

    def kept_elsewhere(self) -> C | None:
        """The store's credentials where they differ from ours (another worker renewed them)."""
        stored = self.store.load() if self.store is not None else None
        if stored is None:
            return None
        try:
            kept = cast("C", self.credentials_type.model_validate(stored))
        except ValidationError:
            return None
        return None if kept == self.credentials else kept

    def __enter__(self) -> Adapter[C]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        # The credentials' own repr masks every secret.
        return f"{type(self).__name__}({self.credentials!r})"


@contextmanager
def nothing_published() -> Iterator[None]:
    """Steps before the post's own request (uploads, look-ups) cannot publish it.

    An unknown outcome there leaves at most an unused upload behind, so it is retryable.
    """
    try:
        yield
    except UnknownOutcome as exc:
        raise RetryableError(exc.message, status=exc.status, code=exc.code, **exc.params) from exc
