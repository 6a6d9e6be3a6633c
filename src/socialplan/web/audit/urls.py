"""Addresses of the audit app, under /<workspace>/audit/."""

from django.urls import path

from socialplan.web.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.html", views.report_download, {"kind": "html"}, name="report_html"),
    path("report.pdf", views.report_download, {"kind": "pdf"}, name="report_pdf"),
]
