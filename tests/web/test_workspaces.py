"""Workspaces, members and invitations, as every kind of person."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from socialplan.web.workspaces.models import Invitation, Membership, Role, Workspace
from web.conftest import EVERYONE, Team, expected_status


def test_signed_out_visitor_is_sent_to_sign_in(db: None) -> None:
    response = Client().get(reverse("workspaces:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_sign_in_page_is_public_and_translated(db: None) -> None:
    response = Client(headers={"accept-language": "fa"}).get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert 'lang="fa"' in html
    assert "bootstrap.rtl.min.css" in html


@pytest.mark.parametrize("who", EVERYONE)
def test_workspace_home(team: Team, who: str) -> None:
    response = team.client(who).get(reverse("workspaces:home", args=["acme"]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        assert "Acme" in response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_members_page(team: Team, who: str) -> None:
    response = team.client(who).get(reverse("workspaces:members", args=["acme"]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        html = response.content.decode()
        assert "editor-user" in html
        # Only owners see invitation links and management forms.
        assert ("Invite someone" in html) == (who == "owner")


def test_outsider_cannot_tell_a_workspace_exists(team: Team) -> None:
    client = team.client("outsider")
    real = client.get(reverse("workspaces:home", args=["acme"]))
    missing = client.get(reverse("workspaces:home", args=["no-such-workspace"]))
    assert real.status_code == missing.status_code == 404


def test_list_shows_only_own_workspaces(team: Team) -> None:
    html = team.client("outsider").get(reverse("workspaces:list")).content.decode()
    assert "Other" in html
    assert "Acme" not in html


def test_creating_a_workspace_makes_its_owner(team: Team) -> None:
    client = team.client("viewer")
    response = client.post(reverse("workspaces:create"), {"name": "Acme", "time_zone": "UTC"})
    workspace = Workspace.objects.get(slug="acme-2")
    assert response["Location"] == reverse("workspaces:home", args=["acme-2"])
    assert workspace.memberships.get().role == Role.OWNER


def test_workspace_name_needs_a_letter(team: Team) -> None:
    response = team.client("viewer").post(
        reverse("workspaces:create"), {"name": "!!!", "time_zone": "UTC"}
    )
    assert response.status_code == 400
    assert not Workspace.objects.filter(name="!!!").exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_only_owner_invites(team: Team, who: str) -> None:
    response = team.client(who).post(
        reverse("workspaces:members", args=["acme"]),
        {"email": "new@example.org", "role": "editor", "department": "sales"},
    )
    assert response.status_code == (302 if who == "owner" else expected_status(who, Role.OWNER))
    assert Invitation.objects.filter(email="new@example.org").exists() == (who == "owner")


def test_invitation_makes_an_account_and_a_membership(team: Team) -> None:
    invitation = Invitation.objects.create(
        workspace=team.workspace, email="new@example.org", role=Role.EDITOR, department="sales"
    )
    client = Client()
    url = reverse("invitation_accept", args=[invitation.token])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "username": "newcomer",
            "email": "new@example.org",
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
        },
    )
    assert response["Location"] == reverse("workspaces:home", args=["acme"])
    membership = Membership.objects.get(user__username="newcomer")
    assert (membership.role, membership.department) == ("editor", "sales")
    # The link works once.
    assert Client().get(url).status_code == 404


def test_unknown_invitation_is_404(db: None) -> None:
    assert Client().get(reverse("invitation_accept", args=["nope"])).status_code == 404


@pytest.mark.parametrize("who", EVERYONE)
def test_only_owner_changes_roles(team: Team, who: str) -> None:
    target = Membership.objects.get(user__username="viewer-user")
    response = team.client(who).post(
        reverse("workspaces:member_change", args=["acme", target.pk]),
        {"role": "editor", "department": "legal"},
    )
    target.refresh_from_db()
    assert (target.role == "editor") == (who == "owner")
    if who != "owner":
        assert response.status_code == expected_status(who, Role.OWNER)


def test_last_owner_cannot_step_down_or_leave(team: Team) -> None:
    owner = Membership.objects.get(user__username="owner-user")
    client = team.client("owner")
    client.post(
        reverse("workspaces:member_change", args=["acme", owner.pk]),
        {"role": "viewer", "department": "marketing"},
    )
    client.post(reverse("workspaces:member_remove", args=["acme", owner.pk]))
    owner.refresh_from_db()
    assert owner.role == Role.OWNER


def test_member_of_another_workspace_cannot_be_changed_through_this_one(team: Team) -> None:
    foreign = Membership.objects.get(user__username="outsider")
    response = team.client("owner").post(
        reverse("workspaces:member_remove", args=["acme", foreign.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_chosen_language_wins_over_the_browser(team: Team) -> None:
    client = team.client("viewer")
    client.post(reverse("preferences"), {"language": "fa"})
    html = client.get(
        reverse("workspaces:list"), headers={"accept-language": "en"}
    ).content.decode()
    assert 'dir="rtl"' in html


def test_every_form_needs_csrf(team: Team) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="owner-user"))
    response = client.post(reverse("workspaces:create"), {"name": "X", "time_zone": "UTC"})
    assert response.status_code == 403


def test_the_suite_runs_on_the_database_asked_for(db: None) -> None:
    from django.db import connection

    wanted = os.environ.get("SOCIALPLAN_TEST_DB", "sqlite")
    assert connection.vendor == {"postgres": "postgresql"}.get(wanted, wanted)
