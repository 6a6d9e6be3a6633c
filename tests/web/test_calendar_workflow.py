"""Approval states that really block: draft → in review → approved → scheduled, who may take
each step, and what sends a post back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialplan.web.calendar.models import Delivery, DeliveryState, Post, PostState
from socialplan.web.workspaces.models import Role
from web.calendar_support import channel, later, post
from web.conftest import EVERYONE, MEMBERS, Team, expected_status


def _step(team: Team, who: str, made: Post, action: str) -> int:
    url = reverse("calendar:transition", args=["acme", made.pk, action])
    status: int = team.client(who).post(url).status_code
    made.refresh_from_db()
    return status


@pytest.fixture
def draft(team: Team) -> Post:
    """An error-free draft by the editor, on X, three days from now."""
    return post(
        team.workspace, team.users["editor"], "Autumn trips", later(3), [channel(team.workspace)]
    )


def _in_state(made: Post, state: PostState) -> Post:
    Post.objects.filter(pk=made.pk).update(state=state)
    made.refresh_from_db()
    return made


@pytest.mark.parametrize("who", EVERYONE)
def test_submit_for_review(team: Team, draft: Post, who: str) -> None:
    status = _step(team, who, draft, "submit")
    allowed = who in ("owner", "editor")
    assert status == (302 if allowed else expected_status(who, Role.EDITOR))
    assert draft.state == (PostState.IN_REVIEW if allowed else PostState.DRAFT)
    assert (draft.submitted_at is not None) == allowed


@pytest.mark.parametrize("who", EVERYONE)
def test_approve_by_role_never_by_the_author(team: Team, draft: Post, who: str) -> None:
    _in_state(draft, PostState.IN_REVIEW)
    status = _step(team, who, draft, "approve")
    if who in ("owner", "reviewer"):
        assert status == 302
        assert draft.state == PostState.APPROVED
        assert draft.approved_by == team.users[who]
        assert draft.approved_at is not None
    elif who == "editor":
        # The editor wrote it: allowed by role, refused as its author.
        assert status == 409
        assert draft.state == PostState.IN_REVIEW
    else:
        assert status == expected_status(who, Role.REVIEWER)
        assert draft.state == PostState.IN_REVIEW


def test_self_approval_is_refused_with_the_reason(team: Team, draft: Post) -> None:
    _in_state(draft, PostState.IN_REVIEW)
    response = team.client("editor").post(
        reverse("calendar:transition", args=["acme", draft.pk, "approve"])
    )
    assert response.status_code == 409
    assert "someone else must approve it" in response.content.decode()


def test_self_approval_is_allowed_where_the_workspace_allows_it(team: Team, draft: Post) -> None:
    team.workspace.allow_self_approval = True
    team.workspace.save()
    _in_state(draft, PostState.IN_REVIEW)
    assert _step(team, "editor", draft, "approve") == 302
    assert draft.state == PostState.APPROVED
    assert draft.approved_by == team.users["editor"]


def test_approve_button_is_disabled_for_the_author(team: Team, draft: Post) -> None:
    _in_state(draft, PostState.IN_REVIEW)
    html = team.client("editor").get(reverse("calendar:post", args=["acme", draft.pk])).content
    assert b'data-action="approve" disabled' in html
    html = team.client("reviewer").get(reverse("calendar:post", args=["acme", draft.pk])).content
    assert b'data-action="approve">' in html


@pytest.mark.parametrize("state", [PostState.DRAFT, PostState.IN_REVIEW])
def test_only_an_approved_post_can_be_scheduled(team: Team, draft: Post, state: PostState) -> None:
    _in_state(draft, state)
    response = team.client("owner").post(
        reverse("calendar:transition", args=["acme", draft.pk, "schedule"])
    )
    assert response.status_code == 409
    assert "Only an approved post can be scheduled." in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == state
    assert not Delivery.objects.filter(state=DeliveryState.SCHEDULED).exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_schedule_makes_each_delivery_due_with_a_fresh_key(
    team: Team, draft: Post, who: str
) -> None:
    _in_state(draft, PostState.APPROVED)
    before = Delivery.objects.get()
    status = _step(team, who, draft, "schedule")
    delivery = Delivery.objects.get()
    if who in ("owner", "editor"):
        assert status == 302
        assert draft.state == PostState.SCHEDULED
        assert delivery.state == DeliveryState.SCHEDULED
        assert delivery.due_at == draft.publish_at
        assert delivery.key != before.key
        assert delivery.key_issued_at >= before.key_issued_at
    else:
        assert status == expected_status(who, Role.EDITOR)
        assert delivery.state == DeliveryState.WAITING
        assert delivery.due_at is None


def test_a_time_gone_by_cannot_be_scheduled(team: Team) -> None:
    made = post(
        team.workspace, None, "Too late", later(-2), [channel(team.workspace)], PostState.APPROVED
    )
    response = team.client("owner").post(
        reverse("calendar:transition", args=["acme", made.pk, "schedule"])
    )
    assert response.status_code == 409
    assert "Its time has passed" in response.content.decode()


def test_a_post_without_channels_or_time_cannot_go_to_review(team: Team) -> None:
    made = post(team.workspace, team.users["editor"], "Nowhere")
    response = team.client("editor").post(
        reverse("calendar:transition", args=["acme", made.pk, "submit"])
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Give the post a time first." in html
    assert "Choose at least one channel first." in html


def _scheduled(team: Team, draft: Post) -> Post:
    _in_state(draft, PostState.APPROVED)
    assert _step(team, "owner", draft, "schedule") == 302
    return draft


@pytest.mark.parametrize("who", EVERYONE)
def test_unschedule_takes_the_deliveries_back(team: Team, draft: Post, who: str) -> None:
    _scheduled(team, draft)
    status = _step(team, who, draft, "unschedule")
    delivery = Delivery.objects.get()
    if who in ("owner", "editor"):
        assert status == 302
        assert draft.state == PostState.APPROVED
        assert (delivery.state, delivery.due_at) == (DeliveryState.WAITING, None)
    else:
        assert status == expected_status(who, Role.EDITOR)
        assert draft.state == PostState.SCHEDULED
        assert delivery.state == DeliveryState.SCHEDULED


@pytest.mark.parametrize("started", [DeliveryState.PUBLISHING, DeliveryState.PUBLISHED])
def test_no_unscheduling_once_publishing_started(
    team: Team, draft: Post, started: DeliveryState
) -> None:
    second = channel(team.workspace, "mastodon", "acme@social.example")
    Delivery.objects.create(post=draft, channel=second, key="k-second", key_issued_at=later(0))
    _scheduled(team, draft)
    Delivery.objects.filter(channel=second).update(state=started, claimed_by="worker-1")
    response = team.client("editor").post(
        reverse("calendar:transition", args=["acme", draft.pk, "unschedule"])
    )
    assert response.status_code == 409
    assert "Publishing has started" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == PostState.SCHEDULED
    # The delivery not yet claimed stays scheduled too: nothing was half undone.
    assert Delivery.objects.get(channel__network="x").state == DeliveryState.SCHEDULED


@pytest.mark.parametrize("state", [PostState.IN_REVIEW, PostState.APPROVED])
def test_back_to_draft_clears_the_approval(team: Team, draft: Post, state: PostState) -> None:
    _in_state(draft, state)
    Post.objects.filter(pk=draft.pk).update(approved_by=team.users["reviewer"])
    assert _step(team, "editor", draft, "withdraw") == 302
    assert draft.state == PostState.DRAFT
    assert draft.approved_by is None
    assert draft.submitted_at is None


def _edit(team: Team, made: Post, **changes: object) -> int:
    data: dict[str, object] = {
        "text": made.text,
        "language": made.language,
        "publish_at": made.publish_at.strftime("%Y-%m-%dT%H:%M") if made.publish_at else "",
        "channels": [d.channel_id for d in made.deliveries.all()],
    }
    data.update(changes)
    status: int = (
        team.client("editor")
        .post(reverse("calendar:post", args=["acme", made.pk]), data)
        .status_code
    )
    made.refresh_from_db()
    return status


def test_editing_an_approved_post_sends_it_back_to_draft(team: Team, draft: Post) -> None:
    _in_state(draft, PostState.APPROVED)
    Post.objects.filter(pk=draft.pk).update(approved_by=team.users["reviewer"])
    assert _edit(team, draft, text="Autumn trips, now cheaper") == 302
    assert draft.state == PostState.DRAFT
    assert draft.approved_by is None
    assert draft.text == "Autumn trips, now cheaper"


def test_changing_only_the_time_keeps_the_approval(team: Team, draft: Post) -> None:
    _in_state(draft, PostState.APPROVED)
    moved = later(5)
    assert _edit(team, draft, publish_at=moved.strftime("%Y-%m-%dT%H:%M")) == 302
    assert draft.state == PostState.APPROVED
    assert draft.publish_at == moved


def test_a_scheduled_post_cannot_be_edited(team: Team, draft: Post) -> None:
    _scheduled(team, draft)
    assert _edit(team, draft, text="Sneaky change") == 409
    assert draft.text == "Autumn trips"
    assert draft.state == PostState.SCHEDULED


@pytest.mark.parametrize("who", EVERYONE)
def test_edit_as_everyone(team: Team, draft: Post, who: str) -> None:
    url = reverse("calendar:post", args=["acme", draft.pk])
    response = team.client(who).post(url, {"text": "Changed", "channels": []})
    allowed = who in ("owner", "editor")
    assert response.status_code == (302 if allowed else expected_status(who, Role.EDITOR))
    draft.refresh_from_db()
    assert (draft.text == "Changed") == allowed
    assert draft.deliveries.exists() != allowed


@pytest.mark.parametrize("who", EVERYONE)
def test_post_page_reads_for_members_and_edits_for_editors(
    team: Team, draft: Post, who: str
) -> None:
    response = team.client(who).get(reverse("calendar:post", args=["acme", draft.pk]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        html = response.content.decode()
        assert "Autumn trips" in html
        assert ('id="sp-post-form"' in html) == (who in ("owner", "editor"))


@pytest.mark.parametrize("who", EVERYONE)
def test_new_post_page_is_for_editors(team: Team, who: str) -> None:
    response = team.client(who).get(reverse("calendar:post_new", args=["acme"]) + "?day=2026-05-04")
    assert response.status_code == expected_status(who, Role.EDITOR)
    if response.status_code == 200:
        assert 'value="2026-05-04T09:00"' in response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_delete_a_draft(team: Team, draft: Post, who: str) -> None:
    status = _step_delete(team, who, draft)
    allowed = who in ("owner", "editor")
    assert status == (302 if allowed else expected_status(who, Role.EDITOR))
    assert Post.objects.filter(pk=draft.pk).exists() != allowed


def _step_delete(team: Team, who: str, made: Post) -> int:
    url = reverse("calendar:transition", args=["acme", made.pk, "delete"])
    return int(team.client(who).post(url).status_code)


def test_a_scheduled_post_cannot_be_deleted(team: Team, draft: Post) -> None:
    _scheduled(team, draft)
    assert _step_delete(team, "owner", draft) == 409
    assert Post.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("who", MEMBERS)
def test_unknown_steps_and_gets_are_refused(team: Team, draft: Post, who: str) -> None:
    client = team.client(who)
    assert (
        client.post(reverse("calendar:transition", args=["acme", draft.pk, "publish"])).status_code
        == 404
    )
    assert (
        client.get(reverse("calendar:transition", args=["acme", draft.pk, "submit"])).status_code
        == 405
    )


def test_a_post_of_another_workspace_is_404(team: Team) -> None:
    other = team.users["outsider"].memberships.get().workspace
    theirs = post(other, team.users["outsider"], "Theirs", later(3))
    client = team.client("owner")
    assert client.get(reverse("calendar:post", args=["acme", theirs.pk])).status_code == 404
    url = reverse("calendar:transition", args=["acme", theirs.pk, "delete"])
    assert client.post(url).status_code == 404
    assert Post.objects.filter(pk=theirs.pk).exists()
