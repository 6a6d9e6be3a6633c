"""Starting Django from the command line: settings, migrations."""

from __future__ import annotations

import os


def setup() -> None:
    """Configure Django with socialplan's settings (unless others are set) and load the apps."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialplan.web.settings")
    # The app never downloads models at run time, whatever a library may try.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import django

    django.setup()


def migrate() -> None:
    """Bring the app's database up to date, quietly."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
