"""What lets a bot post to one Telegram channel: the bot's token and the channel's id."""

from __future__ import annotations

import re

from pydantic import SecretStr, field_validator

from socialplan.publish.secrets import Credentials

#: BotFather's tokens are ``<bot id>:<35 letters>``; anything else could bend the request's path.
_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{30,60}")
_CHAT = re.compile(r"@[A-Za-z][A-Za-z0-9_]{3,31}|-?\d{1,20}")


class TelegramCredentials(Credentials):
    """A bot token from BotFather; the bot must be an administrator allowed to post."""

    bot_token: SecretStr
    #: The channel's ``@username`` or its numeric id (``-1001234567890``).
    chat_id: str

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not _TOKEN.fullmatch(value.get_secret_value()):
            raise ValueError("a bot token is the bot's number, a colon and 30-60 letters")
        return value

    @field_validator("chat_id")
    @classmethod
    def _chat_shape(cls, value: str) -> str:
        if not _CHAT.fullmatch(value.strip()):
            raise ValueError("a channel is @name or its numeric id")
        return value.strip()
