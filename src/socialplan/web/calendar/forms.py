"""Forms of the calendar: a post with its variants, a move to another day, an account to connect."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import SecretStr, ValidationError

from socialplan.i18n import LANGUAGE_NAMES, LANGUAGES
from socialplan.publish.networks import ADAPTERS, adapter_class
from socialplan.publish.secrets import Credentials
from socialplan.web.calendar.models import NETWORK_CHOICES, Channel
from socialplan.web.calendar.when import to_utc

#: How the time input sends its value (``<input type="datetime-local">``).
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
MAX_TEXT = 65_000
MAX_REPEATS = 52


def variant_field(channel: Channel) -> str:
    """The name of the field holding *channel*'s own text."""
    return f"variant_{channel.pk}"


class PostForm(forms.Form):
    """One text, its language and time, the channels it goes to and each channel's own text."""

    text = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        max_length=MAX_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the text"), required=False)
    publish_at = forms.CharField(
        label=gettext_lazy("Publish at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    channels = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Channels"), queryset=Channel.objects.none(), required=False
    )
    repeat_weeks = forms.IntegerField(
        label=gettext_lazy("Repeat weekly: how many more weeks"),
        help_text=gettext_lazy(
            "Each copy is a draft of its own at the same local time, also across a change "
            "to or from summer time."
        ),
        required=False,
        min_value=0,
        max_value=MAX_REPEATS,
        initial=0,
    )

    def __init__(
        self,
        *args: Any,
        channels: QuerySet[Channel],
        zone: ZoneInfo,
        new: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.channel_list = list(channels)
        channel_field = self.fields["channels"]
        assert isinstance(channel_field, forms.ModelMultipleChoiceField)
        channel_field.queryset = channels
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [("", _("Detect it from the text"))] + [
            (code, LANGUAGE_NAMES[code]) for code in LANGUAGES
        ]
        self.fields["publish_at"].help_text = _("In the workspace's time zone, %(zone)s.") % {
            "zone": zone.key
        }
        if not new:
            del self.fields["repeat_weeks"]
        for channel in self.channel_list:
            self.fields[variant_field(channel)] = forms.CharField(
                label=_("Own text for %(channel)s") % {"channel": channel_label(channel)},
                required=False,
                max_length=MAX_TEXT,
                strip=False,
                widget=forms.Textarea(
                    attrs={"rows": 3, "dir": "auto", "placeholder": _("Same as the text above")}
                ),
            )

    def clean_publish_at(self) -> dt.datetime | None:
        """The local time typed, as UTC."""
        value = (self.cleaned_data.get("publish_at") or "").strip()
        if not value:
            return None
        try:
            local = dt.datetime.strptime(value[:16], LOCAL_FORMAT)
        except ValueError:
            raise forms.ValidationError(
                _("Enter a date and time such as 2026-03-29 09:30.")
            ) from None
        return to_utc(local, self.zone)

    def variants(self) -> list[tuple[Channel, str]]:
        """The chosen channels with their own texts (empty: the post's text)."""
        chosen = {c.pk for c in self.cleaned_data.get("channels") or []}
        return [
            (channel, self.cleaned_data.get(variant_field(channel)) or "")
            for channel in self.channel_list
            if channel.pk in chosen
        ]


class MoveForm(forms.Form):
    """The local day a post is dropped on."""

    day = forms.DateField(input_formats=["%Y-%m-%d"])


def channel_label(channel: Channel) -> str:
    """A channel as people name it: its network and account."""
    return f"{channel.get_network_display()} {channel.handle}"


class NetworkForm(forms.Form):
    """The network of an account to connect."""

    network = forms.ChoiceField(
        label=gettext_lazy("Network"),
        choices=[("", gettext_lazy("Choose a network")), *NETWORK_CHOICES],
    )


#: Names of credential fields people recognise; any other is shown as written.
CREDENTIAL_LABELS = {
    "access_token": gettext_lazy("Access token"),
    "app_password": gettext_lazy("App password"),
    "application_password": gettext_lazy("Application password"),
    "bot_token": gettext_lazy("Bot token"),
    "chat_id": gettext_lazy("Channel (@name or number)"),
    "handle": gettext_lazy("Handle"),
    "ig_user_id": gettext_lazy("Instagram account number"),
    "instance": gettext_lazy("Server address"),
    "organization_id": gettext_lazy("Organisation number"),
    "page_access_token": gettext_lazy("Page access token"),
    "page_id": gettext_lazy("Page number"),
    "service": gettext_lazy("Server address"),
    "site": gettext_lazy("Site address"),
    "username": gettext_lazy("User name"),
}


class CredentialsForm(forms.Form):
    """The fields of one network's credentials model; secrets are typed, never shown back."""

    def __init__(self, network: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if network not in ADAPTERS:
            raise ValueError(network)
        self.network_name = network
        self.model: type[Credentials] = adapter_class(network).credentials_type
        self.credentials: Credentials | None = None
        for name, info in self.model.model_fields.items():
            secret = info.annotation is SecretStr
            default = None if info.is_required() or secret else info.default
            self.fields[name] = forms.CharField(
                label=CREDENTIAL_LABELS.get(name, name),
                required=info.is_required(),
                initial=default,
                widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"})
                if secret
                else forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
            )

    def clean(self) -> dict[str, Any]:
        """The values as the network's credentials model accepts them."""
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        given = {name: value for name, value in cleaned.items() if value not in ("", None)}
        try:
            self.credentials = self.model.model_validate(given)
        except ValidationError as exc:
            for error in exc.errors():
                name = str(error["loc"][0]) if error["loc"] else None
                reason = str(error["msg"]).removeprefix("Value error, ")
                message = _("This value is not accepted: %(reason)s") % {"reason": reason}
                self.add_error(name if name in self.fields else None, message)
        return cleaned
