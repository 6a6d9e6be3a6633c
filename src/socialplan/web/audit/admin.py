"""Audit snapshots in the Django admin: operators may drop one to force a fresh audit."""

from django.contrib import admin
from django.http import HttpRequest

from socialplan.web.audit.models import AuditSnapshot


@admin.register(AuditSnapshot)
class AuditSnapshotAdmin(admin.ModelAdmin[AuditSnapshot]):
    list_display = ["workspace", "revision", "key"]
    list_filter = ["workspace"]
    readonly_fields = ["workspace", "revision", "key"]
    exclude = ["data", "charts"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
