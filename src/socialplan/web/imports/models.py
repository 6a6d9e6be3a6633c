"""An uploaded export and what importing it did: the record a background import task keeps."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialplan.web.workspaces.models import Workspace


class State(models.TextChoices):
    """Where an import stands."""

    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    DUPLICATE = "duplicate", _("Imported before")


#: States in which the task has not finished, so the page keeps asking.
UNFINISHED = frozenset({State.QUEUED, State.RUNNING})


class ImportJob(models.Model):
    """One upload of a platform export and the import that reads it into the activity store."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="import_jobs")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    original_name = models.CharField(_("file name"), max_length=255)
    #: Relative to the workspace's data folder; empty once the upload has been removed.
    upload_path = models.CharField(max_length=500, blank=True)
    size = models.BigIntegerField(_("size"), default=0)
    chosen_format = models.CharField(_("format chosen"), max_length=32, blank=True)
    detected_format = models.CharField(_("format"), max_length=32, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    #: The library's step name (fingerprint, read, analyse), shown translated.
    step = models.CharField(_("step"), max_length=16, blank=True)
    items = models.PositiveIntegerField(_("items"), default=0)
    accounts = models.PositiveIntegerField(_("accounts"), default=0)
    metrics = models.PositiveIntegerField(_("daily metrics"), default=0)
    moderation = models.PositiveIntegerField(_("moderation events"), default=0)
    kpis = models.PositiveIntegerField(_("KPI figures"), default=0)
    #: The library's problems (message id, arguments, place), rendered in each viewer's language.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.original_name} → {self.workspace} ({self.state})"

    @property
    def upload_file(self) -> Path | None:
        """Where the uploaded export is kept while it waits to be imported."""
        return self.workspace.data_dir / self.upload_path if self.upload_path else None

    @property
    def unfinished(self) -> bool:
        """Whether the import is still waiting or running."""
        return self.state in UNFINISHED

    def discard_upload(self) -> None:
        """Delete the uploaded export and the folder made for it; the record stays."""
        upload = self.upload_file
        if upload is not None:
            # The folder is ours (uploads/<random>/); the file name inside it came from the user.
            shutil.rmtree(upload.parent, ignore_errors=True)
            self.upload_path = ""
            ImportJob.objects.filter(pk=self.pk).update(upload_path="")
