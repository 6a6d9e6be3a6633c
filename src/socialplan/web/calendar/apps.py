"""The calendar app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """Channels, posts, deliveries and publishing attempts."""

    name = "socialplan.web.calendar"
    label = "calendar"
    verbose_name = _("Calendar")
