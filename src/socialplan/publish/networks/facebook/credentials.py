"""What opens one Facebook Page: its id and a Page access token."""

from __future__ import annotations

from pydantic import SecretStr, field_validator

from socialplan.publish.secrets import Credentials


class FacebookCredentials(Credentials):
    """A Page access token (``pages_manage_posts``, ``pages_read_engagement``) for one Page."""

    page_id: str
    page_access_token: SecretStr

    @field_validator("page_id")
    @classmethod
    def _number(cls, value: str) -> str:
        value = value.strip()
        if not value.isdigit() or not value.isascii():
            raise ValueError("a Page id is a number")
        return value
