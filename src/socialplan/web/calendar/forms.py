"""Forms of the calendar: a post with its variants, a move to another day, an account to connect."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import SecretStr, ValidationError

from socialplan.i18n import LANGUAGE_NAMES, LANGUAGES
from socialplan.publish.adaptation.pillars import same_pillar
from socialplan.publish.networks import ADAPTERS, adapter_class
from socialplan.publish.secrets import Credentials
from socialplan.strategy.model.channels import Pillar
from socialplan.web.calendar import images
from socialplan.web.calendar.models import NETWORK_CHOICES, Channel
from socialplan.web.calendar.when import to_utc

#: How the time input sends its value (``<input type="datetime-local">``).
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
MAX_TEXT = 65_000
MAX_REPEATS = 52
MAX_PILLAR = 200
#: The longest image description: X's limit, the shortest of the networks that take one.
MAX_ALT = 1000


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
    # Any name is kept (a pillar renamed in the strategy stays on the posts that have it); the
    # checks say when it is not one of the channel plan's pillars.
    pillar = forms.CharField(
        label=gettext_lazy("Content pillar"),
        help_text=gettext_lazy(
            "The pillars of the chosen channels in the strategy, with their share of the posts."
        ),
        required=False,
        # A validator, not max_length: that would write maxlength on the <select>.
        validators=[MaxLengthValidator(MAX_PILLAR)],
        widget=forms.Select,
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
        pillars: Mapping[int, Sequence[Pillar]] | None = None,
        new: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.channel_list = list(channels)
        channel_field = self.fields["channels"]
        assert isinstance(channel_field, forms.ModelMultipleChoiceField)
        channel_field.queryset = channels
        chosen = self._chosen_ids()
        pillar = self.fields["pillar"].widget
        assert isinstance(pillar, forms.Select)
        pillar.choices = pillar_choices(
            [
                (channel, (pillars or {}).get(channel.pk, ()))
                for channel in self.channel_list
                if str(channel.pk) in chosen
            ],
            str(self["pillar"].value() or ""),
        )
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

    def _chosen_ids(self) -> set[str]:
        """The channels ticked, as sent or as saved (ids as text)."""
        value = self["channels"].value() or []
        return {str(v) for v in (value if isinstance(value, list | tuple) else [value])}

    def clean_pillar(self) -> str:
        """The pillar's name, without surrounding spaces."""
        return str(self.cleaned_data.get("pillar") or "").strip()

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


def pillar_choices(
    chosen: Iterable[tuple[Channel, Sequence[Pillar]]], current: str
) -> list[tuple[str, str]]:
    """The pillars of the *chosen* channels, each once with its share on each channel, and the
    *current* pillar even where no chosen channel plans it (so it is not lost unseen)."""
    shares: dict[str, list[tuple[Channel, float]]] = {}
    names: dict[str, str] = {}
    chosen = list(chosen)
    # A channel is named by its network, or by its account where a network has several.
    several = {n for n, count in Counter(c.network for c, _p in chosen).items() if count > 1}
    for channel, pillars in chosen:
        for pillar in pillars:
            key = pillar.name.strip().casefold()
            names.setdefault(key, pillar.name)
            shares.setdefault(key, []).append((channel, pillar.share))
    choices = [("", _("No pillar"))]
    for key, name in names.items():
        on = shares[key]
        if len({share for _channel, share in on}) == 1:
            share = f"{on[0][1]:g}%"
        else:
            share = ", ".join(
                f"{channel_label(c) if c.network in several else c.get_network_display()} {v:g}%"
                for c, v in on
            )
        # The post keeps its own spelling of the name, so that its option stays selected.
        value = current if same_pillar(current, name) else name
        choices.append((value, _("%(pillar)s (%(share)s)") % {"pillar": name, "share": share}))
    if current and not any(same_pillar(current, name) for name in names.values()):
        choices.append(
            (current, _("%(pillar)s (not planned for the chosen channels)") % {"pillar": current})
        )
    return choices


class ImageForm(forms.Form):
    """An image to add to a post, with its description for people who cannot see it."""

    image = forms.FileField(
        label=gettext_lazy("Image"),
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(images.ACCEPTED.values()))}),
    )
    alt = forms.CharField(
        label=gettext_lazy("Description for people who cannot see it"),
        required=False,
        max_length=MAX_ALT,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def __init__(self, *args: Any, carried: int = 0, stopped: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: How many images the post carries already.
        self.carried = carried
        #: Whether the upload was stopped at the size limit, so no file came.
        self.stopped = stopped
        if stopped:
            self.fields["image"].required = False
        self.read: images.ReadImage | None = None
        self.fields["image"].help_text = _(
            "JPEG, PNG, GIF or WebP, up to %(limit)s. Each network's own limits are checked "
            "next to its variant."
        ) % {"limit": filesizeformat(images.image_limit())}

    def clean_image(self) -> Any:
        """The upload, read and verified as an image (see :func:`images.read_upload`)."""
        upload = self.cleaned_data["image"]
        if self.stopped:
            raise forms.ValidationError(
                _("This file is larger than the largest image accepted, %(limit)s.")
                % {"limit": filesizeformat(images.image_limit())}
            )
        if self.carried >= images.most_taken():
            raise forms.ValidationError(
                _("A post can carry at most %(count)s images.") % {"count": images.most_taken()}
            )
        try:
            self.read = images.read_upload(upload)
        except images.NotAccepted as refused:
            raise forms.ValidationError(str(refused)) from None
        return upload


class DescribeForm(forms.Form):
    """A new description of an image."""

    alt = forms.CharField(
        label=gettext_lazy("Description for people who cannot see it"),
        required=False,
        max_length=MAX_ALT,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


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
    "client_id": gettext_lazy("App client ID"),
    "client_secret": gettext_lazy("App client secret (confidential apps only)"),
    "handle": gettext_lazy("Handle"),
    "ig_user_id": gettext_lazy("Instagram account number"),
    "instance": gettext_lazy("Server address"),
    "organization_id": gettext_lazy("Organisation number"),
    "page_access_token": gettext_lazy("Page access token"),
    "page_id": gettext_lazy("Page number"),
    "refresh_token": gettext_lazy("Refresh token"),
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
        for name, info in self.model.typed_fields().items():
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
