"""Workspaces and who may do what in them."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialplan.strategy.model.vocab import DEPARTMENTS


class Role(models.TextChoices):
    """What a member may do; each role may do everything of the roles below it."""

    VIEWER = "viewer", _("Viewer")
    REVIEWER = "reviewer", _("Reviewer")
    EDITOR = "editor", _("Editor")
    OWNER = "owner", _("Owner")

    @property
    def rank(self) -> int:
        """Order of the roles, viewer lowest."""
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what *needed* may."""
        return self.rank >= needed.rank


DEPARTMENT_LABELS = {
    "management": _("Management"),
    "marketing": _("Marketing"),
    "content": _("Content"),
    "sales": _("Sales"),
    "customer_service": _("Customer service"),
    "pr": _("Public relations"),
    "billing": _("Billing"),
    "production": _("Production"),
    "product": _("Product"),
    "hr": _("Human resources"),
    "legal": _("Legal"),
    "it": _("IT"),
    "design": _("Design"),
    "community": _("Community"),
    "other": _("Other"),
}
DEPARTMENT_CHOICES = [(d, DEPARTMENT_LABELS[d]) for d in DEPARTMENTS]


class Workspace(models.Model):
    """One organisation's strategy, activity data and team."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    #: Whether someone may approve their own post (small teams); otherwise a second person must.
    allow_self_approval = models.BooleanField(
        _("authors may approve their own posts"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("workspace")
        verbose_name_plural = _("workspaces")

    def __str__(self) -> str:
        return self.name

    @property
    def data_dir(self) -> Path:
        """The folder of this workspace's activity store and uploads."""
        return Path(settings.DATA_DIR) / "workspaces" / str(self.pk)

    @property
    def store_dir(self) -> Path:
        """The folder of this workspace's activity store (Parquet batches and manifest)."""
        return self.data_dir / "activity"


class Membership(models.Model):
    """A person's role and department in a workspace."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    department = models.CharField(
        _("department"), max_length=32, choices=DEPARTMENT_CHOICES, default="marketing"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="one_membership_per_user")
        ]
        ordering = ["workspace", "user__username"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.workspace}"

    @property
    def role_enum(self) -> Role:
        """The role as a :class:`Role`."""
        return Role(self.role)

    def allows(self, needed: Role) -> bool:
        """Whether this member may do what *needed* may."""
        return self.role_enum.allows(needed)


def _token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An invitation to join a workspace with a role, accepted once through its link."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    department = models.CharField(
        _("department"), max_length=32, choices=DEPARTMENT_CHOICES, default="marketing"
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.workspace}"


class Preferences(models.Model):
    """A user's own settings: the interface language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language or '-'}"
