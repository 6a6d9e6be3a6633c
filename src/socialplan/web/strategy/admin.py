"""Strategy revisions in the Django admin: read-only, since every change is a new revision."""

from django.contrib import admin
from django.http import HttpRequest

from socialplan.web.strategy.models import StrategyRevision


@admin.register(StrategyRevision)
class StrategyRevisionAdmin(admin.ModelAdmin[StrategyRevision]):
    list_display = ["workspace", "number", "author", "note", "created_at"]
    list_filter = ["workspace"]
    readonly_fields = ["workspace", "number", "text", "author", "note", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
