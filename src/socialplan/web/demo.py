"""The demo workspace: a user, a workspace, the demo strategy and its imported export."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db import transaction

from socialplan.i18n import N_, Catalogue
from socialplan.web.workspaces.models import Membership, Role, Workspace

DEMO_USER = "demo"
DEMO_LOGIN = N_("Sign in as {user} with the password {password}")


def load_demo(url: str, cat: Catalogue) -> Workspace:
    """Make (or refresh) the demo workspace and print how to sign in."""
    password = secrets.token_urlsafe(9)
    with transaction.atomic():
        user, _created = User.objects.get_or_create(username=DEMO_USER)
        user.set_password(password)
        user.save()
        workspace, _created = Workspace.objects.get_or_create(
            slug="demo", defaults={"name": "Demo"}
        )
        Membership.objects.get_or_create(
            workspace=workspace, user=user, defaults={"role": Role.OWNER}
        )
    print(cat.format(DEMO_LOGIN, user=DEMO_USER, password=password), flush=True)
    return workspace
