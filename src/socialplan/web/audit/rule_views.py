"""The rule pages: every rule and its document, in the reader's language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def rule_list(request: HttpRequest) -> HttpResponse:
    """Placeholder until the rule pages land."""
    return render(request, "base.html")
