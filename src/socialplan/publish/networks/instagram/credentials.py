"""What opens one Instagram professional account: its id and an access token."""

from __future__ import annotations

from pydantic import SecretStr, field_validator

from socialplan.publish.secrets import Credentials


class InstagramCredentials(Credentials):
    """A token (``instagram_basic``, ``instagram_content_publish``) for one account, reached
    through the Facebook Page it is linked to."""

    #: The Instagram professional account's id (``17841400008460056``), not its username.
    ig_user_id: str
    access_token: SecretStr

    @field_validator("ig_user_id")
    @classmethod
    def _number(cls, value: str) -> str:
        value = value.strip()
        if not value.isdigit() or not value.isascii():
            raise ValueError("an Instagram account id is a number")
        return value
