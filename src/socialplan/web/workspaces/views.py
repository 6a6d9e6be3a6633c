"""Views of workspaces, members and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialplan.web.workspaces.access import signed_in, workspace_access
from socialplan.web.workspaces.forms import (
    InvitationForm,
    MembershipForm,
    PreferencesForm,
    SignUpForm,
    WorkspaceForm,
)
from socialplan.web.workspaces.models import (
    DEPARTMENT_CHOICES,
    Invitation,
    Membership,
    Preferences,
    Role,
    Workspace,
)


def workspace_list(request: HttpRequest) -> HttpResponse:
    """The workspaces the user belongs to, and a form for a new one."""
    memberships = Membership.objects.filter(user=signed_in(request)).select_related("workspace")
    return render(
        request,
        "workspaces/list.html",
        {"memberships": memberships, "form": WorkspaceForm()},
    )


@require_POST
def workspace_create(request: HttpRequest) -> HttpResponse:
    """Make a workspace; its maker is its owner."""
    form = WorkspaceForm(request.POST)
    if not form.is_valid():
        memberships = Membership.objects.filter(user=signed_in(request)).select_related("workspace")
        return render(
            request, "workspaces/list.html", {"memberships": memberships, "form": form}, status=400
        )
    workspace = form.save(commit=False)
    workspace.slug = _free_slug(slugify(workspace.name)[:50] or "workspace")
    with transaction.atomic():
        workspace.save()
        Membership.objects.create(workspace=workspace, user=signed_in(request), role=Role.OWNER)
    return redirect("workspaces:home", slug=workspace.slug)


def _free_slug(base: str) -> str:
    """*base*, or *base* with the first free number after it."""
    slug, number = base, 1
    while Workspace.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def workspace_home(request: HttpRequest, slug: str) -> HttpResponse:
    """A workspace's front page."""
    access = workspace_access(request, slug)
    return render(request, "workspaces/home.html", {"access": access})


def members(request: HttpRequest, slug: str) -> HttpResponse:
    """The team: members with roles and departments, and open invitations."""
    access = workspace_access(request, slug)
    workspace = access.workspace
    form = InvitationForm()
    if request.method == "POST":
        access = workspace_access(request, slug, Role.OWNER)
        form = InvitationForm(request.POST)
        if form.is_valid():
            invitation = form.save(commit=False)
            invitation.workspace = workspace
            invitation.invited_by = signed_in(request)
            invitation.save()
            messages.success(request, _("Invitation created. Send the link to the person."))
            return redirect("workspaces:members", slug=slug)
    return render(
        request,
        "workspaces/members.html",
        {
            "access": access,
            "memberships": workspace.memberships.select_related("user"),
            "invitations": workspace.invitations.filter(accepted_at__isnull=True),
            "form": form,
            "can_manage": access.can(Role.OWNER),
            "role_choices": Role.choices,
            "department_choices": DEPARTMENT_CHOICES,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def member_change(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """Change a member's role and department; the last owner cannot step down."""
    access = workspace_access(request, slug, Role.OWNER)
    membership = get_object_or_404(Membership, pk=member_id, workspace=access.workspace)
    was_owner = membership.role == Role.OWNER
    form = MembershipForm(request.POST, instance=membership)
    if form.is_valid():
        if was_owner and _last_owner(membership) and form.cleaned_data["role"] != Role.OWNER:
            messages.error(request, _("A workspace needs at least one owner."))
        else:
            form.save()
            messages.success(request, _("Member updated."))
    else:
        messages.error(request, _("That role or department is not known."))
    return redirect("workspaces:members", slug=slug)


@require_POST
def member_remove(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    """Remove a member; the last owner stays."""
    access = workspace_access(request, slug, Role.OWNER)
    membership = get_object_or_404(Membership, pk=member_id, workspace=access.workspace)
    if membership.role == Role.OWNER and _last_owner(membership):
        messages.error(request, _("A workspace needs at least one owner."))
    else:
        membership.delete()
        messages.success(request, _("Member removed."))
    return redirect("workspaces:members", slug=slug)


def _last_owner(membership: Membership) -> bool:
    """Whether no one but *membership* owns its workspace."""
    owners = Membership.objects.filter(workspace=membership.workspace, role=Role.OWNER)
    return not owners.exclude(pk=membership.pk).exists()


@require_POST
def invitation_revoke(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    """Withdraw an open invitation."""
    access = workspace_access(request, slug, Role.OWNER)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, workspace=access.workspace, accepted_at__isnull=True
    )
    invitation.delete()
    messages.success(request, _("Invitation withdrawn."))
    return redirect("workspaces:members", slug=slug)


@login_not_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join a workspace through an invitation: signed in, or by making an account."""
    invitation = Invitation.objects.filter(token=token, accepted_at__isnull=True).first()
    if invitation is None:
        raise Http404
    form = SignUpForm(initial={"email": invitation.email})
    if request.method == "POST":
        if not request.user.is_authenticated:
            form = SignUpForm(request.POST)
            if not form.is_valid():
                return render(
                    request,
                    "workspaces/invitation.html",
                    {"invitation": invitation, "form": form},
                    status=400,
                )
            user = form.save()
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        with transaction.atomic():
            try:
                Membership.objects.create(
                    workspace=invitation.workspace,
                    user=signed_in(request),
                    role=invitation.role,
                    department=invitation.department,
                )
            except IntegrityError:
                messages.info(request, _("You are already a member of this workspace."))
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["accepted_at"])
        return redirect("workspaces:home", slug=invitation.workspace.slug)
    return render(request, "workspaces/invitation.html", {"invitation": invitation, "form": form})


def preferences(request: HttpRequest) -> HttpResponse:
    """The user's interface language."""
    prefs, _created = Preferences.objects.get_or_create(user=signed_in(request))
    form = PreferencesForm(request.POST or None, instance=prefs)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Preferences saved."))
        response = redirect("preferences")
        if prefs.language:
            from django.conf import settings

            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, prefs.language, samesite="Lax")
        return response
    return render(request, "workspaces/preferences.html", {"form": form})
