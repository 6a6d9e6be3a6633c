"""Connected accounts: list them with their state, connect one, check it again, remove it.

Credentials are typed once, checked with the network and sealed; no page shows them again
(secret inputs are never filled back in), and error reports leave the POST out.
"""

from __future__ import annotations

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from socialplan.publish.errors import PublishError
from socialplan.web.calendar import connecting
from socialplan.web.calendar.editor import reader_catalogue
from socialplan.web.calendar.forms import CredentialsForm, NetworkForm, channel_label
from socialplan.web.calendar.models import Channel
from socialplan.web.calendar.present import render_in
from socialplan.web.calendar.when import zone_of
from socialplan.web.workspaces.access import Access, workspace_access
from socialplan.web.workspaces.models import Role


def _page(
    request: HttpRequest,
    access: Access,
    network_form: NetworkForm,
    credentials_form: Form | None,
    status: int = 200,
) -> HttpResponse:
    cat = reader_catalogue()
    channels = [
        (channel, connecting.show_problem(channel.problem, cat))
        for channel in access.workspace.channels.all()
    ]
    return render_in(
        request,
        zone_of(access.workspace),
        "calendar/channels.html",
        {
            "access": access,
            "channels": channels,
            "network_form": network_form,
            "credentials_form": credentials_form,
            "can_edit": access.can(Role.EDITOR),
        },
        status=status,
    )


def channels(request: HttpRequest, slug: str) -> HttpResponse:
    """The workspace's accounts; editors pick a network (``?network=``) to connect one."""
    access = workspace_access(request, slug)
    network_form = NetworkForm(request.GET if "network" in request.GET else None)
    credentials_form = None
    if access.can(Role.EDITOR) and network_form.is_valid():
        credentials_form = CredentialsForm(network_form.cleaned_data["network"])
    if request.headers.get("HX-Request") == "true":
        # Only the fields of the chosen network (none while no network is chosen).
        return render(
            request, "calendar/_credentials.html", {"access": access, "form": credentials_form}
        )
    status = 400 if network_form.is_bound and not network_form.is_valid() else 200
    return _page(request, access, network_form, credentials_form, status)


@sensitive_post_parameters()
@require_POST
def connect(request: HttpRequest, slug: str) -> HttpResponse:
    """Check the typed credentials with the network; keep them sealed when it accepts them."""
    access = workspace_access(request, slug, Role.EDITOR)
    network_form = NetworkForm(request.POST)
    if not network_form.is_valid():
        return _page(request, access, network_form, None, status=400)
    network = network_form.cleaned_data["network"]
    form = CredentialsForm(network, request.POST)
    if not form.is_valid() or form.credentials is None:
        return _page(request, access, network_form, form, status=400)
    try:
        channel = connecting.save(access.workspace, network, form.credentials)
    except PublishError as error:
        form.add_error(None, error.render(reader_catalogue()))
        return _page(request, access, network_form, form, status=400)
    messages.success(request, _("Connected %(channel)s.") % {"channel": channel_label(channel)})
    return redirect("calendar:channels", slug=slug)


@require_POST
def recheck(request: HttpRequest, slug: str, channel_id: int) -> HttpResponse:
    """Ask the network again whether the account's saved credentials still work."""
    access = workspace_access(request, slug, Role.EDITOR)
    channel = get_object_or_404(Channel, pk=channel_id, workspace=access.workspace)
    connecting.recheck(channel)
    if channel.problem:
        messages.error(request, connecting.show_problem(channel.problem, reader_catalogue()))
    else:
        messages.success(request, _("%(channel)s works.") % {"channel": channel_label(channel)})
    return redirect("calendar:channels", slug=slug)


@require_POST
def remove(request: HttpRequest, slug: str, channel_id: int) -> HttpResponse:
    """Forget an account and its credentials; not while a post goes or went to it."""
    access = workspace_access(request, slug, Role.EDITOR)
    channel = get_object_or_404(Channel, pk=channel_id, workspace=access.workspace)
    if channel.deliveries.exists():
        messages.error(
            request,
            _("Posts use %(channel)s, so it stays; remove it from those posts first.")
            % {"channel": channel_label(channel)},
        )
        return _page(request, access, NetworkForm(), None, status=409)
    channel.delete()
    messages.success(request, _("Removed %(channel)s.") % {"channel": channel_label(channel)})
    return redirect("calendar:channels", slug=slug)
