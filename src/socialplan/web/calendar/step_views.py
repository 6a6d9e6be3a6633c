"""Steps of a post: review, approval, scheduling and back, a copy as a new draft, and a drop on
another day."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialplan.rules.finding import Finding
from socialplan.web.calendar import checks, copies, workflow
from socialplan.web.calendar.editor import TRANSITIONS, refused_page
from socialplan.web.calendar.forms import MoveForm
from socialplan.web.calendar.models import Post
from socialplan.web.calendar.when import on_day, zone_of
from socialplan.web.workspaces.access import Access, signed_in, workspace_access
from socialplan.web.workspaces.models import Role


@require_POST
def transition(request: HttpRequest, slug: str, post_id: int, action: str) -> HttpResponse:
    """Move the post one step: submit, approve, schedule, unschedule, withdraw or delete; or
    copy a post that went out (or failed to) as a new draft, and open that."""
    if action not in TRANSITIONS:
        raise Http404
    access = workspace_access(request, slug, TRANSITIONS[action])
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace)
    try:
        if action == "copy":
            copy = copies.copy_as_draft(post, access, signed_in(request))
            messages.success(
                request,
                _(
                    "This is a new draft, copied from the post: correct it, give it a time and "
                    "schedule it. The post it came from stays as it was."
                ),
            )
            return redirect("calendar:post", slug=slug, post_id=copy.pk)
        errors = checks.blocking_findings(checks.stored(post))
        done = _perform(action, post, access, errors)
    except workflow.Refused as refused:
        return refused_page(request, access, post, refused)
    messages.success(request, done)
    if action == "delete":
        return redirect("calendar:list", slug=slug)
    return redirect("calendar:post", slug=slug, post_id=post.pk)


def _perform(action: str, post: Post, access: Access, errors: list[Finding]) -> str:
    """Do *action*; what to tell the reader."""
    if action == "submit":
        workflow.submit(post, access, errors)
        return _("Submitted for review.")
    if action == "approve":
        workflow.approve(post, access, errors)
        return _("Approved.")
    if action == "schedule":
        workflow.schedule(post, access, errors)
        return _("Scheduled: it goes out at its time.")
    if action == "unschedule":
        workflow.unschedule(post, access)
        return _("Unscheduled: it stays approved until scheduled again.")
    if action == "withdraw":
        workflow.withdraw(post, access)
        return _("Back to draft.")
    workflow.delete(post, access)
    return _("Deleted.")


@require_POST
def move(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """Drop a post on another local day, at the same wall-clock time (plain text answers)."""
    access = workspace_access(request, slug, Role.EDITOR)
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _plain(_("Choose a day such as 2026-03-29."), 400)
    if post.publish_at is None:
        return _plain(_("This post has no time yet; give it one in the editor."), 400)
    when = on_day(post.publish_at, form.cleaned_data["day"], zone_of(access.workspace))
    try:
        workflow.move(post, access, when, now=timezone.now())
    except workflow.Refused as refused:
        return _plain(" ".join(refused.reasons), 409)
    return HttpResponse(status=204)


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
