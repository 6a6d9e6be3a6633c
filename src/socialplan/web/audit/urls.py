"""Addresses of the audit app, under /<workspace>/audit/."""

from django.urls import path

from socialplan.web.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
