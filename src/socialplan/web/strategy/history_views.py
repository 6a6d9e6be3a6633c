"""Every saved revision of the strategy, what changed in each, and restoring an old one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialplan.errors import InputError
from socialplan.web.strategy import revisions
from socialplan.web.strategy.diff import rows
from socialplan.web.strategy.findings import show_problem
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.strategy.views import reader_catalogue
from socialplan.web.workspaces.access import signed_in, workspace_access
from socialplan.web.workspaces.models import Role


def history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every revision, newest first, with its author, time and note."""
    access = workspace_access(request, slug)
    revisions_list = access.workspace.strategy_revisions.select_related("author").order_by(
        "-number"
    )
    return render(
        request,
        "strategy/history.html",
        {
            "access": access,
            "revisions": revisions_list,
            "current": revisions.current(access.workspace),
            "can_edit": access.can(Role.EDITOR),
        },
    )


def diff(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """What revision *number* changed against the one before it (or ``?against=N``)."""
    access = workspace_access(request, slug)
    workspace = access.workspace
    revision = get_object_or_404(StrategyRevision, workspace=workspace, number=number)
    against = request.GET.get("against", "")
    older: StrategyRevision | None
    if against:
        if not against.isdigit():
            raise Http404
        older = get_object_or_404(StrategyRevision, workspace=workspace, number=int(against))
    else:
        older = workspace.strategy_revisions.filter(number__lt=number).order_by("-number").first()
    return render(
        request,
        "strategy/diff.html",
        {
            "access": access,
            "revision": revision,
            "older": older,
            "rows": rows(older.text if older else "", revision.text),
            "current": revisions.current(workspace),
            "can_edit": access.can(Role.EDITOR),
        },
    )


@require_POST
def restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Make an old revision current again, as a new revision: history is never rewritten."""
    access = workspace_access(request, slug, Role.EDITOR)
    workspace = access.workspace
    old = get_object_or_404(StrategyRevision, workspace=workspace, number=number)
    before = revisions.current(workspace)
    try:
        saved = revisions.save(
            workspace,
            old.text,
            signed_in(request),
            _("Restored revision %(number)s") % {"number": old.number},
        )
    except InputError as exc:
        # The rules of the document may have changed since the revision was saved.
        cat = reader_catalogue()
        for problem in exc.problems:
            shown = show_problem(problem, cat)
            messages.error(request, f"{shown.where} {shown.path} {shown.message}".strip())
        return redirect("strategy:history", slug=slug)
    if before is not None and before.pk == saved.pk:
        messages.info(request, _("That revision is the current one already."))
    else:
        messages.success(
            request,
            _("Revision %(old)s restored as revision %(new)s.")
            % {"old": old.number, "new": saved.number},
        )
    return redirect("strategy:history", slug=slug)
