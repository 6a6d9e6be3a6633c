"""Addresses of the calendar app, under /<workspace>/calendar/."""

from django.urls import path

from socialplan.web.calendar import (
    channel_views,
    delivery_views,
    image_views,
    post_views,
    step_views,
    views,
)

app_name = "calendar"

urlpatterns = [
    path("", views.month, name="month"),
    path("month/<int:year>/<int:month_number>/", views.month, name="month_at"),
    path("week/", views.week, name="week"),
    path("week/<int:year>/<int:month_number>/<int:day>/", views.week, name="week_at"),
    path("list/", views.post_list, name="list"),
    path("calendar.ics", views.export, name="ical"),
    path("posts/new/", post_views.post_new, name="post_new"),
    path("posts/new/check/", post_views.live_check, name="check_new"),
    path("posts/<int:post_id>/", post_views.post_detail, name="post"),
    path("posts/<int:post_id>/check/", post_views.live_check, name="check"),
    path("posts/<int:post_id>/move/", step_views.move, name="move"),
    # Before the steps' pattern, which would take "deliveries" for a step.
    path("posts/<int:post_id>/deliveries/", delivery_views.deliveries, name="deliveries"),
    path("posts/<int:post_id>/deliveries/now/", delivery_views.publish_now, name="publish_now"),
    path(
        "posts/<int:post_id>/deliveries/<int:delivery_id>/<slug:decision>/",
        delivery_views.decide,
        name="decide",
    ),
    path("posts/<int:post_id>/images/", image_views.image_add, name="image_add"),
    path("posts/<int:post_id>/images/<int:image_id>/", image_views.image_file, name="image"),
    path(
        "posts/<int:post_id>/images/<int:image_id>/small/",
        image_views.image_file,
        {"small": True},
        name="image_small",
    ),
    path(
        "posts/<int:post_id>/images/<int:image_id>/describe/",
        image_views.image_describe,
        name="image_describe",
    ),
    path(
        "posts/<int:post_id>/images/<int:image_id>/remove/",
        image_views.image_remove,
        name="image_remove",
    ),
    path("posts/<int:post_id>/<slug:action>/", step_views.transition, name="transition"),
    path("channels/", channel_views.channels, name="channels"),
    path("channels/connect/", channel_views.connect, name="connect"),
    path("channels/<int:channel_id>/check/", channel_views.recheck, name="channel_check"),
    path("channels/<int:channel_id>/remove/", channel_views.remove, name="channel_remove"),
]
