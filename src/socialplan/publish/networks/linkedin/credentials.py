"""What lets a member post for one LinkedIn organisation: a token and the organisation's id."""

from __future__ import annotations

from pydantic import SecretStr, field_validator

from socialplan.publish.secrets import Credentials

_URN = "urn:li:organization:"


class LinkedInCredentials(Credentials):
    """A member's token (``w_organization_social`` to post and delete, ``r_organization_social``
    to read back, ``rw_organization_admin`` to check the member's role)."""

    access_token: SecretStr
    #: The organisation's number (``5515715``); its URN is accepted too.
    organization_id: str

    @field_validator("organization_id")
    @classmethod
    def _number(cls, value: str) -> str:
        value = value.strip().removeprefix(_URN)
        if not value.isdigit() or not value.isascii():
            raise ValueError("an organisation is its number or urn:li:organization:<number>")
        return value
