"""Addresses of the rule pages, under /rules/."""

from django.urls import path

from socialplan.web.audit import rule_views

app_name = "rules"

urlpatterns = [
    path("", rule_views.rule_list, name="list"),
    path("<str:code>/", rule_views.rule_detail, name="detail"),
]
