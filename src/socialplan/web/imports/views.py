"""Views of the imports app: the uploads of a workspace, and one upload's progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from socialplan.i18n import catalogue
from socialplan.web.imports.display import display
from socialplan.web.imports.forms import UploadForm
from socialplan.web.imports.jobs import start_import
from socialplan.web.imports.models import ImportJob
from socialplan.web.imports.uploads import limit_exceeded, upload_limit
from socialplan.web.language import library_language
from socialplan.web.workspaces.access import Access, signed_in, workspace_access
from socialplan.web.workspaces.models import Role

#: How many uploads the page lists, newest first.
SHOWN = 50


@require_http_methods(["GET", "POST"])
def job_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The workspace's uploads with their progress, and the upload form for editors."""
    access = workspace_access(request, slug)
    if request.method == "POST":
        return _upload(request, slug)
    return _page(request, access, UploadForm())


def _upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Receive an export and queue its import; bad uploads get the page back with why."""
    access = workspace_access(request, slug, Role.EDITOR)
    if limit_exceeded(request):
        # The file was dropped unread; the form says why in place of "this field is required".
        form = UploadForm(request.POST, MultiValueDict())
        form.is_valid()
        form.errors["export"] = form.error_class(
            [
                _("This file is larger than the upload limit of %(limit)s.")
                % {"limit": filesizeformat(upload_limit())}
            ]
        )
        return _page(request, access, form, status=413)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, access, form, status=400)
    start_import(
        access.workspace,
        signed_in(request),
        form.cleaned_data["export"],
        form.cleaned_data["format"],
    )
    messages.success(
        request,
        _("Upload received. The import runs in the background; this page shows how it goes."),
    )
    return redirect("imports:list", slug=slug)


def _page(
    request: HttpRequest, access: Access, form: UploadForm, status: int = 200
) -> HttpResponse:
    cat = catalogue(library_language(get_language()))
    jobs = ImportJob.objects.filter(workspace=access.workspace).select_related(
        "workspace", "uploaded_by"
    )[:SHOWN]
    return render(
        request,
        "imports/list.html",
        {
            "access": access,
            "form": form,
            "can_upload": access.can(Role.EDITOR),
            "limit": upload_limit(),
            "rows": [display(job, cat) for job in jobs],
        },
        status=status,
    )


@require_GET
def job_status(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    """One upload's progress, for the page to poll while the import runs."""
    access = workspace_access(request, slug)
    job = get_object_or_404(
        ImportJob.objects.select_related("workspace", "uploaded_by"),
        pk=job_id,
        workspace=access.workspace,
    )
    cat = catalogue(library_language(get_language()))
    return render(request, "imports/_job.html", {"access": access, "row": display(job, cat)})
