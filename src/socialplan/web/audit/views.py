"""Views of the audit app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from socialplan.web.workspaces.access import workspace_access


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """Placeholder page until the app's views land."""
    access = workspace_access(request, slug)
    return render(request, "workspaces/home.html", {"access": access})
