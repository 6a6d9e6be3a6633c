"""Addresses of the strategy app, under /<workspace>/strategy/."""

from django.urls import path

from socialplan.web.strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.overview, name="overview"),
]
