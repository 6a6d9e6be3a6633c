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


NETWORKS: dict[str, NetworkInfo] = {
    n.id: n
    for n in (
        NetworkInfo("facebook", "Facebook", 2),
        NetworkInfo("instagram", "Instagram", 3),
        NetworkInfo("threads", "Threads", 10),
        NetworkInfo("x", "X (Twitter)", 15),
        NetworkInfo("linkedin", "LinkedIn", 1),
        NetworkInfo("youtube", "YouTube", 1),
        NetworkInfo("tiktok", "TikTok", 4),
        NetworkInfo("pinterest", "Pinterest", 25),
        NetworkInfo("tumblr", "Tumblr", 10),
        NetworkInfo("telegram", "Telegram", 10),
        NetworkInfo("whatsapp", "WhatsApp", 3),
        NetworkInfo("wechat", "WeChat", 1),
        NetworkInfo("weibo", "Weibo", 10),
        NetworkInfo("douyin", "Douyin", 4),
        NetworkInfo("xiaohongshu", "Xiaohongshu", 3),
        NetworkInfo("zalo", "Zalo", 3),
        NetworkInfo("line", "LINE", 3),
        NetworkInfo("aparat", "Aparat", 2),
        NetworkInfo("bale", "Bale", 10),
        NetworkInfo("mastodon", "Mastodon", 10),
        NetworkInfo("bluesky", "Bluesky", 15),
        NetworkInfo("blog", "Blog", 1),
        NetworkInfo("forum", "Forum", 10),
        NetworkInfo("wiki", "Wiki", 10),
    )
}
