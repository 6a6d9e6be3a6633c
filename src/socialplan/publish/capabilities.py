"""What a network accepts, as data: the checks before publishing and the audit read the same.

Limits the plan and audit rules already know (length, hashtags, links, daily ceiling) come from
:data:`socialplan.strategy.networks.NETWORKS`, so each is written once; only what publishing
alone needs (images, how text is counted, keys) is declared here by each adapter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

import icu  # type: ignore[import-untyped]

from socialplan.strategy.networks import NETWORKS, NetworkInfo

#: A network that keeps a post's key for good (Bluesky's record key is part of the post).
FOREVER = dt.timedelta.max
_LINK = re.compile(r"https?://\S+")


class Counting(Enum):
    """How a network measures the length of a text."""

    #: What people see as one character: Thai vowels and emoji sequences count once.
    GRAPHEMES = "graphemes"
    #: Unicode code points.
    CHARACTERS = "characters"


def graphemes(text: str) -> int:
    """The number of user-perceived characters (extended grapheme clusters) in *text*."""
    if not text:
        return 0
    breaks = icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    breaks.setText(text)
    return sum(1 for _ in breaks)


@dataclass(frozen=True)
class Capabilities:
    """What one network accepts in a post, and how far it can be trusted to publish once."""

    #: The network's id in :data:`NETWORKS`.
    network: str
    counting: Counting = Counting.CHARACTERS
    #: Every link counts as this many characters, whatever its length (Mastodon: 23).
    link_length: int | None = None
    max_images: int = 0
    image_types: frozenset[str] = field(default_factory=frozenset)
    max_image_bytes: int = 0
    #: Whether a post's images carry their descriptions for people who cannot see them.
    image_descriptions: bool = True
    #: Whether descriptions are kept when a post carries several images (Instagram's carousel
    #: items take none: only a single image keeps its description).
    descriptions_with_several_images: bool = True
    #: A post must carry at least one image: no text-only posts (Instagram).
    needs_image: bool = False
    #: Images are fetched by the network from a public address, never uploaded (Instagram).
    images_by_address: bool = False
    #: How long the network remembers a key and answers a repeat with the first post; None
    #: where it ignores keys, :data:`FOREVER` where the key is part of the post.
    idempotency_window: dt.timedelta | None = None
    #: Whether :meth:`Adapter.find_by_key` can tell if a post with a key exists.
    findable_by_key: bool = False

    @property
    def info(self) -> NetworkInfo:
        """The limits the plan and audit rules read."""
        return NETWORKS[self.network]

    @property
    def label(self) -> str:
        """The network's name, as people know it."""
        return self.info.label

    @property
    def max_length(self) -> int | None:
        """The longest text a post may carry, counted the network's way."""
        return self.info.max_length

    @property
    def max_hashtags(self) -> int:
        """More hashtags than this reads as spam."""
        return self.info.max_hashtags

    @property
    def clickable_links(self) -> bool:
        """Whether links in the text can be followed."""
        return self.info.clickable_links

    @property
    def daily_ceiling(self) -> float:
        """Posts a day above which the audience tunes out."""
        return self.info.daily_ceiling

    def length(self, text: str) -> int:
        """The length of *text* as the network counts it."""
        if self.link_length is not None:
            text = _LINK.sub("x" * self.link_length, text)
        if self.counting is Counting.GRAPHEMES:
            return graphemes(text)
        return len(text)
