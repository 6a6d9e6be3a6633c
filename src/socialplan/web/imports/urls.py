"""Addresses of the imports app, under /<workspace>/imports/."""

from django.urls import path

from socialplan.web.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:job_id>/", views.job_status, name="job"),
]
