"""The deliveries of a post as people see and settle them: unconfirmed outcomes decided by a
person, failures tried again, a post published now, and the calendar's badges."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from socialplan.publish.checks import TOO_LONG
from socialplan.publish.errors import AUTH_FAILED, NO_ANSWER, RejectedError
from socialplan.web.calendar.models import (
    Attempt,
    Channel,
    Delivery,
    DeliveryState,
    Post,
    PostState,
)
from socialplan.web.calendar.publishing import problems
from socialplan.web.calendar.publishing.addresses import on_hosts, post_hosts, web_address
from socialplan.web.calendar.sealing import seal
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, plan, post
from web.conftest import EVERYONE, Team, expected_status

DECIDERS = ("owner", "editor")
#: The problem the reconciler leaves for a person: the network cannot tell, and why it was unknown.
NEEDS_PERSON = problems.problem(
    problems.NEEDS_PERSON,
    cause={"message": NO_ANSWER, "args": {"network": "Mastodon", "reason": "read timeout"}},
    network="Mastodon",
)


def _mastodon(team: Team, handle: str = "acme") -> Channel:
    return Channel.objects.create(
        workspace=team.workspace,
        network="mastodon",
        handle=handle,
        sealed_credentials=seal({"instance": "https://social.example", "access_token": "t"}),
    )


def _published_post(team: Team, *channels: Channel, state: PostState) -> Post:
    """A post whose deliveries the publisher took up (its state as the roll-up leaves it)."""
    return post(team.workspace, team.users["editor"], "Autumn trips", later(-1), channels, state)


def _deliver(made: Post, state: DeliveryState, **fields: Any) -> Delivery:
    """Put *made*'s first delivery in *state* (as the publisher would have left it)."""
    delivery = made.deliveries.order_by("pk").first()
    assert delivery is not None
    Delivery.objects.filter(pk=delivery.pk).update(state=state, **fields)
    delivery.refresh_from_db()
    return delivery


@pytest.fixture
def unconfirmed(team: Team) -> Delivery:
    """A post on Mastodon whose outcome is unknown and left to a person."""
    made = _published_post(team, _mastodon(team), state=PostState.UNCONFIRMED)
    delivery = _deliver(made, DeliveryState.UNCONFIRMED, attempts=1, problem=NEEDS_PERSON)
    Attempt.objects.create(
        delivery=delivery,
        worker="worker-1",
        started_at=timezone.now() - dt.timedelta(hours=2),
        finished_at=timezone.now() - dt.timedelta(hours=2),
        outcome=Attempt.Outcome.UNKNOWN,
        answer="NoAnswer: read timeout",
    )
    return delivery


@pytest.fixture
def failed(team: Team) -> Delivery:
    """A post on Mastodon that failed on a revoked token, its account since connected again."""
    made = _published_post(team, _mastodon(team), state=PostState.FAILED)
    auth = {"message": AUTH_FAILED, "args": {"network": "Mastodon", "detail": "token revoked"}}
    return _deliver(made, DeliveryState.FAILED, attempts=1, problem=auth)


def _decide(team: Team, who: str, delivery: Delivery, decision: str, **data: str) -> Any:
    url = reverse("calendar:decide", args=["acme", delivery.post_id, delivery.pk, decision])
    return team.client(who).post(url, data)


def _address(delivery: Delivery, url: str) -> dict[str, str]:
    return {f"delivery-{delivery.pk}-url": url}


def _row(delivery: Delivery) -> tuple[Any, ...]:
    delivery.refresh_from_db()
    return (
        delivery.state,
        delivery.key,
        delivery.due_at,
        delivery.attempts,
        delivery.remote_url,
        delivery.problem,
    )


# -- reading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_deliveries_page_for_every_member(team: Team, unconfirmed: Delivery, who: str) -> None:
    response = team.client(who).get(
        reverse("calendar:deliveries", args=["acme", unconfirmed.post_id])
    )
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        html = response.content.decode()
        assert 'data-state="unconfirmed"' in html
        assert "Needs a decision" in html
        # Everyone sees the state; only those who may schedule see the buttons.
        assert ('data-action="confirm-not-published"' in html) == (who in DECIDERS)
        assert ('data-action="confirm-published"' in html) == (who in DECIDERS)


