"""What the Bot API says about messages and members, read into the contract's values.

A post is one message or an album of several, so its ref is ``<chat id>/<id>,<id>,...``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from socialplan.publish.content import Published
from socialplan.publish.errors import CANNOT_SEND, PermanentError
from socialplan.publish.http import Http


def published(messages: list[Any], http: Http) -> Published:
    """The post made of *messages*, with the link to its first message."""
    if not messages or not all(isinstance(m, dict) for m in messages):
        raise http.shape_error("no message in the answer")
    first = messages[0]
    chat, ids = first.get("chat"), [m.get("message_id") for m in messages]
    if not isinstance(chat, dict) or not all(isinstance(i, int) for i in ids):
        raise http.shape_error("no chat or message_id in the answer")
    chat_id, username = chat.get("id"), chat.get("username")
    url = None
    if username:
        url = f"https://t.me/{username}/{ids[0]}"
    elif str(chat_id).startswith("-100"):
        # A channel without a name: its link uses the id without the -100 that marks channels.
        url = f"https://t.me/c/{str(chat_id)[4:]}/{ids[0]}"
    date = first.get("date")
    when = dt.datetime.fromtimestamp(date, dt.UTC) if isinstance(date, int) else None
    return Published(ref=f"{chat_id}/{','.join(map(str, ids))}", url=url, published_at=when)


def ref_parts(ref: str, network: str) -> tuple[str, list[int]]:
    """The chat and the message ids of the post *ref*."""
    chat, _, ids = ref.partition("/")
    try:
        numbers = [int(i) for i in ids.split(",")]
    except ValueError:
        numbers = []
    if not chat or not numbers:
        raise PermanentError(CANNOT_SEND, network=network, detail="not a post's address")
    return chat, numbers


def may_post(chat: dict[str, Any], member: Any) -> bool:
    """Whether a bot, a member of *chat* as *member* says, may post in it."""
    if not isinstance(member, dict):
        return False
    status = member.get("status")
    if chat.get("type") == "channel":
        return status == "administrator" and member.get("can_post_messages") is True
    if status == "restricted":
        return member.get("can_send_messages") is True
    return status in ("creator", "administrator", "member")
