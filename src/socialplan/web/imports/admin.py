"""Import jobs in the Django admin, for operators."""

from django.contrib import admin
from django.http import HttpRequest

from socialplan.web.imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin[ImportJob]):
    list_display = ["original_name", "workspace", "state", "created_at", "finished_at"]
    list_filter = ["state"]
    search_fields = ["original_name", "workspace__slug"]
    raw_id_fields = ["uploaded_by"]
    # What an import did is a record: operators read it, they do not rewrite it.
    readonly_fields = [
        "workspace",
        "original_name",
        "upload_path",
        "size",
        "chosen_format",
        "detected_format",
        "state",
        "step",
        "items",
        "accounts",
        "metrics",
        "moderation",
        "kpis",
        "problems",
        "created_at",
        "started_at",
        "finished_at",
        "task_result_id",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Imports begin with an upload in the app, never as a hand-made record.
        return False
