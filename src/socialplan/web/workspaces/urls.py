"""Addresses of the workspaces app."""

from django.urls import path

from socialplan.web.workspaces import views

app_name = "workspaces"

urlpatterns = [
    path("", views.workspace_list, name="list"),
    path("new/", views.workspace_create, name="create"),
    path("<slug:slug>/", views.workspace_home, name="home"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<int:member_id>/", views.member_change, name="member_change"),
    path("<slug:slug>/members/<int:member_id>/remove/", views.member_remove, name="member_remove"),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
