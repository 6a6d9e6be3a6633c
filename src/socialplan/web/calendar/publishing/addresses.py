"""Where a network shows its posts: the web hosts a post's address may be on.

When a person says a post is on the network, the address they paste is checked against the
hosts of that network (a server of its own for Mastodon and WordPress, read from the
channel's credentials); where the host cannot be known, any web address is taken.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.sealing import SealBroken, unseal

#: The hosts (and their subdomains, such as www. or m.) of networks with one web address.
WEB_HOSTS: dict[str, tuple[str, ...]] = {
    "bluesky": ("bsky.app",),
    "facebook": ("facebook.com", "fb.com"),
    "instagram": ("instagram.com",),
    "linkedin": ("linkedin.com",),
    "telegram": ("t.me", "telegram.me"),
    "x": ("x.com", "twitter.com"),
}
#: The credential that names the server of a network each account chooses.
_SERVER_FIELD = {"mastodon": "instance", "wordpress": "site"}


def web_address(url: str) -> str:
    """*url* where it is a web page, else "" (a network's answer is not trusted to be one)."""
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.hostname else ""


def post_hosts(channel: Channel) -> tuple[str, ...]:
    """The hosts *channel*'s posts are shown on; () where they cannot be known."""
    if channel.network in WEB_HOSTS:
        return WEB_HOSTS[channel.network]
    field = _SERVER_FIELD.get(channel.network)
    if field is None:
        return ()
    try:
        # Only the server's address is read; it is no secret, the rest stays sealed.
        server = unseal(channel.sealed_credentials).get(field)
    except SealBroken:
        return ()
    host = urlsplit(server).hostname if isinstance(server, str) else None
    return (host,) if host else ()


def on_hosts(url: str, hosts: tuple[str, ...]) -> bool:
    """Whether *url* is on one of *hosts* or their subdomains (any host when none is known)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not hosts:
        return bool(host)
    return any(host == known or host.endswith(f".{known}") for known in hosts)
