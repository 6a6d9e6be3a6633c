"""The operators' admin: every model's pages open for a superuser, and stay shut to others."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from web.conftest import Team


@pytest.fixture
def operator(db: None) -> Client:
    """A client signed in as a superuser."""
    client = Client()
    client.force_login(User.objects.create_superuser("operator", password="x-long-password-1"))
    return client


def test_every_registered_model_lists_for_operators(operator: Client, team: Team) -> None:
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert operator.get(url).status_code == 200, url


def test_members_cannot_open_the_admin(team: Team) -> None:
    response = team.client("owner").get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_invitation_tokens_are_not_shown_to_operators(operator: Client, team: Team) -> None:
    from socialplan.web.workspaces.models import Invitation

    invitation = Invitation.objects.create(workspace=team.workspace, email="a@example.org")
    html = operator.get(
        reverse("admin:workspaces_invitation_change", args=[invitation.pk])
    ).content.decode()
    assert invitation.token not in html
