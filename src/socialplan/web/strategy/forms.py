"""Forms of the strategy app: one per wizard step, the YAML import and the starter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from socialplan.i18n import LANGUAGE_NAMES
from socialplan.web.strategy.steps import Field, Kind, PartSpec, Step

NOTE_LABEL = _("What changed (optional)")
EMPTY_CHOICE = ("", "—")
YES_NO = (EMPTY_CHOICE, ("true", _("Yes")), ("false", _("No")))
OBJECTIVE_LABELS = {
    "awareness": _("Awareness: more people know and consider us"),
    "sales": _("Sales: more customers and orders"),
    "loyalty": _("Loyalty: customers come back and recommend us"),
}


def field_name(part: PartSpec, field: Field | None = None) -> str:
    """The form field that edits *field* of *part* (or the whole part)."""
    if field is None or part.scalar:
        return part.key
    return f"{part.key}__{field.key}"


def yaml_widget(text: str = "") -> forms.Textarea:
    """A text area for YAML: monospaced, left to right, as tall as its text."""
    rows = min(max(text.count("\n") + 2, 4), 30)
    return forms.Textarea(
        attrs={
            "class": "form-control font-monospace",
            "dir": "ltr",
            "spellcheck": "false",
            "rows": str(rows),
        }
    )


def _form_field(field: Field) -> forms.Field:
    # Values keep their own direction: a Persian document in an English page, and back.
    text = {"class": "form-control", "dir": "auto"}
    kind = field.kind
    if kind is Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={**text, "rows": "2"}), required=False)
    if kind is Kind.LINES:
        return forms.CharField(
            widget=forms.Textarea(attrs={**text, "rows": "3"}),
            required=False,
            help_text=_("One per line."),
        )
    if kind is Kind.NUMBER:
        return forms.FloatField(
            required=False, min_value=field.minimum, widget=forms.NumberInput(attrs=text)
        )
    if kind is Kind.WHOLE:
        minimum = int(field.minimum) if field.minimum is not None else None
        return forms.IntegerField(
            required=False, min_value=minimum, widget=forms.NumberInput(attrs=text)
        )
    if kind is Kind.DATE:
        return forms.DateField(
            required=False,
            widget=forms.DateInput(attrs={**text, "type": "date"}, format="%Y-%m-%d"),
        )
    if kind is Kind.YES_NO:
        return forms.ChoiceField(
            choices=YES_NO, required=False, widget=forms.Select(attrs={"class": "form-select"})
        )
    if kind is Kind.CHOICE:
        return forms.ChoiceField(
            choices=(EMPTY_CHOICE, *field.choices),
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
    if kind is Kind.CHOICES:
        return forms.MultipleChoiceField(
            choices=field.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )
    if kind is Kind.YAML:
        return forms.CharField(widget=yaml_widget(), required=False, strip=False)
    return forms.CharField(widget=forms.TextInput(attrs=text), required=False, max_length=2000)


class StepForm(forms.Form):
    """Every editable value of one wizard step, and the revision it was opened on."""

    base = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    note = forms.CharField(
        label=NOTE_LABEL,
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, step: Step, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        for part in step.parts:
            if part.as_yaml:
                self.fields[part.key] = forms.CharField(
                    widget=yaml_widget(str(self.initial.get(part.key) or "")),
                    required=False,
                    strip=False,
                    label=part.label,
                )
                continue
            for field in part.fields:
                name = field_name(part, field)
                made = _form_field(field)
                made.label = field.label
                current = self.initial.get(name)
                if isinstance(made, forms.ChoiceField) and field.kind is Kind.CHOICE:
                    # A valid document may use a value this list does not offer (any language
                    # tag); keep it selectable so saving other fields does not reject it.
                    known = {value for value, _label in field.choices}
                    if current and current not in known:
                        made.choices = [EMPTY_CHOICE, *field.choices, (current, current)]
                if field.kind is Kind.YAML:
                    made.widget = yaml_widget(str(current or ""))
                self.fields[name] = made


class ImportForm(forms.Form):
    """A whole strategy document, uploaded as a file or pasted."""

    file = forms.FileField(
        label=_("YAML file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".yaml,.yml"}),
    )
    text = forms.CharField(
        label=_("Or paste the YAML"),
        required=False,
        strip=False,
        widget=yaml_widget(),
    )
    note = forms.CharField(
        label=NOTE_LABEL,
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = bool(data.get("file")), bool((data.get("text") or "").strip())
        if all(given):
            raise forms.ValidationError(_("Choose a file or paste the YAML, not both."))
        if not any(given):
            raise forms.ValidationError(_("Choose a file or paste the YAML."))
        return data


class StarterForm(forms.Form):
    """The primary objective and language of a starter strategy."""

    objective = forms.ChoiceField(
        label=_("Primary objective"),
        choices=list(OBJECTIVE_LABELS.items()),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the document"),
        choices=list(LANGUAGE_NAMES.items()),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