@pytest.mark.parametrize("who", EVERYONE)
def test_post_page_includes_the_deliveries(team: Team, unconfirmed: Delivery, who: str) -> None:
    response = team.client(who).get(reverse("calendar:post", args=["acme", unconfirmed.post_id]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        html = response.content.decode()
        assert 'id="sp-deliveries"' in html
        assert "Nothing is sent again until someone decides" in html


def test_a_draft_has_no_deliveries_section(team: Team) -> None:
    made = post(team.workspace, team.users["editor"], "Draft", later(2), [channel(team.workspace)])
    html = team.client("owner").get(reverse("calendar:post", args=["acme", made.pk])).content
    assert b'id="sp-deliveries"' not in html


def test_the_cause_of_a_problem_is_shown_in_the_readers_language(
    team: Team, unconfirmed: Delivery
) -> None:
    url = reverse("calendar:post", args=["acme", unconfirmed.post_id])
    html = team.client("viewer").get(url).content.decode()
    assert "Mastodon cannot tell whether the post was published" in html
    assert "Because: Mastodon did not answer in time (read timeout)" in html
    persian = Client(headers={"accept-language": "fa"})
    persian.force_login(team.users["viewer"])
    html = persian.get(url).content.decode()
    assert 'dir="rtl"' in html
    assert 'id="sp-deliveries"' in html
    assert "read timeout" in html  # the cause's value, inside the translated message
    assert "Mastodon cannot tell whether" not in html


def test_the_cause_shows_on_the_channels_page_too(team: Team) -> None:
    gave_up = problems.problem(
        problems.GAVE_UP,
        cause={"message": AUTH_FAILED, "args": {"network": "X", "detail": "expired"}},
        network="X",
        attempts=8,
    )
    Channel.objects.filter(pk=channel(team.workspace).pk).update(problem=gave_up)
    html = team.client("viewer").get(reverse("calendar:channels", args=["acme"])).content.decode()
    assert "publishing to X stopped after 8 attempts" in html
    assert "did not accept the account&#x27;s credentials (expired)" in html


def test_network_answers_are_escaped(team: Team, unconfirmed: Delivery) -> None:
    Attempt.objects.filter(delivery=unconfirmed).update(
        answer='<script>alert("answer")</script>', worker="<b>worker</b>"
    )
    Delivery.objects.filter(pk=unconfirmed.pk).update(
        problem=problems.problem(
            problems.UNEXPECTED, network="Mastodon", reason="<script>alert(1)</script>"
        )
    )
    html = (
        team.client("viewer")
        .get(reverse("calendar:post", args=["acme", unconfirmed.post_id]))
        .content.decode()
    )
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;answer&quot;)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>worker</b>" not in html


def test_only_web_addresses_become_links(team: Team) -> None:
    made = _published_post(team, _mastodon(team), state=PostState.PUBLISHED)
    delivery = _deliver(
        made,
        DeliveryState.PUBLISHED,
        published_at=timezone.now(),
        remote_url="javascript:alert(1)",
    )
    url = reverse("calendar:post", args=["acme", made.pk])
    html = team.client("viewer").get(url).content.decode()
    assert "javascript:" not in html
    assert "data-remote-link" not in html
    Delivery.objects.filter(pk=delivery.pk).update(
        remote_url='https://social.example/@acme/1?a="><script>'
    )
    html = team.client("viewer").get(url).content.decode()
    assert 'href="https://social.example/@acme/1?a=&quot;&gt;&lt;script&gt;"' in html
    assert "See it on Mastodon" in html


def test_the_history_names_the_person_who_decided(team: Team, unconfirmed: Delivery) -> None:
    _decide(team, "editor", unconfirmed, "not-published")
    html = (
        team.client("viewer")
        .get(reverse("calendar:post", args=["acme", unconfirmed.post_id]))
        .content.decode()
    )
    assert "editor-user, a person" in html
    assert "confirmed not published: scheduled again by editor-user" in html
    assert "History: 2 entries" in html
    assert "1 attempt<" in html  # the person's decision is not an attempt


# -- unconfirmed: a person decides -----------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_confirm_not_published_sends_it_again_under_the_same_key(
    team: Team, unconfirmed: Delivery, who: str
) -> None:
    key = unconfirmed.key
    response = _decide(team, who, unconfirmed, "not-published")
    unconfirmed.refresh_from_db()
    if who in DECIDERS:
        assert response.status_code == 302
        assert response["Location"].endswith("#sp-deliveries")
        assert unconfirmed.state == DeliveryState.SCHEDULED
        assert unconfirmed.key == key
        assert unconfirmed.due_at is not None
        assert unconfirmed.due_at <= timezone.now()
        assert (unconfirmed.attempts, unconfirmed.problem) == (0, None)
        assert Post.objects.get(pk=unconfirmed.post_id).state == PostState.SCHEDULED
        decision = unconfirmed.history.order_by("pk").last()
        assert decision is not None
        assert decision.worker == f"person:{who}-user"
        assert decision.outcome == Attempt.Outcome.RETRY
        assert decision.finished_at is not None
    else:
        assert response.status_code == expected_status(who, Role.EDITOR)
        assert unconfirmed.state == DeliveryState.UNCONFIRMED
        assert unconfirmed.history.count() == 1


