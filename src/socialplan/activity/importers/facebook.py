"""Facebook "Download your information" (JSON): your posts, your comments and your profile name.

Meta's exports carry no post or comment ids, so ids are made from the time and a digest of the
content. :class:`MetaFile` and the helpers below are shared with the Instagram importer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from socialplan.activity.importers.base import Brand, Importer, register
from socialplan.activity.importers.common import (
    BAD_TIME,
    decode,
    expect,
    from_epoch,
    hashtags_in,
    links_in,
    load_json,
    repair_mojibake,
)
from socialplan.activity.schema import Account, Extract, Item
from socialplan.activity.source import Member, Source
from socialplan.errors import EMPTY_FILE, InputError
from socialplan.i18n import N_

NOTHING_TO_READ = N_("the export has none of the files this format reads: {files}")
NETWORK = "facebook"
#: Who the posts belong to when the export lacks its profile file.
OWNER_FALLBACK = "me"
#: your_posts_1.json, and the newer your_posts__check_ins__photos_and_videos_1.json.
POSTS = re.compile(r"your_posts(?:_+[a-z_]+?)?_\d+\.json", re.IGNORECASE)
VIDEO = (".mp4", ".mov", ".m4v", ".webm", ".avi")
IMAGE = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic")


def meta_text(value: object) -> str:
    """A Meta export string with its mojibake undone; anything but a string reads as empty."""
    if not isinstance(value, str):
        return ""
    # Lone surrogates (a stray \ud83d escape) cannot be stored; they become U+FFFD.
    return repair_mojibake(value).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


#: The Meta importers read hashtags like every other importer.
hashtags = hashtags_in


@dataclass(frozen=True)
class MetaFile:
    """One JSON file of a Meta export; its checks name the file and the item in errors."""

    source: Source
    member: Member

    def load(self) -> Any:
        """The file's JSON; an empty file says so instead of a parser complaint."""
        text = decode(self.source, self.member, self.source.read_bytes(self.member))
        if not text.strip():
            raise self.source.problem(self.member, EMPTY_FILE)
        return load_json(self.source, self.member, text)

    def shape(self, value: Any, kind: type, expected: str, where: str | None = None) -> Any:
        """*value* when it is a *kind*, else an error naming what was expected."""
        return expect(self.source, self.member, value, kind, expected, where)

    def objects(self, value: Any, where: str | None = None) -> list[dict[str, Any]]:
        """*value* as a list of JSON objects; absent means empty, any other shape is an error.

        Errors name *where*, or for the file's own list, the item by its number.
        """
        if value is None:
            return []
        for index, element in enumerate(self.shape(value, list, "a list", where), start=1):
            self.shape(element, dict, "an object", where or f"item {index}")
        return list(value)

    def time(self, value: Any, where: str) -> dt.datetime:
        """Seconds since 1970 (a number, now and then a numeric string) as an aware UTC time."""
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            try:
                return from_epoch(value)
            except (ValueError, OverflowError, OSError):
                pass  # NaN, infinity, years beyond 9999, words: all reported below
        raise self.source.problem(self.member, BAD_TIME, path=where, value=repr(value)[:60])


def media_type(media: dict[str, Any]) -> str:
    """The media type word of a Meta media entry (image, video, file): metadata, else file name."""
    metadata = media.get("media_metadata")
    if isinstance(metadata, dict) and "video_metadata" in metadata:
        return "video"
    if isinstance(metadata, dict) and "photo_metadata" in metadata:
        return "image"
    uri = meta_text(media.get("uri")).lower()
    return "video" if uri.endswith(VIDEO) else "image" if uri.endswith(IMAGE) else "file"


def cross_post(media: dict[str, Any]) -> str | None:
    """Meta's ``cross_post_source`` (the app a media was posted from) as a client name."""
    origin = media.get("cross_post_source")
    app = origin.get("source_app") if isinstance(origin, dict) else None
    return f"{app} cross-post" if isinstance(app, str) and app else None


