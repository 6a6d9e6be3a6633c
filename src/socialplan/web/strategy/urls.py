"""Addresses of the strategy app, under /<workspace>/strategy/."""

from django.urls import path

from socialplan.web.strategy import history_views, step_views, views

app_name = "strategy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("strategy.yaml", views.export, name="export"),
    path("import/", views.import_yaml, name="import"),
    path("start/", views.start, name="start"),
    path("steps/<slug:step_slug>/", step_views.step, name="step"),
    path("steps/<slug:step_slug>/check/", step_views.step_check, name="check"),
    path("history/", history_views.history, name="history"),
    path("revisions/<int:number>/", history_views.diff, name="diff"),
    path("revisions/<int:number>/restore/", history_views.restore, name="restore"),
]