@pytest.mark.parametrize("who", EVERYONE)
def test_confirm_published_keeps_the_address(team: Team, unconfirmed: Delivery, who: str) -> None:
    address = "https://social.example/@acme/110"
    response = _decide(team, who, unconfirmed, "published", **_address(unconfirmed, address))
    unconfirmed.refresh_from_db()
    if who in DECIDERS:
        assert response.status_code == 302
        assert unconfirmed.state == DeliveryState.PUBLISHED
        assert unconfirmed.remote_url == address
        assert unconfirmed.published_at is not None
        assert unconfirmed.due_at is None
        assert Post.objects.get(pk=unconfirmed.post_id).state == PostState.PUBLISHED
        last = unconfirmed.history.order_by("pk").last()
        assert last is not None
        assert (last.worker, last.outcome) == (f"person:{who}-user", Attempt.Outcome.FOUND)
    else:
        assert response.status_code == expected_status(who, Role.EDITOR)
        assert unconfirmed.state == DeliveryState.UNCONFIRMED


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("https://bsky.app/profile/acme/post/1", "This address is not on Mastodon"),
        ("https://social.example.evil.test/@acme/1", "This address is not on Mastodon"),
        ("ftp://social.example/@acme/1", "starting with https://"),
        ("not an address", "Enter a valid URL."),
        ("", "This field is required."),
    ],
)
def test_a_bad_address_is_a_form_error(
    team: Team, unconfirmed: Delivery, address: str, why: str
) -> None:
    before = _row(unconfirmed)
    response = _decide(team, "editor", unconfirmed, "published", **_address(unconfirmed, address))
    assert response.status_code == 400
    html = response.content.decode()
    assert why in html
    assert "is-invalid" in html
    assert _row(unconfirmed) == before
    assert unconfirmed.history.count() == 1


def test_bluesky_posts_are_on_bsky_app(team: Team) -> None:
    sky = channel(team.workspace, "bluesky", "acme.bsky.social")
    made = _published_post(team, sky, state=PostState.UNCONFIRMED)
    delivery = _deliver(made, DeliveryState.UNCONFIRMED, problem=NEEDS_PERSON)
    wrong = _decide(
        team, "owner", delivery, "published", **_address(delivery, "https://x.com/acme/1")
    )
    assert wrong.status_code == 400
    assert "its posts are on bsky.app" in wrong.content.decode()
    right = "https://bsky.app/profile/acme.bsky.social/post/3kabc"
    response = _decide(team, "owner", delivery, "published", **_address(delivery, right))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.state, delivery.remote_url) == (DeliveryState.PUBLISHED, right)


