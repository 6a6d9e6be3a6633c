"""Instagram "Download your information" (JSON): your posts and reels, and your comments.

Like Facebook's, the export has no ids and writes all text as mojibake; the Meta helpers of the
Facebook importer read it. A post with several media is one item.
"""

from __future__ import annotations

import re
from typing import Any

from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import hashtags_in as hashtags
from socialplan.activity.importers.common import links_in
from socialplan.activity.importers.facebook import (
    MetaFile,
    cross_post,
    media_type,
    meta_text,
    nothing_to_read,
    synthetic_id,
)
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Source
from socialplan.i18n import N_

NETWORK = "instagram"
OWNER_FALLBACK = "me"
#: Post files and the key that wraps their list in some export versions.
POSTS = {
    re.compile(r"posts_\d+\.json", re.IGNORECASE): "ig_posts",
    re.compile(r"reels\.json", re.IGNORECASE): "ig_reels_media",
}
COMMENTS = {
    re.compile(r"post_comments(?:_\d+)?\.json", re.IGNORECASE): "comments_media_comments",
    re.compile(r"reels_comments\.json", re.IGNORECASE): "comments_reels_comments",
}
#: What the start of a genuine file holds (or an empty list).
MARKERS = (b"creation_timestamp", b"string_map_data")


def _files(source: Source, patterns: dict[re.Pattern[str], str]) -> list[tuple[MetaFile, str]]:
    """The members matching *patterns*, in path order, with the key wrapping their list."""
    return [
        (MetaFile(source, m), key)
        for m in source.iter_members()
        for pattern, key in patterns.items()
        if pattern.fullmatch(m.basename)
    ]


def _entries(file: MetaFile, key: str) -> list[dict[str, Any]]:
    """A file's list of entries: the whole file, or in older exports the list under *key*."""
    data = file.load()
    if isinstance(data, dict):
        data = data.get(key, [])
    return file.objects(data)


@register
class Instagram(Importer):
    """Posts, reels and comments from an Instagram "Download your information" export in JSON."""

    name = "instagram"
    label = N_("Instagram “Download your information” export (JSON)")
    network = NETWORK

    @classmethod
    def detect(cls, source: Source) -> bool:
        """posts_N.json or post_comments_N.json that look like Meta's JSON."""
        for file, _key in _files(source, POSTS | COMMENTS):
            head = source.read_bytes(file.member)[:4096]
            if any(marker in head for marker in MARKERS) or head.strip() == b"[]":
                return True
        return False

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every post, reel and comment; the export's owner is the brand."""
        posts, comments = _files(source, POSTS), _files(source, COMMENTS)
        if not posts and not comments:
            raise nothing_to_read(source, "posts_1.json, post_comments_1.json")
        owner = _owner(source, Account(NETWORK, OWNER_FALLBACK, is_brand=True))
        extract = Extract(source_format=self.name, accounts=[owner])
        by_uri: dict[str, str] = {}
        for file, key in posts:
            for index, entry in enumerate(_entries(file, key), start=1):
                item, uris = _post(file, f"item {index}", entry, owner.handle)
                by_uri.update(dict.fromkeys(uris, item.native_id))
                extract.items.append(item)
        others = {owner.handle.lower()}
        for file, key in comments:
            for index, entry in enumerate(_entries(file, key), start=1):
                item, media_owner = _comment(file, f"item {index}", entry, owner.handle, by_uri)
                extract.items.append(item)
                if media_owner and media_owner.lower() not in others:
                    # The owners of the media commented on: accounts the brand talks to.
                    others.add(media_owner.lower())
                    extract.accounts.append(
                        Account(NETWORK, media_owner, is_brand=brand.owns(NETWORK, media_owner))
                    )
        return extract


def _values(file: MetaFile, where: str, entry: dict[str, Any]) -> dict[str, Any]:
    """``string_map_data`` of an entry: labels to ``{value, timestamp, href}`` objects."""
    data = file.shape(entry.get("string_map_data", {}), dict, "an object", where)
    return {label: v for label, v in data.items() if isinstance(v, dict)}


def _owner(source: Source, fallback: Account) -> Account:
    """The owner's username, name, bio and website from personal_information.json."""
    for member in source.find("personal_information.json"):
        file = MetaFile(source, member)
        data = file.shape(file.load(), dict, "an object")
        for index, profile in enumerate(file.objects(data.get("profile_user")), start=1):
            values = {
                k: meta_text(v.get("value")).strip()
                for k, v in _values(file, f"item {index}", profile).items()
            }
            if values.get("Username"):
                return Account(
                    NETWORK,
                    values["Username"],
                    display_name=values.get("Name") or None,
                    bio=values.get("Bio") or None,
                    url=values.get("Website") or None,
                    is_brand=True,
                )
    return fallback


def _post(file: MetaFile, where: str, entry: dict[str, Any], owner: str) -> tuple[Item, list[str]]:
    """One post (all its media) and the file names of its media."""
    media = file.objects(entry.get("media"), where)
    first = media[0] if media else {}
    created = file.time(entry.get("creation_timestamp", first.get("creation_timestamp")), where)
    # A carousel's caption is the post's title; a single photo's is the photo's title.
    text = meta_text(entry.get("title")) or next(
        (t for m in media if (t := meta_text(m.get("title")))), ""
    )
    uris = [meta_text(m.get("uri")) for m in media]
    client = next((c for m in media if (c := cross_post(m))), None)
    item = Item(
        network=NETWORK,
        native_id=synthetic_id("post", created, *(uris or [text])),
        author=owner,
        author_kind="brand",
        kind="post",
        created_at=created,
        text=text,
        links=links_in(text),
        hashtags=hashtags(text),
        media=[media_type(m) for m in media],
        client=client,
    )
    return item, [u for u in uris if u]


def _comment(
    file: MetaFile, where: str, entry: dict[str, Any], owner: str, by_uri: dict[str, str]
) -> tuple[Item, str]:
    """One comment the owner wrote, and the owner of the media it is on."""
    values = _values(file, where, entry)
    created = file.time(values.get("Time", {}).get("timestamp"), where)
    text = meta_text(values.get("Comment", {}).get("value"))
    media_owner = meta_text(values.get("Media Owner", {}).get("value")).strip()
    parent = None
    if media_owner.lower() == owner.lower():
        # On the owner's own media the post is known when the export names the media file.
        uris = [meta_text(m.get("uri")) for m in file.objects(entry.get("media_list_data"), where)]
        parent = next((by_uri[u] for u in uris if u in by_uri), None)
    item = Item(
        network=NETWORK,
        native_id=synthetic_id("comment", created, text, media_owner),
        author=owner,
        author_kind="brand",
        kind="comment",
        created_at=created,
        text=text,
        parent_native_id=parent,
        thread_native_id=parent,
        links=links_in(text),
        hashtags=hashtags(text),
    )
    return item, media_owner
