"""A post's deliveries: read them, decide what the publisher cannot, and publish a post now."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialplan.web.calendar import checks, workflow
from socialplan.web.calendar.deliveries import (
    DECIDES,
    confirm_blockers,
    delivery_section,
    try_again_blockers,
)
from socialplan.web.calendar.delivery_forms import PublishedAddressForm
from socialplan.web.calendar.editor import reader_catalogue
from socialplan.web.calendar.models import Delivery, Post, PostState
from socialplan.web.calendar.present import STATE_COLOURS, render_in
from socialplan.web.calendar.publishing import decisions
from socialplan.web.calendar.when import zone_of
from socialplan.web.workspaces.access import Access, signed_in, workspace_access

#: The decisions a person may take about one delivery, as they appear in its address.
DECISIONS = ("published", "not-published", "again")


def deliveries(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """The post's deliveries on a page of their own (where a decision sent with a mistake
    comes back to)."""
    access = workspace_access(request, slug)
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace)
    return _page(request, access, post)


@require_POST
def decide(
    request: HttpRequest, slug: str, post_id: int, delivery_id: int, decision: str
) -> HttpResponse:
    """Settle one delivery: it is on the network, it is not (send it again), or try it again."""
    if decision not in DECISIONS:
        raise Http404
    access = workspace_access(request, slug, DECIDES)
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace)
    delivery = get_object_or_404(
        Delivery.objects.select_related("channel"), pk=delivery_id, post=post
    )
    person = signed_in(request)
    if decision == "again":
        done = decisions.try_again(delivery, person)
        told = _("Sent again: it goes out within moments, under the same key.")
    elif decision == "not-published":
        done = decisions.confirm_not_published(delivery, person)
        told = _("Noted: it is sent again now, under the same key.")
    else:
        form = PublishedAddressForm(request.POST, delivery=delivery)
        if form.is_valid():
            done = decisions.confirm_published(delivery, person, form.cleaned_data["url"])
        elif confirm_blockers(delivery):
            done = False  # not waiting any more: refused below, whatever was typed
        else:
            return _page(request, access, post, form, status=400)
        told = _("Noted: it is published.")
    if not done:
        delivery.refresh_from_db()
        blockers = try_again_blockers if decision == "again" else confirm_blockers
        for reason in blockers(delivery) or [_("It changed meanwhile; reload the page.")]:
            messages.error(request, reason)
        return _page(request, access, post, status=409)
    messages.success(request, told)
    return redirect(_deliveries_of(slug, post))


@require_POST
def publish_now(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """Publish an approved or scheduled post now instead of at its time."""
    access = workspace_access(request, slug, DECIDES)
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace)
    errors = checks.blocking_findings(checks.stored(post))
    try:
        workflow.publish_now(post, access, errors)
    except workflow.Refused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
        post.refresh_from_db()
        return _page(request, access, post, status=409)
    messages.success(request, _("Publishing now: each channel goes out within moments."))
    return redirect(_deliveries_of(slug, post))


def _deliveries_of(slug: str, post: Post) -> str:
    return reverse("calendar:post", args=[slug, post.pk]) + "#sp-deliveries"


def _page(
    request: HttpRequest,
    access: Access,
    post: Post,
    address_form: PublishedAddressForm | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = checks.blocking_findings(checks.stored(post))
    return render_in(
        request,
        zone_of(access.workspace),
        "calendar/deliveries.html",
        {
            "access": access,
            "post": post,
            "state_colour": STATE_COLOURS.get(PostState(post.state), "secondary"),
            "delivery_section": delivery_section(
                post, access, reader_catalogue(), errors, address_form
            ),
            "zone": zone_of(access.workspace).key,
        },
        status=status,
    )