def test_addresses_of_each_network(team: Team) -> None:
    assert post_hosts(_mastodon(team)) == ("social.example",)
    assert post_hosts(channel(team.workspace, "x", "acme")) == ("x.com", "twitter.com")
    # Credentials this server cannot open: any web address will do.
    broken = Channel.objects.create(
        workspace=team.workspace, network="wordpress", handle="blog", sealed_credentials="nope"
    )
    assert post_hosts(broken) == ()
    assert on_hosts("https://www.x.com/acme/status/1", ("x.com",))
    assert not on_hosts("https://notx.com/acme", ("x.com",))
    assert on_hosts("https://anything.example/", ())
    assert web_address(" https://x.com/1 ") == "https://x.com/1"
    assert web_address("javascript:alert(1)") == ""


@pytest.mark.parametrize(
    "state", [DeliveryState.SCHEDULED, DeliveryState.PUBLISHED, DeliveryState.FAILED]
)
@pytest.mark.parametrize("decision", ["published", "not-published"])
def test_only_an_unconfirmed_delivery_can_be_decided(
    team: Team, unconfirmed: Delivery, state: DeliveryState, decision: str
) -> None:
    Delivery.objects.filter(pk=unconfirmed.pk).update(state=state)
    before = _row(unconfirmed)
    response = _decide(
        team,
        "owner",
        unconfirmed,
        decision,
        **_address(unconfirmed, "https://social.example/@acme/1"),
    )
    assert response.status_code == 409
    assert "not waiting for a decision any more" in response.content.decode()
    assert _row(unconfirmed) == before
    assert unconfirmed.history.count() == 1


def test_no_decision_while_a_worker_holds_it(team: Team, unconfirmed: Delivery) -> None:
    Delivery.objects.filter(pk=unconfirmed.pk).update(claimed_by="reconciler:1")
    response = _decide(team, "owner", unconfirmed, "not-published")
    assert response.status_code == 409
    assert "checking it on the network right now" in response.content.decode()
    assert unconfirmed.history.count() == 1


@pytest.mark.parametrize(
    ("decision", "state", "after"),
    [
        ("not-published", DeliveryState.UNCONFIRMED, DeliveryState.SCHEDULED),
        ("published", DeliveryState.UNCONFIRMED, DeliveryState.PUBLISHED),
        ("again", DeliveryState.FAILED, DeliveryState.SCHEDULED),
    ],
)
def test_a_decision_changes_only_its_own_delivery(
    team: Team, unconfirmed: Delivery, decision: str, state: DeliveryState, after: DeliveryState
) -> None:
    Delivery.objects.filter(pk=unconfirmed.pk).update(state=state)
    sibling = Delivery.objects.create(
        post_id=unconfirmed.post_id,
        channel=_mastodon(team, "second"),
        state=state,
        key="sibling-key",
        key_issued_at=timezone.now(),
        problem=NEEDS_PERSON,
    )
    elsewhere = _published_post(team, _mastodon(team, "third"), state=PostState.UNCONFIRMED)
    far = _deliver(elsewhere, state, problem=NEEDS_PERSON)
    untouched = [_row(sibling), _row(far)]
    address = _address(unconfirmed, "https://social.example/@acme/7")
    assert _decide(team, "owner", unconfirmed, decision, **address).status_code == 302
    assert _row(unconfirmed)[0] == after
    assert [_row(sibling), _row(far)] == untouched
    assert not sibling.history.exists()
    assert not far.history.exists()
    # The post still has a channel that needs a person: its state says so.
    assert Post.objects.get(pk=unconfirmed.post_id).state == PostState(state)


def test_publish_now_leaves_other_posts_alone(team: Team, approved: Post) -> None:
    other = post(
        team.workspace, None, "Another", later(4), [_mastodon(team, "b")], PostState.APPROVED
    )
    before = [_row(d) for d in other.deliveries.all()]
    assert _publish_now(team, "owner", approved).status_code == 302
    assert [_row(d) for d in other.deliveries.all()] == before
    other.refresh_from_db()
    assert (other.state, other.publish_at) == (PostState.APPROVED, later(4))


