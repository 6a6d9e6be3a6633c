"""A post's editor: a new draft, changes to one, and its checks live as people type."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialplan.web.calendar import checks, drafts, workflow
from socialplan.web.calendar.editor import (
    draft_of,
    form_for,
    initial_values,
    page,
    reader_catalogue,
    refused_page,
    rows,
)
from socialplan.web.calendar.forms import MoveForm
from socialplan.web.calendar.models import Post
from socialplan.web.calendar.present import render_in
from socialplan.web.calendar.when import zone_of
from socialplan.web.workspaces.access import signed_in, workspace_access
from socialplan.web.workspaces.models import Role


def post_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A new draft; ``?day=YYYY-MM-DD`` starts it on that day at nine."""
    access = workspace_access(request, slug, Role.EDITOR)
    if request.method != "POST":
        initial: dict[str, Any] = {"repeat_weeks": 0}
        day = MoveForm({"day": request.GET.get("day", "")})
        if day.is_valid():
            initial["publish_at"] = f"{day.cleaned_data['day']:%Y-%m-%d}T09:00"
        return page(request, access, form_for(access, initial=initial, new=True), None)
    form = form_for(access, request.POST, new=True)
    if not form.is_valid():
        return page(request, access, form, None, status=400)
    data = form.cleaned_data
    made = drafts.create(
        access.workspace,
        signed_in(request),
        text=data["text"],
        language=data["language"],
        publish_at=data["publish_at"],
        variants=form.variants(),
        repeat_weeks=data.get("repeat_weeks") or 0,
        zone=zone_of(access.workspace),
        pillar=data["pillar"],
    )
    if len(made) > 1:
        messages.success(request, _("Saved %(count)s drafts, one a week.") % {"count": len(made)})
    else:
        messages.success(request, _("Draft saved."))
    return redirect("calendar:post", slug=slug, post_id=made[0].pk)


def post_detail(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """A post: everyone reads it with its checks; editors change it while it is not scheduled."""
    access = workspace_access(request, slug)
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace)
    if request.method != "POST":
        return page(request, access, form_for(access, initial=initial_values(post, access)), post)
    access = workspace_access(request, slug, Role.EDITOR)
    form = form_for(access, request.POST)
    blockers = workflow.edit_blockers(post, access)
    if blockers:
        for reason in blockers:
            messages.error(request, reason)
        return page(
            request, access, form_for(access, initial=initial_values(post, access)), post, 409
        )
    if not form.is_valid():
        return page(request, access, form, post, status=400)
    data = form.cleaned_data
    before = post.state
    try:
        changed = drafts.update(
            post,
            text=data["text"],
            language=data["language"],
            publish_at=data["publish_at"],
            variants=form.variants(),
            pillar=data["pillar"],
        )
        workflow.after_edit(post, changed)
    except workflow.Refused as refused:
        return refused_page(request, access, post, refused)
    if post.state != before:
        messages.info(request, _("Saved. The post was changed, so it is a draft again."))
    else:
        messages.success(request, _("Saved."))
    return redirect("calendar:post", slug=slug, post_id=post.pk)


@require_POST
def live_check(request: HttpRequest, slug: str, post_id: int | None = None) -> HttpResponse:
    """The checks of the values as typed, without saving: next to each variant."""
    access = workspace_access(request, slug, Role.EDITOR)
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace) if post_id else None
    form = form_for(access, request.POST, new=post is None)
    valid = form.is_valid()
    shown = checks.shown(draft_of(access, form, post), reader_catalogue()) if valid else []
    return render_in(
        request,
        zone_of(access.workspace),
        "calendar/_live.html",
        {
            "form": form,
            "valid": valid,
            "rows": rows(form, shown, editing=False),
            "blocked": any(c.blocked for c in shown),
            "warnings": sum(len(c.findings) for c in shown),
        },
    )
