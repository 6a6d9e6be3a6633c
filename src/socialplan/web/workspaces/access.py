"""Who may see a workspace: members by role; everyone else gets a 404, never a hint."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from socialplan.web.workspaces.models import Membership, Role, Workspace


@dataclass(frozen=True)
class Access:
    """A member's view of one workspace."""

    workspace: Workspace
    membership: Membership

    @property
    def role(self) -> Role:
        """The member's role."""
        return self.membership.role_enum

    def can(self, needed: Role) -> bool:
        """Whether the member's role allows what *needed* may do."""
        return self.membership.allows(needed)


def signed_in(request: HttpRequest) -> User:
    """The signed-in user (the login middleware keeps everyone else out)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


def workspace_access(request: HttpRequest, slug: str, needed: Role = Role.VIEWER) -> Access:
    """The requesting user's access to workspace *slug*.

    Outsiders get 404 whether or not the workspace exists; members whose role is too low get
    403, since they know the workspace already.
    """
    membership = (
        Membership.objects.select_related("workspace")
        .filter(workspace__slug=slug, user=signed_in(request))
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.allows(needed):
        raise PermissionDenied
    return Access(membership.workspace, membership)