def test_a_delivery_of_another_post_or_workspace_is_404(team: Team, unconfirmed: Delivery) -> None:
    other = _published_post(team, _mastodon(team, "two"), state=PostState.UNCONFIRMED)
    url = reverse("calendar:decide", args=["acme", other.pk, unconfirmed.pk, "not-published"])
    assert team.client("owner").post(url).status_code == 404
    url = reverse("calendar:decide", args=["other", unconfirmed.post_id, unconfirmed.pk, "again"])
    assert team.client("outsider").post(url).status_code == 404
    unconfirmed.refresh_from_db()
    assert unconfirmed.state == DeliveryState.UNCONFIRMED


def test_unknown_decisions_and_gets_are_refused(team: Team, unconfirmed: Delivery) -> None:
    assert _decide(team, "owner", unconfirmed, "maybe").status_code == 404
    url = reverse("calendar:decide", args=["acme", unconfirmed.post_id, unconfirmed.pk, "again"])
    assert team.client("owner").get(url).status_code == 405


def test_decisions_need_the_csrf_token(team: Team, unconfirmed: Delivery) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.users["owner"])
    url = reverse(
        "calendar:decide", args=["acme", unconfirmed.post_id, unconfirmed.pk, "not-published"]
    )
    assert client.post(url).status_code == 403
    unconfirmed.refresh_from_db()
    assert unconfirmed.state == DeliveryState.UNCONFIRMED
    page = client.get(reverse("calendar:post", args=["acme", unconfirmed.post_id]))
    assert b"csrfmiddlewaretoken" in page.content


# -- failed: tried again once the account works ----------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_try_again_after_a_reconnection(team: Team, failed: Delivery, who: str) -> None:
    key = failed.key
    response = _decide(team, who, failed, "again")
    failed.refresh_from_db()
    if who in DECIDERS:
        assert response.status_code == 302
        assert failed.state == DeliveryState.SCHEDULED
        assert failed.key == key
        assert (failed.attempts, failed.problem) == (0, None)
        assert failed.due_at is not None
        assert failed.due_at <= timezone.now()
        assert Post.objects.get(pk=failed.post_id).state == PostState.SCHEDULED
        last = failed.history.get()
        assert (last.worker, last.outcome) == (f"person:{who}-user", Attempt.Outcome.RETRY)
    else:
        assert response.status_code == expected_status(who, Role.EDITOR)
        assert failed.state == DeliveryState.FAILED


def test_no_try_again_while_the_account_is_broken(team: Team, failed: Delivery) -> None:
    auth = {"message": AUTH_FAILED, "args": {"network": "Mastodon", "detail": "token revoked"}}
    Channel.objects.filter(pk=failed.channel_id).update(problem=auth)
    page = team.client("owner").get(reverse("calendar:post", args=["acme", failed.post_id]))
    html = page.content.decode()
    assert 'data-action="try-again"' not in html
    assert "Its account cannot publish" in html
    assert reverse("calendar:channels", args=["acme"]) in html
    before = _row(failed)
    response = _decide(team, "owner", failed, "again")
    assert response.status_code == 409
    assert "connect the account again first" in response.content.decode()
    assert _row(failed) == before
    assert not failed.history.exists()


def test_a_post_the_network_refused_is_not_tried_again(team: Team, failed: Delivery) -> None:
    refused = problems.from_error(
        RejectedError(TOO_LONG, length=600, network="Mastodon", limit=500)
    )
    assert problems.about_content(refused)
    Delivery.objects.filter(pk=failed.pk).update(problem=refused)
    html = (
        team.client("owner")
        .get(reverse("calendar:post", args=["acme", failed.post_id]))
        .content.decode()
    )
    assert "the text is 600 characters long; Mastodon takes at most 500" in html
    assert "refused the post itself" in html
    assert 'data-action="try-again"' not in html
    before = _row(failed)
    response = _decide(team, "owner", failed, "again")
    assert response.status_code == 409
    assert _row(failed) == before


