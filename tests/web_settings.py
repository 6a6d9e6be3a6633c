"""Settings for the web tests: a throwaway home folder, and PostgreSQL when asked for.

``SOCIALPLAN_TEST_DB=postgres`` starts a real PostgreSQL cluster on loopback for the whole
run (tests/servers.py), so the same suite proves both databases.
"""

from __future__ import annotations

import atexit
import os
import tempfile
from contextlib import ExitStack

os.environ["SOCIALPLAN_HOME"] = tempfile.mkdtemp(prefix="socialplan-web-test-")
os.environ.setdefault("SOCIALPLAN_SECRET_KEY", "tests-only-not-a-secret")

from socialplan.web.settings import *  # noqa: F403
from socialplan.web.settings import DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared-cache memory: the browser tests' live server thread and the test
    # itself then wait for each other's locks instead of failing with "table is locked".
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["SOCIALPLAN_HOME"], "test.db")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

if os.environ.get("SOCIALPLAN_TEST_DB") == "postgres":
    from servers import postgres

    _stack = ExitStack()
    _server = _stack.enter_context(postgres())
    atexit.register(_stack.close)
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": str(_server["user"]),
        "HOST": str(_server["host"]),
        "PORT": str(_server["port"]),
    }
