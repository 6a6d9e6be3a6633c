"""The interface language: the user's choice, else the browser's at first visit."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from socialplan.i18n import direction as text_direction
from socialplan.i18n import normalise_language

#: Django's language codes, from the library's.
DJANGO_CODE = {"zh": "zh-hans"}


def library_language(django_code: str | None) -> str:
    """The library's code for a Django language code (``zh-hans`` is ``zh``)."""
    return normalise_language(django_code) or "en"


def django_language(library_code: str) -> str:
    """Django's code for a library language code."""
    return DJANGO_CODE.get(library_code, library_code)


class UserLanguageMiddleware:
    """Activate the signed-in user's chosen language over the browser's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        chosen = getattr(getattr(user, "preferences", None), "language", "")
        if user.is_authenticated and chosen:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


def direction(request: HttpRequest) -> dict[str, str]:
    """Template context: the page's ``dir`` and the library's language code."""
    lang = library_language(translation.get_language())
    return {"text_direction": text_direction(lang), "library_language": lang}