@pytest.mark.parametrize(
    "state", [DeliveryState.UNCONFIRMED, DeliveryState.PUBLISHED, DeliveryState.SCHEDULED]
)
def test_only_a_failed_delivery_is_tried_again(
    team: Team, failed: Delivery, state: DeliveryState
) -> None:
    Delivery.objects.filter(pk=failed.pk).update(state=state)
    before = _row(failed)
    response = _decide(team, "owner", failed, "again")
    assert response.status_code == 409
    assert "Only a failed delivery can be tried again." in response.content.decode()
    assert _row(failed) == before


def test_a_failure_shows_why_and_the_button(team: Team, failed: Delivery) -> None:
    html = (
        team.client("editor")
        .get(reverse("calendar:post", args=["acme", failed.post_id]))
        .content.decode()
    )
    assert "did not accept the account&#x27;s credentials (token revoked)" in html
    assert 'data-action="try-again"' in html
    html = (
        team.client("reviewer")
        .get(reverse("calendar:post", args=["acme", failed.post_id]))
        .content.decode()
    )
    assert "token revoked" in html
    assert 'data-action="try-again"' not in html


# -- publish now -----------------------------------------------------------------------------------


def _publish_now(team: Team, who: str, made: Post) -> Any:
    return team.client(who).post(reverse("calendar:publish_now", args=["acme", made.pk]))


@pytest.fixture
def approved(team: Team) -> Post:
    """An approved post on two channels, due in three days."""
    return post(
        team.workspace,
        team.users["editor"],
        "Autumn trips",
        later(3),
        [channel(team.workspace), _mastodon(team)],
        PostState.APPROVED,
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_publish_now_an_approved_post(team: Team, approved: Post, who: str) -> None:
    before = timezone.now()
    response = _publish_now(team, who, approved)
    approved.refresh_from_db()
    deliveries = list(approved.deliveries.all())
    if who in DECIDERS:
        assert response.status_code == 302
        assert approved.state == PostState.SCHEDULED
        assert approved.publish_at is not None
        assert before <= approved.publish_at <= timezone.now()
        assert approved.publish_at.tzinfo is not None
        assert approved.publish_at.utcoffset() == dt.timedelta(0)
        assert {d.state for d in deliveries} == {DeliveryState.SCHEDULED}
        assert {d.due_at for d in deliveries} == {approved.publish_at}
    else:
        assert response.status_code == expected_status(who, Role.EDITOR)
        assert approved.state == PostState.APPROVED
        assert {d.state for d in deliveries} == {DeliveryState.WAITING}


def test_publish_now_moves_only_deliveries_not_started(team: Team, approved: Post) -> None:
    Post.objects.filter(pk=approved.pk).update(state=PostState.SCHEDULED)
    first, second = approved.deliveries.order_by("pk")
    due = later(3)
    waiting_out = {"message": "busy", "args": {}}
    Delivery.objects.filter(pk=first.pk).update(state=DeliveryState.SCHEDULED, due_at=due)
    Delivery.objects.filter(pk=second.pk).update(
        state=DeliveryState.SCHEDULED, due_at=due, problem=waiting_out
    )
    keys = {first.key, second.key}
    assert _publish_now(team, "editor", approved).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.due_at is not None
    assert first.due_at <= timezone.now()
    assert second.due_at == due  # it waits out the network's limit
    assert {first.key, second.key} == keys  # a scheduled post keeps its keys


@pytest.mark.parametrize(
    "state",
    [
        PostState.DRAFT,
        PostState.IN_REVIEW,
        PostState.PUBLISHING,
        PostState.PUBLISHED,
        PostState.FAILED,
        PostState.UNCONFIRMED,
    ],
)
def test_publish_now_only_approved_or_scheduled(
    team: Team, approved: Post, state: PostState
) -> None:
    Post.objects.filter(pk=approved.pk).update(state=state)
    before = [_row(d) for d in approved.deliveries.order_by("pk")]
    response = _publish_now(team, "owner", approved)
    assert response.status_code == 409
    assert "Only an approved or scheduled post can be published now." in response.content.decode()
    assert [_row(d) for d in approved.deliveries.order_by("pk")] == before
    assert Post.objects.get(pk=approved.pk).publish_at == approved.publish_at


def test_publish_now_never_touches_a_delivery_under_way(team: Team, approved: Post) -> None:
    Post.objects.filter(pk=approved.pk).update(state=PostState.SCHEDULED)
    due = later(3)
    approved.deliveries.update(state=DeliveryState.SCHEDULED, due_at=due, claimed_by="worker-1:abc")
    response = _publish_now(team, "owner", approved)
    assert response.status_code == 409
    assert set(approved.deliveries.values_list("due_at", flat=True)) == {due}
    assert Post.objects.get(pk=approved.pk).publish_at == approved.publish_at


def test_publish_now_passes_the_checks_of_scheduling(team: Team) -> None:
    plan(team.workspace)
    x = channel(team.workspace)
    made = post(team.workspace, None, "word " * 100, later(3), [x], PostState.APPROVED)
    page = team.client("owner").get(reverse("calendar:post", args=["acme", made.pk]))
    html = page.content.decode()
    assert 'data-action="publish-now" disabled' in html
    assert "must be corrected first" in html
    response = _publish_now(team, "owner", made)
    assert response.status_code == 409
    assert "must be corrected first" in response.content.decode()
    made.refresh_from_db()
    assert made.state == PostState.APPROVED
    assert set(made.deliveries.values_list("state", flat=True)) == {DeliveryState.WAITING}


def test_publish_now_waits_for_a_broken_account(team: Team, approved: Post) -> None:
    auth = {"message": AUTH_FAILED, "args": {"network": "X", "detail": "expired"}}
    Channel.objects.filter(network="x").update(problem=auth)
    response = _publish_now(team, "owner", approved)
    assert response.status_code == 409
    assert "connect it again first" in response.content.decode()
    approved.refresh_from_db()
    assert approved.state == PostState.APPROVED


def test_publish_now_is_post_only_with_csrf(team: Team, approved: Post) -> None:
    url = reverse("calendar:publish_now", args=["acme", approved.pk])
    assert team.client("owner").get(url).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.users["owner"])
    assert client.post(url).status_code == 403
    approved.refresh_from_db()
    assert approved.state == PostState.APPROVED


