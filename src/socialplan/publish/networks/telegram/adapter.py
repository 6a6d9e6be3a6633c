"""Telegram channel posts through the Bot API (sendMessage, sendPhoto, sendMediaGroup).

The Bot API offers no way to read a message: a bot sees only the updates it is sent, and a
channel's history is not among them. So :meth:`TelegramAdapter.read_back` cannot say whether a
post still exists and says so, and nothing finds a post by its key: after an unknown outcome, a
person looks at the channel. Forwarding or copying a message to test that it exists would post
it somewhere, so it is not done.
"""

from __future__ import annotations

import json
from contextlib import suppress

import httpx

from socialplan.i18n import N_
from socialplan.publish.capabilities import Capabilities, Counting
from socialplan.publish.content import AccountInfo, IdempotencyKey, Outgoing, Published
from socialplan.publish.errors import AuthError, NotFoundError, RejectedError
from socialplan.publish.http import expect
from socialplan.publish.networks.base import Adapter
from socialplan.publish.networks.telegram.api import API, TelegramHttp, TokenInPath
from socialplan.publish.networks.telegram.credentials import TelegramCredentials
from socialplan.publish.networks.telegram.messages import may_post, published, ref_parts

#: Bot API limits: 4096 characters of text (code points, measured), ten photos of up to 10 MB
#: in an album, without descriptions. No idempotency key exists, and no message can be read
#: back by anything.
CAPABILITIES = Capabilities(
    network="telegram",
    counting=Counting.CHARACTERS,
    max_images=10,
    image_types=frozenset({"image/jpeg", "image/png", "image/webp"}),
    max_image_bytes=10 * 1024 * 1024,
    # Bot API photos have a caption, and nothing that describes the picture itself.
    image_descriptions=False,
    idempotency_window=None,
    findable_by_key=False,
)
#: Text under photos is a caption, which a bot may make at most this long.
MAX_CAPTION = 1024
CAPTION_TOO_LONG = N_(
    "the text is {length} characters long; {network} takes at most {limit} under images"
)
CANNOT_POST = N_(
    "the bot may not post in {chat} on {network}: make it an administrator of the channel "
    "allowed to post messages"
)


class TelegramAdapter(Adapter[TelegramCredentials]):
    """Posts a bot makes in one Telegram channel."""

    network = "telegram"
    capabilities = CAPABILITIES
    credentials_type = TelegramCredentials

    def __init__(
        self, credentials: TelegramCredentials, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        super().__init__(credentials, transport=transport)
        token = credentials.bot_token.get_secret_value()
        self._http = TelegramHttp(
            CAPABILITIES.label,
            API,
            secrets=credentials.secret_values(),
            transport=TokenInPath(token, transport or httpx.HTTPTransport()),
        )
        self._chat = credentials.chat_id

    def validate(self) -> AccountInfo:
        """The channel, once the bot is known to be an administrator allowed to post there."""
        bot = self._http.call("getMe", read=True)
        chat = self._http.call("getChat", read=True, params={"chat_id": self._chat})
        if not isinstance(chat, dict):
            raise self._http.shape_error("getChat did not answer an object")
        bot_id = expect(bot, "id", int, self._http)
        member = self._http.call(
            "getChatMember", read=True, params={"chat_id": self._chat, "user_id": bot_id}
        )
        title = str(chat.get("title") or self._chat)
        if not may_post(chat, member):
            raise AuthError(CANNOT_POST, network=CAPABILITIES.label, chat=title)
        username = chat.get("username")
        return AccountInfo(
            id=str(chat.get("id")),
            handle=f"@{username}" if username else title,
            display_name=title,
            url=f"https://t.me/{username}" if username else None,
        )

    def check(self, post: Outgoing) -> None:
        """The shared limits, then the shorter one of captions."""
        super().check(post)
        if post.images and len(post.text) > MAX_CAPTION:
            raise RejectedError(
                CAPTION_TOO_LONG,
                length=len(post.text),
                network=CAPABILITIES.label,
                limit=MAX_CAPTION,
            )

    def publish(self, post: Outgoing, key: IdempotencyKey) -> Published:
        """Send the text, the photo with its caption, or the album (the caption on its first)."""
        self.check(post)
        if not post.images:
            sent = self._http.call("sendMessage", json={"chat_id": self._chat, "text": post.text})
            return published([sent], self._http)
        form = {"chat_id": self._chat}
        if len(post.images) == 1:
            image = post.images[0]
            caption = {"caption": post.text} if post.text else {}
            files = {"photo": ("image", image.data, image.mime)}
            sent = self._http.call("sendPhoto", data=form | caption, files=files)
            return published([sent], self._http)
        media = [{"type": "photo", "media": f"attach://photo{n}"} for n in range(len(post.images))]
        if post.text:
            media[0]["caption"] = post.text
        files = {f"photo{n}": ("image", i.data, i.mime) for n, i in enumerate(post.images)}
        album = self._http.call(
            "sendMediaGroup", data=form | {"media": json.dumps(media)}, files=files
        )
        if not isinstance(album, list):
            raise self._http.shape_error("sendMediaGroup did not answer a list")
        return published(album, self._http)

    def read_back(self, ref: str) -> Published | None:
        """Not possible: the Bot API has no method that reads a channel's messages."""
        raise NotImplementedError("the Telegram Bot API cannot read a channel's messages")

    def delete(self, ref: str) -> None:
        """Delete every message of the post *ref* (a message already gone counts as deleted)."""
        chat, ids = ref_parts(ref, CAPABILITIES.label)
        for message_id in ids:
            with suppress(NotFoundError):
                # Deleting twice does no harm, so a lost answer may be retried.
                self._http.call(
                    "deleteMessage", unsafe=False, json={"chat_id": chat, "message_id": message_id}
                )

    def close(self) -> None:
        """Release the connections."""
        self._http.close()
