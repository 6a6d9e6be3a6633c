"""``socialplan serve`` and ``socialplan worker``: the web app and its task worker."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from socialplan.i18n import N_, Catalogue

SERVE_HELP = N_("run the web app (migrates its database first)")
HOST_HELP = N_("address to listen on (default: 127.0.0.1)")
PORT_HELP = N_("port to listen on (default: 8000)")
WITH_WORKER_HELP = N_("also run a task worker beside the web app")
DEMO_HELP = N_(
    "load the demo workspace from this folder (strategy.yaml and export/) and print its login"
)
WORKER_HELP = N_("run the task worker: imports, audits and publishing")
LISTENING = N_("socialplan is running at {url}")


def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """Add the ``serve`` subparser."""
    _ = cat.gettext
    p = sub.add_parser("serve", help=_(SERVE_HELP), description=_(SERVE_HELP), parents=[common])
    p.add_argument("--host", default="127.0.0.1", help=_(HOST_HELP))
    p.add_argument("--port", type=int, default=8000, help=_(PORT_HELP))
    p.add_argument("--with-worker", action="store_true", help=_(WITH_WORKER_HELP))
    p.add_argument("--demo", type=Path, metavar="FOLDER", help=_(DEMO_HELP))
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, cat: Catalogue) -> int:
    """Migrate, optionally load the demo, start a worker, then serve until interrupted."""
    from socialplan.web import boot

    boot.setup()
    boot.migrate()
    url = f"http://{args.host}:{args.port}/"
    if args.demo:
        from socialplan.web.demo import load_demo

        load_demo(args.demo, cat)
    worker = (
        subprocess.Popen([sys.executable, "-m", "socialplan", "worker"])
        if args.with_worker
        else None
    )
    try:
        from waitress import serve

        from socialplan.web.wsgi import application

        print(cat.format(LISTENING, url=url), flush=True)
        serve(application, host=args.host, port=args.port, threads=8, _quiet=True)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
    return 0


class Worker:
    """The ``worker`` command."""

    @staticmethod
    def add_to(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
        """Add the ``worker`` subparser."""
        p = sub.add_parser(
            "worker",
            help=cat.gettext(WORKER_HELP),
            description=cat.gettext(WORKER_HELP),
            parents=[common],
        )
        p.set_defaults(handler=Worker.handle)

    @staticmethod
    def handle(args: argparse.Namespace, cat: Catalogue) -> int:
        """Run the publisher's scheduling loop and the task worker until interrupted.

        The task worker is the database backend's, or RQ's when tasks go through Redis
        (``SOCIALPLAN_TASK_BACKEND=django_tasks_rq.RQBackend``). Several workers may run at once.
        """
        from socialplan.web import boot

        boot.setup()
        boot.migrate()
        from socialplan.web.calendar.publishing.identity import worker_id
        from socialplan.web.calendar.publishing.runner import run_worker

        run_worker(worker_id())
        return 0
