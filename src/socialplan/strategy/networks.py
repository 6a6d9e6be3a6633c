"""The networks a strategy may name, with the defaults the plan rules rely on.

Ceilings are posts per day above which a network's audience starts to tune a brand out;
they are defaults a user can override in the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkInfo:
    """What the plan rules need to know about one network."""

    id: str
    label: str
    daily_ceiling: float
    #: Longest text a post may carry; None where the network sets no practical limit.
    max_length: int | None = None
    #: More hashtags than this reads as spam on the network.
    max_hashtags: int = 5
    #: False where links in a post's text cannot be clicked (Instagram captions).
    clickable_links: bool = True


NETWORKS: dict[str, NetworkInfo] = {
    n.id: n
    for n in (
        NetworkInfo("facebook", "Facebook", 2, 63206, 3, True),
        NetworkInfo("instagram", "Instagram", 3, 2200, 10, False),
        NetworkInfo("threads", "Threads", 10, 500, 1, True),
        NetworkInfo("x", "X (Twitter)", 15, 280, 2, True),
        NetworkInfo("linkedin", "LinkedIn", 1, 3000, 5, True),
        NetworkInfo("youtube", "YouTube", 1, 5000, 15, True),
        NetworkInfo("tiktok", "TikTok", 4, 2200, 5, False),
        NetworkInfo("pinterest", "Pinterest", 25, 500, 5, True),
        NetworkInfo("tumblr", "Tumblr", 10, None, 10, True),
        NetworkInfo("telegram", "Telegram", 10, 4096, 5, True),
        NetworkInfo("whatsapp", "WhatsApp", 3, 1024, 0, True),
        NetworkInfo("wechat", "WeChat", 1, None, 3, True),
        NetworkInfo("weibo", "Weibo", 10, 2000, 3, True),
        NetworkInfo("douyin", "Douyin", 4, 1000, 5, False),
        NetworkInfo("xiaohongshu", "Xiaohongshu", 3, 1000, 10, False),
        NetworkInfo("zalo", "Zalo", 3, 2000, 3, True),
        NetworkInfo("line", "LINE", 3, 500, 3, True),
        NetworkInfo("aparat", "Aparat", 2, 5000, 10, True),
        NetworkInfo("bale", "Bale", 10, 4096, 5, True),
        NetworkInfo("mastodon", "Mastodon", 10, 500, 5, True),
        NetworkInfo("bluesky", "Bluesky", 15, 300, 3, True),
        NetworkInfo("blog", "Blog", 1, None, 10, True),
        NetworkInfo("wordpress", "WordPress", 1, None, 10, True),
        NetworkInfo("forum", "Forum", 10, None, 5, True),
        NetworkInfo("wiki", "Wiki", 10, None, 0, True),
    )
}


def network_label(network: str) -> str:
    """The network's name as people know it; its id where socialplan does not know it."""
    info = NETWORKS.get(network)
    return info.label if info is not None else network
