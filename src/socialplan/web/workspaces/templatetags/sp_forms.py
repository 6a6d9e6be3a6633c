"""Template filters that give form widgets Bootstrap's classes, whatever form they come from."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


def widget_class(widget: forms.Widget) -> str:
    """Bootstrap's class for *widget*: checks, selects and text-like inputs differ."""
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


@register.filter
def styled(field: BoundField) -> SafeString:
    """The field's widget with Bootstrap's class and ``is-invalid`` when it has errors."""
    classes = [widget_class(field.field.widget)]
    if field.errors:
        classes.append("is-invalid")
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": " ".join([existing, *classes]).strip()})