def synthetic_id(kind: str, when: dt.datetime, *parts: str) -> str:
    """A stable id for an entry Meta gives none: kind, epoch seconds and a content digest."""
    digest = hashlib.sha1("\0".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{kind}:{int(when.timestamp())}:{digest[:10]}"


def nothing_to_read(source: Source, files: str) -> InputError:
    """The error for an export holding none of the files an importer reads."""
    return InputError.one(source.label, NOTHING_TO_READ, files=files)


@register
class Facebook(Importer):
    """Posts and comments from a Facebook "Download your information" export in JSON."""

    name = "facebook"
    label = N_("Facebook “Download your information” export (JSON)")
    network = NETWORK

    @classmethod
    def detect(cls, source: Source) -> bool:
        """A your_posts_N.json anywhere, or a comments.json holding ``comments_v2``."""
        if any(POSTS.fullmatch(m.basename) for m in source.members):
            return True
        return any(
            b'"comments_v2"' in source.read_bytes(m)[:4096] for m in source.find("comments.json")
        )

    def read(self, source: Source, brand: Brand) -> Extract:
        """Every post and comment; the profile's owner is the brand."""
        posts = [MetaFile(source, m) for m in source.iter_members() if POSTS.fullmatch(m.basename)]
        comments = [
            MetaFile(source, m) for m in sorted(source.find("comments.json"), key=lambda m: m.name)
        ]
        if not posts and not comments:
            raise nothing_to_read(source, "your_posts_1.json, comments.json")
        owner = _owner(source)
        extract = Extract(source_format=self.name)
        extract.accounts.append(Account(NETWORK, owner, display_name=owner, is_brand=True))
        for file in posts:
            for index, entry in enumerate(file.objects(file.load()), start=1):
                extract.items.append(_post(file, f"item {index}", entry, owner))
        authors = {owner}
        for file in comments:
            data = file.shape(file.load(), dict, "an object")
            # comments_v2 since 2021; older exports used comments.
            entries = file.objects(data.get("comments_v2", data.get("comments")))
            for index, entry in enumerate(entries, start=1):
                item = _comment(file, f"item {index}", entry, owner)
                if item is None:
                    continue
                ours = item.author == owner or brand.owns(NETWORK, item.author)
                item.author_kind = "brand" if ours else "audience"
                extract.items.append(item)
                if item.author not in authors:
                    authors.add(item.author)
                    extract.accounts.append(Account(NETWORK, item.author, is_brand=ours))
        return extract


def _owner(source: Source) -> str:
    """The profile's full name, when the export includes profile_information.json."""
    for member in source.find("profile_information.json"):
        data = MetaFile(source, member)
        profile = data.shape(data.load(), dict, "an object")
        profile = profile.get("profile_v2", profile.get("profile"))
        name = profile.get("name") if isinstance(profile, dict) else None
        full = meta_text(name.get("full_name") if isinstance(name, dict) else name).strip()
        if full:
            return full
    return OWNER_FALLBACK


class _Attachments:
    """What an entry's attachments hold: links, media types and files, captions, the client."""

    def __init__(self, file: MetaFile, where: str, entry: dict[str, Any]) -> None:
        self.links: list[str] = []
        self.media: list[str] = []
        self.files: list[str] = []
        self.captions: list[str] = []
        self.client: str | None = None
        for attachment in file.objects(entry.get("attachments"), where):
            # One attachment's data mixes link, media, place, name... entries; we keep two.
            for part in file.objects(attachment.get("data"), where):
                context = part.get("external_context")
                if isinstance(context, dict) and isinstance(context.get("url"), str):
                    self.links.append(context["url"])
                media = part.get("media")
                if isinstance(media, dict):
                    self.media.append(media_type(media))
                    self.files.append(meta_text(media.get("uri")))
                    self.captions.append(meta_text(media.get("description")))
                    self.client = self.client or cross_post(media)

    def item(self, text: str, **fields: Any) -> Item:
        """An item with these attachments and the links and hashtags of *text*."""
        links = list(dict.fromkeys(self.links + links_in(text)))
        return Item(
            network=NETWORK,
            text=text,
            links=links,
            hashtags=hashtags(text),
            media=self.media,
            client=self.client,
            **fields,
        )


def _post(file: MetaFile, where: str, entry: dict[str, Any], owner: str) -> Item:
    """One entry of your_posts_N.json; its text is the post, else the first media caption."""
    created = file.time(entry.get("timestamp"), where)
    text = ""
    for part in file.objects(entry.get("data"), where):
        text = text or meta_text(part.get("post"))
    found = _Attachments(file, where, entry)
    text = text or next((c for c in found.captions if c), "")
    # The id leaves the text out where it can, so a post edited between two exports keeps it.
    key = found.files + found.links or [text]
    return found.item(
        text,
        native_id=synthetic_id("post", created, *key),
        author=owner,
        author_kind="brand",
        kind="post",
        created_at=created,
    )


def _comment(file: MetaFile, where: str, entry: dict[str, Any], owner: str) -> Item | None:
    """One entry of comments.json; an entry without a comment object is skipped."""
    comment = None
    for part in file.objects(entry.get("data"), where):
        if isinstance(part.get("comment"), dict):
            comment = part["comment"]
    if comment is None:
        return None
    created = file.time(comment.get("timestamp", entry.get("timestamp")), where)
    text = meta_text(comment.get("comment"))
    found = _Attachments(file, where, entry)
    return found.item(
        text,
        native_id=synthetic_id("comment", created, text, *found.files),
        author=meta_text(comment.get("author")).strip() or owner,
        author_kind="audience",
        kind="comment",
        created_at=created,
    )
