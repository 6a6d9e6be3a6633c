"""The upload form: an export file and, when it cannot be recognised, its format."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from socialplan.activity.importers.base import all_importers
from socialplan.i18n import catalogue
from socialplan.web.language import library_language


def format_choices() -> list[tuple[str, str]]:
    """Every importer by name, labelled in the current language; first, "recognise it"."""
    cat = catalogue(library_language(get_language()))
    return [
        ("", str(_("Recognise the format"))),
        *((i.name, cat.gettext(i.label)) for i in all_importers()),
    ]


class UploadForm(forms.Form):
    """One export to import."""

    export = forms.FileField(
        label=_("Export file"),
        help_text=_("The zip file the network gave you, or a single file from it."),
        allow_empty_file=False,
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=format_choices,
        help_text=_("Only needed when the format is not recognised."),
    )
