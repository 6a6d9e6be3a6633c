"""The demo workspace: a user, a workspace, the demo strategy, its imported export and an
editorial calendar of unconnected channels and a few posts (see demo_calendar.py)."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction

from socialplan.activity.ingest import import_path
from socialplan.activity.store import Store
from socialplan.errors import InputError
from socialplan.i18n import N_, Catalogue
from socialplan.inputs import read_text
from socialplan.strategy.load import parse_strategy
from socialplan.web.audit.tasks import warm_audit
from socialplan.web.demo_calendar import load_calendar, read_calendar
from socialplan.web.imports.brand import workspace_brand
from socialplan.web.strategy import revisions
from socialplan.web.workspaces.models import Membership, Role, Workspace

DEMO_USER = "demo"
DEMO_LOGIN = N_("Sign in as {user} with the password {password}")
DEMO_FOLDER = N_("a demo folder holds strategy.yaml and an export folder")


def load_demo(folder: Path, cat: Catalogue) -> Workspace:
    """Make (or refresh) the demo workspace from *folder* and print how to sign in."""
    strategy_file, export = folder / "strategy.yaml", folder / "export"
    if not strategy_file.is_file() or not export.exists():
        raise InputError.one(str(folder), DEMO_FOLDER)
    text = read_text(strategy_file)
    strategy = parse_strategy(text, str(strategy_file)).document
    calendar = read_calendar(folder / "calendar.yaml")
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
        revisions.save(workspace, text, user, note="demo")
        load_calendar(workspace, user, strategy, calendar)
    # Importing the same export twice adds nothing, so a restarted demo keeps one copy.
    import_path(export, Store(workspace.store_dir), workspace_brand(workspace))
    # The worker audits while the person signs in, so the dashboard opens at once.
    warm_audit.enqueue(workspace.pk)
    print(cat.format(DEMO_LOGIN, user=DEMO_USER, password=password), flush=True)
    return workspace
