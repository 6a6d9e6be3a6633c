"""Channels, posts with per-channel variants, deliveries and every publishing attempt.

A post's editorial state (draft → in review → approved → scheduled) belongs to the post; what
happens on each network (publishing → published | failed | unconfirmed) belongs to its
delivery, one per channel, each with its own idempotency key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from socialplan.publish.networks import ADAPTERS
from socialplan.strategy.networks import network_label
from socialplan.web.workspaces.models import Workspace

NETWORK_CHOICES = [(n, network_label(n)) for n in sorted(ADAPTERS)]


class Channel(models.Model):
    """An account of the brand on one network, connected with its (sealed) credentials."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="channels")
    network = models.CharField(_("network"), max_length=32, choices=NETWORK_CHOICES)
    handle = models.CharField(_("account"), max_length=200)
    #: The adapter's credentials model, dumped and sealed (see sealing.py); never shown.
    sealed_credentials = models.TextField(editable=False, default="")
    validated_at = models.DateTimeField(null=True, blank=True)
    #: Why the account cannot publish now (e.g. a revoked token), as a library problem (JSON).
    problem = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "network", "handle"], name="one_channel_per_account"
            )
        ]
        ordering = ["network", "handle"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return f"{self.network}:{self.handle}"


class PostState(models.TextChoices):
    """Where a post is on its way out; only approved posts can be scheduled."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHING = "publishing", _("Publishing")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")


class Post(models.Model):
    """One message for the calendar: one text, adapted per channel by its variants."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)
    #: The language of the text (a library code: en, vi, th, zh, el, fa), for checks and labels.
    language = models.CharField(_("language"), max_length=8, blank=True)
    #: The content pillar it belongs to, by its name in the strategy's channel plan.
    pillar = models.CharField(_("content pillar"), max_length=200, blank=True)
    #: When it goes out, in UTC (shown in the workspace's time zone).
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=PostState.choices, default=PostState.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["publish_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.workspace} #{self.pk} ({self.state})"


class PostImage(models.Model):
    """An image of a post, sent with it to every channel.

    The bytes live in the database, not in files: an image is saved or removed in the same
    transaction as the post's other changes, goes with the post when it is deleted, and every
    publishing worker reads it wherever it runs. Images are a few megabytes at most (the
    networks' own limits), which both SQLite and PostgreSQL hold well.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    #: The uploaded file's name, for people to tell the images apart.
    name = models.CharField(_("name"), max_length=200)
    #: The type its content was verified to be (image/jpeg, image/png, image/gif, image/webp).
    mime = models.CharField(max_length=32)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    #: A small copy for the editor's pages, made once when the image is uploaded.
    thumbnail = models.BinaryField()
    thumbnail_mime = models.CharField(max_length=32)
    alt = models.TextField(_("Description for people who cannot see it"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["post", "position", "pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return f"post {self.post_id}: {self.name}"


class DeliveryState(models.TextChoices):
    """What happened to a post on one channel."""

    WAITING = "waiting", _("Waiting")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHING = "publishing", _("Publishing")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")


class Delivery(models.Model):
    """A post's variant for one channel, and its way to that network: sent at most once."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="deliveries")
    #: The variant's own text; empty means the post's text.
    text = models.TextField(_("text for this channel"), blank=True)
    state = models.CharField(
        max_length=16, choices=DeliveryState.choices, default=DeliveryState.WAITING
    )
    #: The idempotency key: made once, passed to every attempt (see publish/content.py).
    key = models.CharField(max_length=128, unique=True)
    key_issued_at = models.DateTimeField()
    #: When the publisher may next try (the post's time, later after a retryable failure).
    due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    #: Who holds it now: set by the atomic claim, cleared when the attempt ends.
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    remote_ref = models.CharField(max_length=300, blank=True)
    remote_url = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    #: The last problem, as a library problem (message id and arguments, JSON), to be shown
    #: in each reader's language.
    problem = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "channel"], name="one_delivery_per_channel")
        ]
        ordering = ["due_at", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"post {self.post_id} → {self.channel} ({self.state})"


class Attempt(models.Model):
    """One try at publishing (or reconciling) a delivery: who, when, what the network said."""

    class Outcome(models.TextChoices):
        PUBLISHED = "published", _("Published")
        FOUND = "found", _("Found on the network")
        RETRY = "retry", _("Will be retried")
        FAILED = "failed", _("Failed")
        UNKNOWN = "unknown", _("Outcome unknown")

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="history")
    worker = models.CharField(max_length=100)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    #: What the network answered, summarised, secrets scrubbed by the adapter.
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ["delivery", "started_at"]
        verbose_name = _("publishing attempt")
        verbose_name_plural = _("publishing attempts")

    def __str__(self) -> str:
        return f"{self.delivery} at {self.started_at:%Y-%m-%d %H:%M}: {self.outcome}"
