"""The demo workspace that `make demo` loads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from tests.conftest import EXAMPLES

from socialplan.activity.store import Store
from socialplan.errors import InputError
from socialplan.i18n import catalogue
from socialplan.web.audit.models import AuditSnapshot
from socialplan.web.calendar import checks
from socialplan.web.calendar.connecting import recheck
from socialplan.web.calendar.models import Channel, Delivery, DeliveryState, Post, PostState
from socialplan.web.calendar.publishing.claim import claim_due
from socialplan.web.calendar.publishing.problems import NOT_CONNECTED, render
from socialplan.web.calendar.when import to_local, zone_of
from socialplan.web.demo import DEMO_USER, load_demo
from socialplan.web.demo_calendar import read_calendar
from socialplan.web.strategy import revisions
from socialplan.web.workspaces.models import Workspace


@pytest.mark.django_db
def test_demo_workspace_has_strategy_data_and_a_working_login(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with override_settings(DATA_DIR=tmp_path):
        workspace = load_demo(EXAMPLES / "demo", catalogue("en"))
        printed = capsys.readouterr().out
        password = printed.rsplit(" ", 1)[-1].strip()
        assert authenticate(username="demo", password=password) is not None
        revision = revisions.current(workspace)
        assert revision is not None
        assert revision.text == (EXAMPLES / "demo" / "strategy.yaml").read_text("utf-8")
        store = Store(workspace.store_dir)
        items = store.read("items").num_rows
        assert items > 100
        # Audited ahead (by the worker; here the test backend runs tasks at once).
        assert AuditSnapshot.objects.filter(revision=revision).count() == 1

        # Loading again refreshes the password and adds neither a revision nor data.
        again = load_demo(EXAMPLES / "demo", catalogue("en"))
        assert again.pk == workspace.pk
        assert workspace.strategy_revisions.count() == 1
        assert Store(workspace.store_dir).read("items").num_rows == items
        assert authenticate(username="demo", password=password) is None


@pytest.mark.django_db
def test_demo_folder_must_hold_strategy_and_export(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_demo(tmp_path, catalogue("en"))
    assert "strategy.yaml" in caught.value.render(catalogue("en"))


DEMO_CALENDAR = read_calendar(EXAMPLES / "demo" / "calendar.yaml")


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Workspace]:
    """The demo workspace, loaded as `make demo` loads it."""
    with override_settings(DATA_DIR=tmp_path):
        yield load_demo(EXAMPLES / "demo", catalogue("en"))
    capsys.readouterr()


@pytest.mark.django_db
def test_demo_channels_are_the_plans_accounts_and_none_is_connected(demo: Workspace) -> None:
    channels = list(Channel.objects.filter(workspace=demo))
    assert {(c.network, c.handle) for c in channels} == {
        ("facebook", "lotustrails"),
        ("instagram", "@lotustrails"),
        ("x", "@lotustrails"),
        ("telegram", "lotustrails"),
    }
    for channel in channels:
        assert channel.sealed_credentials == ""
        assert channel.problem is not None
        assert channel.problem["message"] == NOT_CONNECTED
        (line,) = render(channel.problem, catalogue("en"))
        assert "demo account" in line
        assert channel.get_network_display() in line


@pytest.mark.django_db
def test_demo_posts_are_drafts_in_review_or_approved_on_several_channels(demo: Workspace) -> None:
    posts = list(Post.objects.filter(workspace=demo).prefetch_related("deliveries"))
    assert 5 <= len(posts) == len(DEMO_CALENDAR.posts) <= 8
    assert {p.state for p in posts} == {PostState.DRAFT, PostState.IN_REVIEW, PostState.APPROVED}
    assert {p.text for p in posts} == {entry.text for entry in DEMO_CALENDAR.posts}
    assert all(p.approved_by is not None for p in posts if p.state == PostState.APPROVED)
    assert any(p.deliveries.count() > 1 for p in posts)
    channels = {d.channel_id for p in posts for d in p.deliveries.all()}
    assert len(channels) == 4
    deliveries = Delivery.objects.filter(post__workspace=demo)
    assert set(deliveries.values_list("state", flat=True)) == {DeliveryState.WAITING}
    assert not deliveries.filter(due_at__isnull=False).exists()
    # Spread over the days to come, in the workspace's time zone.
    today = timezone.now().astimezone(zone_of(demo)).date()
    days = {to_local(p.publish_at, zone_of(demo)).date() for p in posts if p.publish_at}
    assert len(days) >= 5
    assert all(today < day <= today + dt.timedelta(days=13) for day in days)


@pytest.mark.django_db
def test_demo_posts_show_real_findings_and_reviewed_ones_are_clean(demo: Workspace) -> None:
    codes: set[str] = set()
    clean = 0
    for post in Post.objects.filter(workspace=demo):
        draft = checks.stored(post)
        found = [f for variant in checks.findings_of(draft) for f in variant]
        codes |= {f.code for f in found}
        clean += not found
        if post.state != PostState.DRAFT:
            assert checks.blocking_findings(draft) == [], post.text
    assert {"SE301", "SE302", "SE307", "SE313"} <= codes
    assert clean >= 2


@pytest.mark.django_db
def test_loading_the_demo_again_refreshes_its_calendar_and_adds_nothing(
    demo: Workspace, tmp_path: Path
) -> None:
    channels = set(Channel.objects.filter(workspace=demo).values_list("pk", flat=True))
    posts = Post.objects.filter(workspace=demo).count()
    deliveries = Delivery.objects.filter(post__workspace=demo).count()
    Post.objects.filter(workspace=demo).update(state=PostState.SCHEDULED)
    with override_settings(DATA_DIR=tmp_path):
        load_demo(EXAMPLES / "demo", catalogue("en"))
    assert set(Channel.objects.filter(workspace=demo).values_list("pk", flat=True)) == channels
    assert Post.objects.filter(workspace=demo).count() == posts
    assert Delivery.objects.filter(post__workspace=demo).count() == deliveries
    assert not Post.objects.filter(workspace=demo, state=PostState.SCHEDULED).exists()


@pytest.mark.django_db
def test_the_demo_user_sees_the_posts_in_the_month_and_the_channels_to_connect(
    demo: Workspace,
) -> None:
    client = Client()
    client.force_login(User.objects.get(username=DEMO_USER))
    zone = zone_of(demo)
    for post in Post.objects.filter(workspace=demo):
        assert post.publish_at is not None
        day = to_local(post.publish_at, zone)
        month = client.get(reverse("calendar:month_at", args=["demo", day.year, day.month]))
        assert month.status_code == 200
        assert f'data-post="{post.pk}"' in month.content.decode()
    page = client.get(reverse("calendar:channels", args=["demo"])).content.decode()
    assert page.count("this is a demo account without credentials") == 4


@pytest.mark.django_db
def test_the_publisher_claims_nothing_from_the_demo_even_when_a_post_is_due(
    demo: Workspace,
) -> None:
    now = timezone.now()
    assert claim_due("demo-test", now=now + dt.timedelta(days=30)) == []
    # Were someone to schedule a demo post, its unconnected channels still keep it back.
    Delivery.objects.filter(post__workspace=demo).update(
        state=DeliveryState.SCHEDULED, due_at=now - dt.timedelta(minutes=1)
    )
    assert claim_due("demo-test", now=now) == []


@pytest.mark.django_db
def test_checking_a_demo_channel_again_keeps_it_unconnected_without_asking_a_network(
    demo: Workspace,
) -> None:
    channel = Channel.objects.get(workspace=demo, network="x")
    recheck(channel)
    channel.refresh_from_db()
    assert channel.problem is not None
    assert channel.problem["message"] == NOT_CONNECTED
    assert channel.validated_at is None
