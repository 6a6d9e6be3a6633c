"""The app's addresses."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from socialplan.web.calendar.public_image_views import public_image
from socialplan.web.workspaces import views as workspace_views

urlpatterns = [
    path(
        "signin/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("signout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", login_not_required(set_language), name="set_language"),
    path("preferences/", workspace_views.preferences, name="preferences"),
    path("join/<str:token>/", workspace_views.invitation_accept, name="invitation_accept"),
    path("operators/", admin.site.urls),
    path("rules/", include("socialplan.web.audit.rule_urls")),
    path("<slug:slug>/strategy/", include("socialplan.web.strategy.urls")),
    path("<slug:slug>/imports/", include("socialplan.web.imports.urls")),
    path("<slug:slug>/audit/", include("socialplan.web.audit.urls")),
    path("<slug:slug>/calendar/", include("socialplan.web.calendar.urls")),
    path("", include("socialplan.web.workspaces.urls")),
    # Last: a workspace's own addresses win; a signed token (it has colons) is no page of theirs.
    path("images/<str:token>/", public_image, name="public_image"),
]
