"""Narrowing the dashboard's findings by channel, mistake and severity."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from socialplan.i18n import Catalogue
from socialplan.rules.base import SEVERITY_LABELS, Severity
from socialplan.rules.registry import all_rules
from socialplan.strategy.networks import NETWORKS, network_label
from socialplan.web.audit.summary import KeptFinding

SELECT = forms.Select(attrs={"class": "form-select form-select-sm"})


class FindingFilter(forms.Form):
    """The filter form; its choices are what the findings hold, so no choice shows nothing.

    A known value that no finding holds any more (an old link) is accepted and shows an empty
    list; anything else is a bad request.
    """

    network = forms.ChoiceField(label=_("Channel"), required=False, widget=SELECT)
    mistake = forms.ChoiceField(label=_("Mistake"), required=False, widget=SELECT)
    severity = forms.ChoiceField(label=_("Severity"), required=False, widget=SELECT)

    def __init__(
        self, data: Mapping[str, Any], found: Sequence[KeptFinding], cat: Catalogue
    ) -> None:
        super().__init__({k: data.get(k, "") for k in ("network", "mistake", "severity")})
        networks = {n for kept in found for n in kept.networks}
        mistakes = {m for kept in found for m in kept.finding.mistakes}
        severities = {kept.finding.severity.value for kept in found}
        self._offer("network", networks, set(NETWORKS), gettext("All channels"), network_label)
        self._offer(
            "mistake",
            mistakes,
            {m for r in all_rules() for m in r.mistakes},
            gettext("All mistakes"),
        )
        self._offer(
            "severity",
            severities,
            {s.value for s in Severity},
            gettext("All severities"),
            lambda v: cat.gettext(SEVERITY_LABELS[Severity(v)]),
            key=lambda v: -Severity(v).rank,
        )

    def _offer(
        self,
        name: str,
        present: set[str],
        known: set[str],
        everything: str,
        label: Callable[[str], str] = str,
        key: Callable[[str], Any] | None = None,
    ) -> None:
        """Offer the *present* values, and the submitted one when it is *known*."""
        asked = str(self.data.get(name) or "")
        values = present | ({asked} if asked in known else set())
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", everything),
            *((v, label(v)) for v in sorted(values, key=key or label)),
        ]

    def apply(self, found: Iterable[KeptFinding]) -> list[KeptFinding]:
        """The findings that match every chosen filter (all of them when the form is invalid)."""
        if not self.is_valid():
            return list(found)
        network = self.cleaned_data["network"]
        mistake = self.cleaned_data["mistake"]
        severity = self.cleaned_data["severity"]
        return [
            kept
            for kept in found
            if (not network or network in kept.networks)
            and (not mistake or mistake in kept.finding.mistakes)
            and (not severity or kept.finding.severity.value == severity)
        ]

    @property
    def active(self) -> bool:
        """Whether any filter is chosen."""
        return self.is_valid() and any(self.cleaned_data.values())
