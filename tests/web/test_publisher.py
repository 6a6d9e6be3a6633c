"""The publisher against a loopback network: claims, every error class, reconciliation, sweeps.

The adapters are the real ones (Mastodon, WordPress), talking HTTP to ``LoopbackNetwork`` on
127.0.0.1; the tasks run on the test settings' immediate backend, and once through RQ on a
Redis server the test starts (``test_rq_backend_publishes_once``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from tests.web.loopback_network import LoopbackNetwork
from tests.web.publisher_world import redis_server

from socialplan.i18n import catalogue
from socialplan.publish.checks import TOO_LONG
from socialplan.publish.content import IdempotencyKey
from socialplan.publish.errors import ANSWER_SHAPE, AUTH_FAILED, NO_ANSWER, REFUSED, SERVER_FAILED
from socialplan.web.calendar import tasks
from socialplan.web.calendar.models import (
    Attempt,
    Channel,
    Delivery,
    DeliveryState,
    Post,
    PostState,
)
from socialplan.web.calendar.publishing import adapters, lease, problems
from socialplan.web.calendar.publishing.attempt import publish
from socialplan.web.calendar.publishing.claim import claim_due, claim_one
from socialplan.web.calendar.publishing.decisions import confirm_not_published, confirm_published
from socialplan.web.calendar.publishing.reconcile import reconcile
from socialplan.web.calendar.publishing.rollup import refresh_post_state, rolled_up
from socialplan.web.calendar.publishing.runner import RQ_BACKEND, run_worker
from socialplan.web.calendar.publishing.sweep import claim_unconfirmed, expire_stale
from socialplan.web.calendar.sealing import seal
from socialplan.web.workspaces.models import Workspace

TOKEN = "tok-3f9a1c77d2e04b1aa6"
PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX"
Outcome = Attempt.Outcome
#: Fast settings: a 1 s HTTP timeout (the slow answer takes 2), reconciliation at once.
FAST = {"TIMEOUT_SECONDS": 1, "RECONCILE_DELAY_SECONDS": 0, "RETRY_BASE_SECONDS": 30}


@pytest.fixture
def network() -> Iterator[LoopbackNetwork]:
    with LoopbackNetwork(slow_seconds=2.0, retry_after=120) as net:
        yield net
    adapters.forget_all()


@pytest.fixture(autouse=True)
def fast() -> Iterator[None]:
    with override_settings(PUBLISHER=FAST):
        yield


Make = Callable[..., Delivery]


@pytest.fixture
def make(db: None, network: LoopbackNetwork) -> Make:
    """A scheduled post with one delivery, due now (or *due*), on a Mastodon or WP channel."""
    workspace = Workspace.objects.create(name="Acme", slug="acme")
    channels: dict[str, Channel] = {}

    def make_delivery(
        text: str = "Hello from the loopback network",
        kind: str = "mastodon",
        due: dt.datetime | None = None,
        credentials: dict[str, str] | None = None,
    ) -> Delivery:
        if kind not in channels:
            stored = credentials or (
                network.mastodon(TOKEN) if kind == "mastodon" else network.wordpress("ed", PASSWORD)
            )
            channels[kind] = Channel.objects.create(
                workspace=workspace, network=kind, handle=kind, sealed_credentials=seal(stored)
            )
        when = due or timezone.now() - dt.timedelta(seconds=1)
        post = Post.objects.create(
            workspace=workspace, text=text, publish_at=when, state=PostState.SCHEDULED
        )
        key = IdempotencyKey.new()
        return Delivery.objects.create(
            post=post,
            channel=channels[kind],
            state=DeliveryState.SCHEDULED,
            key=key.value,
            key_issued_at=key.issued_at,
            due_at=when,
        )

    return make_delivery


def history(delivery: Delivery) -> list[str]:
    return list(delivery.history.order_by("pk").values_list("outcome", flat=True))


def fresh(delivery: Delivery) -> Delivery:
    delivery.refresh_from_db()
    return delivery


# -- claims ------------------------------------------------------------------------------------


def test_a_due_delivery_is_claimed_once(make: Make) -> None:
    delivery = make()
    first, second = claim_due("worker-a"), claim_due("worker-b")
    assert [c.delivery_id for c in first] == [delivery.pk]
    assert second == []
    assert claim_one(delivery.pk, "worker-c") is None
    claimed = fresh(delivery)
    assert claimed.state == DeliveryState.PUBLISHING
    assert claimed.claimed_by.startswith("worker-a/")
    assert Post.objects.get(pk=delivery.post_id).state == PostState.PUBLISHING


def test_a_delivery_not_due_yet_is_not_claimed(make: Make) -> None:
    make(due=timezone.now() + dt.timedelta(minutes=5))
    assert claim_due("worker-a") == []


def test_a_channel_has_at_most_its_concurrency_under_way(make: Make) -> None:
    deliveries = [make(text=f"post {n}") for n in range(5)]
    with override_settings(PUBLISHER={**FAST, "CONCURRENCY": 2}):
        first = claim_due("worker-a")
        assert [c.delivery_id for c in first] == [d.pk for d in deliveries[:2]]
        assert claim_due("worker-b") == []
        assert publish(first[0].delivery_id, first[0].mark) == DeliveryState.PUBLISHED
        assert [c.delivery_id for c in claim_due("worker-b")] == [deliveries[2].pk]


@pytest.mark.django_db(transaction=True)
def test_racing_claimers_never_share_a_delivery(network: LoopbackNetwork) -> None:
    workspace = Workspace.objects.create(name="Race", slug="race")
    ids = []
    for n in range(8):
        channel = Channel.objects.create(
            workspace=workspace,
            network="mastodon",
            handle=f"account{n}",
            sealed_credentials=seal(network.mastodon(TOKEN)),
        )
        for m in range(5):
            post = Post.objects.create(workspace=workspace, text=f"{n}.{m}", state="scheduled")
            key = IdempotencyKey.new()
            ids.append(
                Delivery.objects.create(
                    post=post,
                    channel=channel,
                    state=DeliveryState.SCHEDULED,
                    key=key.value,
                    key_issued_at=key.issued_at,
                    due_at=timezone.now(),
                ).pk
            )
    won: list[list[int]] = []

    def claimer(name: str) -> None:
        try:
            won.append([c.delivery_id for c in claim_due(name)])
        finally:
            connection.close()

    with override_settings(PUBLISHER={**FAST, "CONCURRENCY": 2}):
        threads = [threading.Thread(target=claimer, args=(f"w{n}",)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    claimed = [pk for batch in won for pk in batch]
    assert len(claimed) == len(set(claimed)) == 16  # two per channel, each once
    assert Delivery.objects.filter(state=DeliveryState.PUBLISHING).count() == 16


# -- one attempt ---------------------------------------------------------------------------------


def test_a_publication_is_recorded(make: Make, network: LoopbackNetwork) -> None:
    delivery = make()
    assert publish(delivery.pk) == DeliveryState.PUBLISHED
    done = fresh(delivery)
    assert done.remote_ref in network.statuses
    assert done.remote_url.startswith(network.url)
    assert done.published_at is not None
    assert done.problem is None
    assert (done.claimed_by, done.attempts) == ("", 1)
    attempt = done.history.get()
    assert attempt.outcome == Outcome.PUBLISHED
    assert attempt.worker
    assert attempt.started_at <= attempt.finished_at  # type: ignore[operator]
    assert done.remote_ref in attempt.answer
    assert network.created[done.key] == 1
    assert Post.objects.get(pk=done.post_id).state == PostState.PUBLISHED


def test_a_task_delivered_twice_publishes_once(make: Make, network: LoopbackNetwork) -> None:
    delivery = make()
    [claim] = claim_due("worker-a")
    assert publish(claim.delivery_id, claim.mark) == DeliveryState.PUBLISHED
    assert publish(claim.delivery_id, claim.mark) == "skipped"
    assert network.requests["POST /api/v1/statuses"] == 1
    assert history(delivery) == [Outcome.PUBLISHED]


@pytest.mark.parametrize(
    ("fault", "state", "outcome", "message"),
    [
        ("401", DeliveryState.FAILED, Outcome.FAILED, AUTH_FAILED),
        ("422", DeliveryState.FAILED, Outcome.FAILED, REFUSED),
        ("slow", DeliveryState.UNCONFIRMED, Outcome.UNKNOWN, NO_ANSWER),
        ("drop", DeliveryState.UNCONFIRMED, Outcome.UNKNOWN, NO_ANSWER),
        ("garbage", DeliveryState.UNCONFIRMED, Outcome.UNKNOWN, ANSWER_SHAPE),
        ("shape", DeliveryState.UNCONFIRMED, Outcome.UNKNOWN, ANSWER_SHAPE),
        ("500", DeliveryState.UNCONFIRMED, Outcome.UNKNOWN, SERVER_FAILED),
    ],
)
def test_each_failure_leaves_a_clear_state(
    make: Make, network: LoopbackNetwork, fault: str, state: str, outcome: str, message: str
) -> None:
    delivery = make()
    network.fail_next("POST", fault)
    assert publish(delivery.pk) == state
    done = fresh(delivery)
    assert done.state == state
    assert done.claimed_by == ""
    assert done.problem["message"] == message
    assert history(done) == [outcome]
    assert Post.objects.get(pk=done.post_id).state == state
    shown = problems.render(done.problem, catalogue("fa"))
    assert shown
    assert all(line.strip() for line in shown)


def test_a_revoked_token_stops_the_channel(make: Make, network: LoopbackNetwork) -> None:
    first, second = make(text="one"), make(text="two")
    network.fail_next("POST", "401")
    assert publish(first.pk) == DeliveryState.FAILED
    channel = Channel.objects.get(pk=first.channel_id)
    assert channel.problem["message"] == AUTH_FAILED
    # The other post waits for the account to be connected again instead of failing too.
    assert claim_due("worker-a") == []
    assert fresh(second).state == DeliveryState.SCHEDULED
    Channel.objects.filter(pk=channel.pk).update(problem=None)
    assert [c.delivery_id for c in claim_due("worker-a")] == [second.pk]


def test_a_post_too_long_fails_before_any_request(make: Make, network: LoopbackNetwork) -> None:
    delivery = make(text="word " * 200)
    assert publish(delivery.pk) == DeliveryState.FAILED
    assert fresh(delivery).problem["message"] == TOO_LONG
    assert fresh(delivery).problem["args"]["limit"] == 500
    assert network.requests["POST /api/v1/statuses"] == 0


def test_unreadable_credentials_fail_cleanly(make: Make) -> None:
    delivery = make()
    Channel.objects.filter(pk=delivery.channel_id).update(sealed_credentials="not sealed")
    assert publish(delivery.pk) == DeliveryState.FAILED
    assert fresh(delivery).problem["message"] == problems.CREDENTIALS_UNREADABLE
    assert Channel.objects.get(pk=delivery.channel_id).problem is not None


def test_malformed_credentials_fail_cleanly(make: Make) -> None:
    delivery = make(credentials={"instance": "ftp://nowhere", "access_token": TOKEN})
    assert publish(delivery.pk) == DeliveryState.FAILED
    assert fresh(delivery).problem["message"] == problems.CREDENTIALS_INVALID
    assert TOKEN not in json.dumps(fresh(delivery).problem)


def test_secrets_never_reach_attempts_or_problems(make: Make, network: LoopbackNetwork) -> None:
    deliveries = [make(text=f"post {n}") for n in range(2)]
    network.fail_next("POST", "422")
    publish(deliveries[0].pk)
    network.fail_next("POST", "401")
    publish(deliveries[1].pk)
    stored = json.dumps(
        [
            list(Attempt.objects.values_list("answer", flat=True)),
            list(Delivery.objects.values_list("problem", flat=True)),
            list(Channel.objects.values_list("problem", flat=True)),
        ]
    )
    assert "was revoked" in stored
    assert "too large" in stored
    assert TOKEN not in stored


# -- retries --------------------------------------------------------------------------------------


def test_a_rate_limit_is_waited_out_by_the_whole_channel(
    make: Make, network: LoopbackNetwork
) -> None:
    first, second = make(text="one"), make(text="two")
    network.fail_next("POST", "429")
    before = timezone.now()
    assert publish(first.pk) == DeliveryState.SCHEDULED
    # retry_after (120 s) is longer than the first backoff (30 s): it wins.
    assert fresh(first).due_at >= before + dt.timedelta(seconds=120)  # type: ignore[operator]
    assert fresh(second).due_at >= before + dt.timedelta(seconds=120)  # type: ignore[operator]
    assert history(first) == [Outcome.RETRY]
    assert claim_due("worker-a") == []


def test_a_busy_network_is_retried_with_backoff_then_given_up(
    make: Make, network: LoopbackNetwork
) -> None:
    delivery = make()
    with override_settings(PUBLISHER={**FAST, "MAX_ATTEMPTS": 3}):
        for expected_pause in (30, 60):
            network.fail_next("POST", "503")
            before = timezone.now()
            assert publish(delivery.pk) == DeliveryState.SCHEDULED
            due = fresh(delivery).due_at
            assert due is not None
            assert before + dt.timedelta(seconds=expected_pause) <= due
            assert due <= timezone.now() + dt.timedelta(seconds=expected_pause)
            Delivery.objects.filter(pk=delivery.pk).update(due_at=timezone.now())
        network.fail_next("POST", "503")
        assert publish(delivery.pk) == DeliveryState.FAILED
    done = fresh(delivery)
    assert done.problem["message"] == problems.GAVE_UP
    assert done.problem["cause"]["args"]["status"] == 503
    assert history(done) == [Outcome.RETRY, Outcome.RETRY, Outcome.FAILED]
    assert network.created[done.key] == 0


# -- unknown outcomes -----------------------------------------------------------------------------


def reconcile_now() -> list[str]:
    return [reconcile(c.delivery_id, c.mark) for c in claim_unconfirmed("reconciler")]


def test_unknown_on_mastodon_is_sent_again_under_its_key(
    make: Make, network: LoopbackNetwork
) -> None:
    delivery = make()
    network.fail_next("POST", "drop")
    assert publish(delivery.pk) == DeliveryState.UNCONFIRMED
    assert network.created[delivery.key] == 1  # it did go out
    assert reconcile_now() == [DeliveryState.SCHEDULED]
    assert publish(delivery.pk) == DeliveryState.PUBLISHED
    done = fresh(delivery)
    assert network.created[done.key] == 1  # Mastodon answered the repeat with the first status
    assert done.remote_ref == network.keys[(TOKEN, done.key)]
    assert history(done) == [Outcome.UNKNOWN, Outcome.RETRY, Outcome.PUBLISHED]


def test_unknown_past_mastodons_window_waits_for_a_person(
    make: Make, network: LoopbackNetwork, team_user: Any
) -> None:
    delivery = make()
    network.fail_next("POST", "slow")
    assert publish(delivery.pk) == DeliveryState.UNCONFIRMED
    Attempt.objects.filter(delivery=delivery).update(
        started_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert reconcile_now() == [DeliveryState.UNCONFIRMED]
    waiting = fresh(delivery)
    assert waiting.problem["message"] == problems.NEEDS_PERSON
    assert waiting.due_at is None
    assert reconcile_now() == []  # not looked at again: a person decides
    assert network.requests["POST /api/v1/statuses"] == 1
    assert confirm_not_published(waiting, team_user)
    assert fresh(delivery).state == DeliveryState.SCHEDULED
    assert history(delivery)[-1] == Outcome.RETRY
    assert delivery.history.last().worker == f"person:{team_user.username}"  # type: ignore[union-attr]


def test_a_person_can_confirm_a_publication(
    make: Make, network: LoopbackNetwork, team_user: Any
) -> None:
    delivery = make()
    network.fail_next("POST", "garbage")
    publish(delivery.pk)
    assert confirm_published(fresh(delivery), team_user, "https://example.social/@acme/1")
    done = fresh(delivery)
    assert done.state == DeliveryState.PUBLISHED
    assert Post.objects.get(pk=done.post_id).state == PostState.PUBLISHED
    assert not confirm_published(done, team_user)  # only an unconfirmed one


def test_unknown_on_wordpress_is_found_by_its_key(make: Make, network: LoopbackNetwork) -> None:
    delivery = make(kind="wordpress")
    # The post is written, the answer dropped, and the adapter's own look-up fails too.
    network.fail_next("POST", "drop")
    network.fail_next("GET", "ok", "503")
    assert publish(delivery.pk) == DeliveryState.UNCONFIRMED
    assert reconcile_now() == [DeliveryState.PUBLISHED]
    done = fresh(delivery)
    assert history(done) == [Outcome.UNKNOWN, Outcome.FOUND]
    assert network.created == {network.posts[0]["slug"]: 1}
    assert done.remote_ref == "1"


def test_unknown_on_wordpress_not_there_is_published_once(
    make: Make, network: LoopbackNetwork
) -> None:
    delivery = make(kind="wordpress")
    network.fail_next("POST", "504-nothing")
    assert publish(delivery.pk) == DeliveryState.UNCONFIRMED
    assert reconcile_now() == [DeliveryState.SCHEDULED]
    assert publish(delivery.pk) == DeliveryState.PUBLISHED
    assert list(network.created.values()) == [1]
    assert history(delivery) == [Outcome.UNKNOWN, Outcome.RETRY, Outcome.PUBLISHED]


def test_a_reconciliation_that_cannot_ask_tries_later(make: Make, network: LoopbackNetwork) -> None:
    delivery = make(kind="wordpress")
    network.fail_next("POST", "504-nothing")
    publish(delivery.pk)
    network.fail_next("GET", "503")
    assert reconcile_now() == [DeliveryState.UNCONFIRMED]
    waiting = fresh(delivery)
    assert waiting.due_at is not None
    assert waiting.due_at > timezone.now()
    assert waiting.claimed_by == ""


# -- sweeps ---------------------------------------------------------------------------------------


def test_a_dead_workers_claim_is_checked_not_resent(make: Make, network: LoopbackNetwork) -> None:
    called, not_called = make(text="one"), make(text="two")
    claims = claim_due("doomed")
    # The first worker died after opening its attempt (it may have called the network);
    # the second before.
    from socialplan.web.calendar.publishing.attempt import start

    assert start([claims[0].delivery_id], claims[0].mark, "doomed") is not None
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    Delivery.objects.filter(pk__in=[called.pk, not_called.pk]).update(claimed_at=long_ago)
    expired = expire_stale()
    assert (expired.unconfirmed, expired.rescheduled) == (1, 1)
    assert fresh(called).state == DeliveryState.UNCONFIRMED
    assert fresh(called).problem["message"] == problems.WORKER_STOPPED
    assert history(called) == [Outcome.UNKNOWN]
    assert fresh(not_called).state == DeliveryState.SCHEDULED
    assert network.requests["POST /api/v1/statuses"] == 0


def test_the_sweep_publishes_what_an_outage_missed(make: Make, network: LoopbackNetwork) -> None:
    missed = [
        make(text=f"missed {n}", due=timezone.now() - dt.timedelta(hours=3)) for n in range(3)
    ]
    with override_settings(PUBLISHER={**FAST, "CONCURRENCY": 5}):
        found = tasks.sweep.enqueue().return_value
    assert found is not None
    assert found["dispatched"] == 3
    assert {fresh(d).state for d in missed} == {DeliveryState.PUBLISHED}
    assert sum(network.created.values()) == 3


def test_the_loop_enqueues_due_deliveries(make: Make, network: LoopbackNetwork) -> None:
    delivery = make()
    assert tasks.dispatch_due("loop") == 1
    assert fresh(delivery).state == DeliveryState.PUBLISHED


def test_a_held_claim_is_renewed(make: Make) -> None:
    delivery = make()
    [claim] = claim_due("worker-a")
    Delivery.objects.filter(pk=delivery.pk).update(
        claimed_at=timezone.now() - dt.timedelta(hours=1)
    )
    with lease.holding(delivery.pk, claim.mark):
        assert lease.renew() == 1
    assert fresh(delivery).claimed_at > timezone.now() - dt.timedelta(minutes=1)  # type: ignore[operator]
    assert lease.renew() == 0


# -- posts ----------------------------------------------------------------------------------------


def test_a_posts_state_adds_up_its_deliveries() -> None:
    s = DeliveryState
    assert rolled_up([s.PUBLISHED, s.PUBLISHED]) == PostState.PUBLISHED
    assert rolled_up([s.PUBLISHED, s.PUBLISHING, s.FAILED]) == PostState.PUBLISHING
    assert rolled_up([s.PUBLISHED, s.FAILED, s.UNCONFIRMED]) == PostState.FAILED
    assert rolled_up([s.PUBLISHED, s.UNCONFIRMED]) == PostState.UNCONFIRMED
    assert rolled_up([s.PUBLISHED, s.SCHEDULED]) == PostState.SCHEDULED
    assert rolled_up([]) is None


def test_a_draft_is_not_the_publishers_to_change(make: Make) -> None:
    delivery = make()
    Post.objects.filter(pk=delivery.post_id).update(state=PostState.DRAFT)
    assert refresh_post_state(delivery.post_id) is None
    assert Post.objects.get(pk=delivery.post_id).state == PostState.DRAFT


@pytest.fixture
def team_user(db: None) -> Any:
    from django.contrib.auth.models import User

    return User.objects.create_user("checker", password="a-long-test-password-42")


# -- RQ -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A throwaway Redis on a free loopback port (Debian's redis-server), nothing saved."""
    try:
        with redis_server() as url:
            yield url
    except FileNotFoundError:
        pytest.skip("redis-server is not installed")


def test_rq_backend_publishes_once(make: Make, network: LoopbackNetwork, redis_url: str) -> None:
    delivery = make()
    rq = {
        "TASKS": {"default": {"BACKEND": RQ_BACKEND}},
        "RQ_QUEUES": {"default": {"URL": redis_url}},
    }
    with override_settings(**rq):
        assert tasks.dispatch_due("loop") == 1
        # Claimed and queued in Redis; nothing has run yet.
        assert fresh(delivery).state == DeliveryState.PUBLISHING
        assert network.requests["POST /api/v1/statuses"] == 0
        run_worker("rq-test-worker", burst=True)
    done = fresh(delivery)
    assert done.state == DeliveryState.PUBLISHED
    assert network.created[done.key] == 1
    assert history(done) == [Outcome.PUBLISHED]