def test_publish_now_button_for_those_who_schedule(team: Team, approved: Post) -> None:
    url = reverse("calendar:post", args=["acme", approved.pk])
    for who in ("owner", "editor", "reviewer", "viewer"):
        html = team.client(who).get(url).content.decode()
        assert ('data-action="publish-now"' in html) == (who in DECIDERS), who


# -- the calendar shows the states -----------------------------------------------------------------


def test_the_calendar_shows_each_publishing_state(team: Team) -> None:
    when = later(1)
    shown = {}
    for state, delivery_state in [
        (PostState.FAILED, DeliveryState.FAILED),
        (PostState.UNCONFIRMED, DeliveryState.UNCONFIRMED),
        (PostState.PUBLISHING, DeliveryState.PUBLISHING),
        (PostState.PUBLISHED, DeliveryState.PUBLISHED),
    ]:
        made = post(
            team.workspace,
            None,
            f"A {state.value} post",
            when,
            [_mastodon(team, state.value)],
            state,
        )
        _deliver(made, delivery_state)
        shown[state] = made
    local = when.date()
    pages = [
        reverse("calendar:month_at", args=["acme", local.year, local.month]),
        reverse("calendar:week_at", args=["acme", local.year, local.month, local.day]),
        reverse("calendar:list", args=["acme"]),
    ]
    for url in pages:
        html = team.client("viewer").get(url).content.decode()
        for state, colour in [
            (PostState.FAILED, "danger"),
            (PostState.UNCONFIRMED, "warning"),
            (PostState.PUBLISHING, "info"),
            (PostState.PUBLISHED, "success"),
        ]:
            badge = (
                f'<span class="badge text-bg-{colour}" data-post-state="{state.value}">'
                f"{state.label}</span>"
            )
            assert badge in html, (url, state)
        # The marker for those a person must look at: the failed and the unconfirmed one.
        assert html.count("Needs a decision") == 2, url
