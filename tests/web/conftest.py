"""People the web tests act as: a workspace's owner, a member of each role, an outsider."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from socialplan.web.workspaces.models import Membership, Role, Workspace

PASSWORD = "a-long-test-password-42"


@dataclass
class Team:
    """A workspace with one member of each role and an outsider with a workspace of their own."""

    workspace: Workspace
    users: dict[str, User]

    def client(self, who: str) -> Client:
        """A client signed in as *who* (owner, editor, reviewer, viewer or outsider)."""
        client = Client()
        client.force_login(self.users[who])
        return client


@pytest.fixture
def team(db: None) -> Team:
    """A workspace "Acme" with four members and an outsider who owns "Other"."""
    workspace = Workspace.objects.create(name="Acme", slug="acme")
    users = {}
    for role in Role:
        user = User.objects.create_user(f"{role.value}-user", password=PASSWORD)
        Membership.objects.create(workspace=workspace, user=user, role=role)
        users[role.value] = user
    outsider = User.objects.create_user("outsider", password=PASSWORD)
    other = Workspace.objects.create(name="Other", slug="other")
    Membership.objects.create(workspace=other, user=outsider, role=Role.OWNER)
    users["outsider"] = outsider
    return Team(workspace, users)


MEMBERS = [r.value for r in Role]
EVERYONE = [*MEMBERS, "outsider"]


def expected_status(who: str, needed: Role) -> int:
    """What a view that needs *needed* answers *who*: 200, 403 for a lower role, 404 outside."""
    if who == "outsider":
        return 404
    return 200 if Role(who).allows(needed) else 403


Expect = Callable[[str, Role], int]
