"""Publishing in batches: one claim, one task, a fixed number of statements, every outcome kept.

The scheduling loop claims what is due and enqueues one task per batch; the task takes the
claims over, opens every attempt before any network is called, sends (several accounts at
once), and records each outcome. These tests run the real Mastodon adapter against
``LoopbackNetwork`` and check each delivery, each attempt and each post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.web.loopback_network import LoopbackNetwork

from socialplan.publish.content import IdempotencyKey
from socialplan.publish.errors import NO_ANSWER, REFUSED
from socialplan.web.calendar import tasks
from socialplan.web.calendar.models import (
    Attempt,
    Channel,
    Delivery,
    DeliveryState,
    Post,
    PostImage,
    PostState,
)
from socialplan.web.calendar.publishing import adapters, attempt, lease, problems
from socialplan.web.calendar.publishing.attempt import publish_claimed, start
from socialplan.web.calendar.publishing.bulk import set_rows
from socialplan.web.calendar.publishing.claim import claim_due
from socialplan.web.calendar.publishing.rollup import refresh_post_states
from socialplan.web.calendar.publishing.sweep import expire_stale
from socialplan.web.calendar.sealing import seal
from socialplan.web.workspaces.models import Workspace

Outcome = Attempt.Outcome
#: Room for a whole batch on one account; failures answered at once, retries far off.
SETTINGS = {
    "TIMEOUT_SECONDS": 1,
    "RECONCILE_DELAY_SECONDS": 0,
    "RETRY_BASE_SECONDS": 30,
    "CONCURRENCY": 20,
}


@pytest.fixture
def network() -> Iterator[LoopbackNetwork]:
    with LoopbackNetwork(slow_seconds=2.0) as net:
        yield net
    adapters.forget_all()


@pytest.fixture(autouse=True)
def settings_for_batches() -> Iterator[None]:
    with override_settings(PUBLISHER=SETTINGS):
        yield


Make = Callable[..., Delivery]


@pytest.fixture
def make(db: None, network: LoopbackNetwork) -> Make:
    """A scheduled post due a moment ago (in creation order), on Mastodon account *account*."""
    workspace = Workspace.objects.create(name="Acme", slug="acme")
    accounts: dict[int, Channel] = {}
    start_at = timezone.now() - dt.timedelta(minutes=1)

    def make_delivery(text: str = "Hello in a batch", account: int = 0) -> Delivery:
        if account not in accounts:
            accounts[account] = Channel.objects.create(
                workspace=workspace,
                network="mastodon",
                handle=f"account{account}",
                sealed_credentials=seal(network.mastodon(f"token-{account}")),
            )
        when = start_at + dt.timedelta(seconds=Delivery.objects.count())
        post = Post.objects.create(
            workspace=workspace, text=text, publish_at=when, state=PostState.SCHEDULED
        )
        key = IdempotencyKey.new()
        return Delivery.objects.create(
            post=post,
            channel=accounts[account],
            state=DeliveryState.SCHEDULED,
            key=key.value,
            key_issued_at=key.issued_at,
            due_at=when,
        )

    return make_delivery


def fresh(delivery: Delivery) -> Delivery:
    delivery.refresh_from_db()
    return delivery


def history(delivery: Delivery) -> list[str]:
    return list(delivery.history.order_by("pk").values_list("outcome", flat=True))


def claimed() -> tuple[list[int], str]:
    """Claim everything due as one worker's loop does: the ids and the claim's mark."""
    claims = claim_due("loop-worker")
    assert len({c.mark for c in claims}) == 1
    return [c.delivery_id for c in claims], claims[0].mark


# -- one batch, every kind of outcome --------------------------------------------------------


def test_a_batch_keeps_each_outcome(make: Make, network: LoopbackNetwork) -> None:
    # One account: its posts go out in turn, in due order, so the faults meet known posts.
    published, retried, refused, unknown = (make(text=f"post {n}") for n in range(4))
    network.fail_next("POST", "ok", "503", "422", "drop")
    ids, mark = claimed()
    states = publish_claimed(ids, mark, "batch-worker")
    assert states == {
        published.pk: DeliveryState.PUBLISHED,
        retried.pk: DeliveryState.SCHEDULED,
        refused.pk: DeliveryState.FAILED,
        unknown.pk: DeliveryState.UNCONFIRMED,
    }
    assert fresh(published).remote_ref == network.keys[("token-0", published.key)]
    assert fresh(published).problem is None
    assert fresh(retried).due_at > timezone.now() + dt.timedelta(seconds=25)  # type: ignore[operator]
    assert fresh(retried).claimed_at is None
    assert fresh(refused).problem["message"] == REFUSED
    assert fresh(unknown).problem["message"] == NO_ANSWER
    assert fresh(unknown).due_at is not None
    for delivery, outcome in (
        (published, Outcome.PUBLISHED),
        (retried, Outcome.RETRY),
        (refused, Outcome.FAILED),
        (unknown, Outcome.UNKNOWN),
    ):
        done = fresh(delivery)
        assert (done.claimed_by, done.attempts) == ("", 1)
        assert history(done) == [outcome]
        attempt_row = done.history.get()
        assert attempt_row.worker == "batch-worker"
        assert attempt_row.finished_at is not None
        assert Post.objects.get(pk=done.post_id).state == done.state
    # The refusal quoted the token; the attempt and the problem do not.
    assert "token-0" not in fresh(refused).history.get().answer
    assert "token-0" not in str(fresh(refused).problem)


def test_a_batch_over_many_accounts_is_sent_at_once(make: Make, network: LoopbackNetwork) -> None:
    deliveries = [make(text=f"post {n}", account=n % 5) for n in range(15)]
    ids, mark = claimed()
    assert len(ids) == 15
    assert set(publish_claimed(ids, mark).values()) == {DeliveryState.PUBLISHED}
    assert {fresh(d).state for d in deliveries} == {DeliveryState.PUBLISHED}
    assert sorted(network.created.values()) == [1] * 15
    assert Attempt.objects.filter(outcome=Outcome.PUBLISHED).count() == 15


def test_a_post_with_images_goes_out_with_them_in_a_batch(
    make: Make, network: LoopbackNetwork
) -> None:
    plain = [make(text=f"plain {n}", account=n) for n in range(3)]
    pictured = make(text="with a picture", account=1)
    PostImage.objects.create(
        post_id=pictured.post_id,
        name="loaf.png",
        mime="image/png",
        data=b"\x89PNG not really",
        size=16,
        width=1,
        height=1,
        thumbnail=b"",
        thumbnail_mime="image/png",
        alt="A loaf on a board",
    )
    ids, mark = claimed()
    assert set(publish_claimed(ids, mark).values()) == {DeliveryState.PUBLISHED}
    assert len(network.media) == 1
    assert b"A loaf on a board" in network.media[0]
    status = network.statuses[fresh(pictured).remote_ref]
    assert status["media_ids"] == ["media1"]
    assert all(network.statuses[fresh(d).remote_ref]["media_ids"] == [] for d in plain)


# -- claims --------------------------------------------------------------------------------------


def test_a_batch_whose_claim_was_taken_does_nothing(make: Make, network: LoopbackNetwork) -> None:
    deliveries = [make(text=f"post {n}", account=n) for n in range(3)]
    ids, mark = claimed()
    # Another worker took the claim over (a task delivered twice runs the first copy).
    assert start(ids, mark, "other-worker") is not None
    assert publish_claimed(ids, mark, "late-worker") == {}
    assert network.requests["POST /api/v1/statuses"] == 0
    assert not Attempt.objects.filter(worker="late-worker").exists()
    assert {fresh(d).state for d in deliveries} == {DeliveryState.PUBLISHING}


def test_a_batch_publishes_only_what_is_still_its_own(make: Make, network: LoopbackNetwork) -> None:
    kept, lost = make(text="kept", account=0), make(text="lost", account=1)
    ids, mark = claimed()
    Delivery.objects.filter(pk=lost.pk).update(claimed_by="someone-else/1")
    assert publish_claimed(ids, mark) == {kept.pk: DeliveryState.PUBLISHED}
    assert network.requests["POST /api/v1/statuses"] == 1
    assert history(lost) == []
    assert fresh(lost).claimed_by == "someone-else/1"


def test_a_worker_killed_after_opening_its_attempts_leaves_them_unconfirmed(
    make: Make, network: LoopbackNetwork
) -> None:
    deliveries = [make(text=f"post {n}", account=n) for n in range(3)]
    ids, mark = claimed()
    # The attempts are committed, then the worker dies before (or while) calling the network.
    started = start(ids, mark, "doomed")
    assert started is not None
    assert Attempt.objects.filter(worker="doomed", finished_at__isnull=True).count() == 3
    Delivery.objects.filter(pk__in=ids).update(claimed_at=timezone.now() - dt.timedelta(hours=1))
    expired = expire_stale()
    assert (expired.unconfirmed, expired.rescheduled) == (3, 0)
    for delivery in deliveries:
        done = fresh(delivery)
        assert done.state == DeliveryState.UNCONFIRMED
        assert done.problem["message"] == problems.WORKER_STOPPED
        assert history(done) == [Outcome.UNKNOWN]
        assert Post.objects.get(pk=done.post_id).state == PostState.UNCONFIRMED
    assert network.requests["POST /api/v1/statuses"] == 0


def test_a_worker_killed_before_opening_its_attempts_is_simply_due_again(
    make: Make, network: LoopbackNetwork
) -> None:
    deliveries = [make(text=f"post {n}", account=n) for n in range(2)]
    claimed()
    Delivery.objects.update(claimed_at=timezone.now() - dt.timedelta(hours=1))
    assert expire_stale().rescheduled == 2
    assert {fresh(d).state for d in deliveries} == {DeliveryState.SCHEDULED}


def test_a_publication_is_kept_when_the_sweep_gave_the_call_up(
    make: Make, network: LoopbackNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivery = make()
    ids, mark = claimed()
    real_send = attempt.send

    def slow_send(started: Any) -> Any:
        # The call outlives the lease: the sweep settles the claim while it is under way.
        Delivery.objects.filter(pk=delivery.pk).update(
            claimed_at=timezone.now() - dt.timedelta(hours=1)
        )
        assert expire_stale().unconfirmed == 1
        return real_send(started)

    monkeypatch.setattr(attempt, "send", slow_send)
    publish_claimed(ids, mark)
    done = fresh(delivery)
    assert done.state == DeliveryState.PUBLISHED
    assert done.remote_ref == network.keys[("token-0", done.key)]
    assert history(done) == [Outcome.PUBLISHED]


def test_the_claims_of_a_batch_are_renewed_together(make: Make) -> None:
    deliveries = [make(text=f"post {n}", account=n) for n in range(3)]
    ids, mark = claimed()
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Delivery.objects.update(claimed_at=long_ago)
    with lease.holding_all(ids, mark), CaptureQueriesContext(connection) as queries:
        assert lease.renew() == 3
    assert len(queries.captured_queries) == 1
    assert all(fresh(d).claimed_at > long_ago for d in deliveries)  # type: ignore[operator]
    assert lease.renew() == 0


# -- cost ------------------------------------------------------------------------------------------


def statements_for(make: Make, posts: int) -> int:
    """The statements one batch of *posts* published posts takes, claim excluded."""
    for n in range(posts):
        make(text=f"post {n}", account=n % 4)
    ids, mark = claimed()
    with CaptureQueriesContext(connection) as queries:
        assert set(publish_claimed(ids, mark).values()) == {DeliveryState.PUBLISHED}
    Delivery.objects.all().delete()
    return len(queries.captured_queries)


def test_a_batch_costs_the_same_statements_however_large(make: Make) -> None:
    assert statements_for(make, 3) == statements_for(make, 30)


def test_the_loop_enqueues_one_task_per_batch(
    make: Make, network: LoopbackNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    deliveries = [make(text=f"post {n}", account=n % 3) for n in range(5)]
    batches: list[list[int]] = []
    real = attempt.publish_claimed

    def spy(delivery_ids: list[int], mark: str, worker: str = "") -> dict[int, str]:
        batches.append(list(delivery_ids))
        return real(delivery_ids, mark, worker)

    monkeypatch.setattr(attempt, "publish_claimed", spy)
    with override_settings(PUBLISHER={**SETTINGS, "PER_TASK": 2}):
        assert tasks.dispatch_due("loop") == 5
    assert batches == [
        [d.pk for d in deliveries[:2]],
        [d.pk for d in deliveries[2:4]],
        [deliveries[4].pk],
    ]
    assert {fresh(d).state for d in deliveries} == {DeliveryState.PUBLISHED}


# -- the pieces ------------------------------------------------------------------------------------


def test_rows_get_their_own_values_and_the_shared_ones(make: Make) -> None:
    first, second, third = make(), make(), make()
    later = timezone.now() + dt.timedelta(hours=1)
    changed = set_rows(
        Delivery.objects.filter(state=DeliveryState.SCHEDULED),
        {
            first.pk: {"remote_ref": "a", "due_at": later, "problem": None},
            second.pk: {"remote_ref": "b", "due_at": later, "problem": None},
        },
        claimed_by="x",
    )
    assert changed == 2
    assert (fresh(first).remote_ref, fresh(second).remote_ref) == ("a", "b")
    assert fresh(first).due_at == later
    assert fresh(third).remote_ref == ""
    # A shared None is SQL NULL, as update() writes it: isnull finds it.
    assert Delivery.objects.filter(pk__in=[first.pk, second.pk], problem__isnull=True).count() == 2


def test_rows_no_longer_matching_are_left_alone(make: Make) -> None:
    first, second = make(), make()
    Delivery.objects.filter(pk=second.pk).update(state=DeliveryState.PUBLISHED)
    changed = set_rows(
        Delivery.objects.filter(state=DeliveryState.SCHEDULED),
        {first.pk: {"problem": {"message": "one"}}, second.pk: {"problem": {"message": "two"}}},
    )
    assert changed == 1
    assert fresh(first).problem == {"message": "one"}
    assert fresh(second).problem is None


def test_many_rows_are_updated_in_chunks_the_database_takes(make: Make) -> None:
    deliveries = [make(text=f"post {n}") for n in range(260)]
    changed = set_rows(
        Delivery.objects.all(),
        {
            d.pk: {"remote_ref": f"ref-{d.pk}", "remote_url": f"https://x/{d.pk}"}
            for d in deliveries
        },
    )
    assert changed == 260
    assert all(fresh(d).remote_ref == f"ref-{d.pk}" for d in deliveries[::37])


def test_posts_are_rolled_up_together(make: Make) -> None:
    alone, shared = make(account=0), make(account=0)
    other = Delivery.objects.create(
        post_id=shared.post_id,
        channel=Channel.objects.create(
            workspace=shared.post.workspace, network="mastodon", handle="second"
        ),
        state=DeliveryState.FAILED,
        key="k-second",
        key_issued_at=timezone.now(),
    )
    Delivery.objects.filter(pk__in=[alone.pk, shared.pk]).update(state=DeliveryState.PUBLISHED)
    assert refresh_post_states([alone.post_id, shared.post_id, other.post_id]) == {
        alone.post_id: PostState.PUBLISHED,
        shared.post_id: PostState.FAILED,
    }
    assert Post.objects.get(pk=alone.post_id).state == PostState.PUBLISHED
    assert Post.objects.get(pk=shared.post_id).state == PostState.FAILED
