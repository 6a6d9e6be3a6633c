"""Workspaces in the Django admin, for operators."""

from django.contrib import admin

from socialplan.web.workspaces.models import Invitation, Membership, Preferences, Workspace


class MembershipInline(admin.TabularInline[Membership, Workspace]):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin[Workspace]):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ["email", "workspace", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    # The token is the invitation's key: operators never need to see it.
    exclude = ["token"]


@admin.register(Preferences)
class PreferencesAdmin(admin.ModelAdmin[Preferences]):
    list_display = ["user", "language"]
