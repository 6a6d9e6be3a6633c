"""An import job as a page shows it, in the viewer's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from socialplan.activity.importers.base import find_importer
from socialplan.i18n import N_, Catalogue
from socialplan.web.imports.models import ImportJob, State
from socialplan.web.imports.problems import from_json

#: The library's names for the steps of an import (the same texts as the command line's).
STEPS = {
    "fingerprint": N_("checking"),
    "read": N_("reading"),
    "analyse": N_("analysing and storing"),
}
ALREADY = N_("{path}: imported before; nothing added")
BADGES = {
    State.QUEUED: "secondary",
    State.RUNNING: "info",
    State.DONE: "success",
    State.FAILED: "danger",
    State.DUPLICATE: "warning",
}


@dataclass(frozen=True)
class JobDisplay:
    """What the page says about one job."""

    job: ImportJob
    badge: str
    step: str
    format_label: str
    messages: list[str]


def display(job: ImportJob, cat: Catalogue) -> JobDisplay:
    """*job* with its step, format and messages in *cat*'s language."""
    importer = find_importer(job.detected_format or job.chosen_format)
    return JobDisplay(
        job=job,
        badge=BADGES.get(State(job.state), "secondary"),
        step=cat.gettext(STEPS[job.step]) if job.unfinished and job.step in STEPS else "",
        format_label=cat.gettext(importer.label) if importer is not None else "",
        messages=_messages(job, cat),
    )


def _messages(job: ImportJob, cat: Catalogue) -> list[str]:
    """Why a job failed or added nothing; nothing for the others."""
    if job.state == State.DUPLICATE:
        return [cat.format(ALREADY, path=job.original_name)]
    if job.state != State.FAILED:
        return []
    problems = from_json(job.problems)
    if not problems:
        return [
            _(
                "The import stopped because of a problem on the server, not in your file. "
                "Nothing was added. Try again later; if it happens again, tell the people "
                "who run this site."
            )
        ]
    return [p.render(cat) for p in problems]
