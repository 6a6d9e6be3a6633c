"""What a person types to settle a delivery: the address of the post they found."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialplan.web.calendar.models import Delivery
from socialplan.web.calendar.publishing.addresses import on_hosts, post_hosts


class PublishedAddressForm(forms.Form):
    """The post's web address, on its network's own host where that host is known."""

    url = forms.URLField(
        label=gettext_lazy("The post's address"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, data: Any = None, *, delivery: Delivery) -> None:
        # A prefix per delivery: a post's page holds one such form for each of its channels.
        super().__init__(data, prefix=f"delivery-{delivery.pk}")
        self.network = delivery.channel.get_network_display()
        self.hosts = post_hosts(delivery.channel)
        if self.hosts:
            self.fields["url"].help_text = _(
                "Open the post on %(network)s and copy its address, an address on %(hosts)s."
            ) % {"network": self.network, "hosts": ", ".join(self.hosts)}
            self.fields["url"].widget.attrs["placeholder"] = f"https://{self.hosts[0]}/…"
        else:
            self.fields["url"].help_text = _(
                "Open the post on %(network)s and copy its address from the browser."
            ) % {"network": self.network}

    def clean_url(self) -> str:
        """A web address on the network's host (any web address where the host is unknown)."""
        url = str(self.cleaned_data["url"])
        if urlsplit(url).scheme not in ("http", "https"):
            raise forms.ValidationError(
                _("Give the address of a web page, starting with https://."), code="scheme"
            )
        if not on_hosts(url, self.hosts):
            raise forms.ValidationError(
                _("This address is not on %(network)s; its posts are on %(hosts)s.")
                % {"network": self.network, "hosts": ", ".join(self.hosts)},
                code="host",
            )
        return url
