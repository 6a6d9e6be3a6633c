"""Keeping a batch's outcomes: a few statements in one transaction, however many deliveries.

The deliveries are changed one UPDATE per kind of outcome (published, scheduled again,
failed, unconfirmed), each row with its own values (``bulk.py``), and only while the claim
is still this batch's; the attempts are closed with one UPDATE, and the posts rolled up once.
A publication is kept even when the claim was lost meanwhile (the sweep gave the call up):
what the network says exists is the truth.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import OperationalError, transaction
from django.utils import timezone

from socialplan.web.calendar.models import Attempt, Channel, Delivery, DeliveryState
from socialplan.web.calendar.publishing.bulk import set_rows
from socialplan.web.calendar.publishing.config import config
from socialplan.web.calendar.publishing.outcome import Decision, Result, clip, decide
from socialplan.web.calendar.publishing.rollup import refresh_post_states

if TYPE_CHECKING:
    from socialplan.web.calendar.publishing.attempt import Started

log = logging.getLogger(__name__)


def record(started: Started, results: Mapping[int, Result]) -> dict[int, str]:
    """Keep *results* on the deliveries, their attempts and posts; each delivery's state after.

    A database that is busy for a moment is waited for: losing the answers would leave the
    deliveries unconfirmed, to be checked on the network.
    """
    for pause in (0.1, 0.5, 2.0, None):
        try:
            with transaction.atomic():
                return _write(started, results, timezone.now())
        except OperationalError:
            if pause is None:
                raise
            log.warning("could not record the attempts of claim %s yet", started.mark)
            time.sleep(pause)
    raise AssertionError("unreachable")


def _write(started: Started, results: Mapping[int, Result], now: dt.datetime) -> dict[int, str]:
    """Every decision of the batch, written; each delivery's state."""
    cfg = config()
    decided = {d.pk: decide(d, results[d.pk], now, cfg) for d in started.deliveries}
    kinds: dict[str, dict[int, dict[str, object]]] = defaultdict(dict)
    for pk, decision in decided.items():
        kinds[decision.state][pk] = decision.fields
    ours = Delivery.objects.filter(state=DeliveryState.PUBLISHING, claimed_by=started.mark)
    for state, rows in kinds.items():
        changed = set_rows(ours, rows, state=state, claimed_by="")
        if state == DeliveryState.PUBLISHED and changed < len(rows):
            _published_all_the_same(rows)
    set_rows(
        Attempt.objects.all(),
        {
            started.attempts[pk].pk: {"outcome": d.outcome, "answer": clip(d.answer)}
            for pk, d in decided.items()
        },
        finished_at=now,
    )
    _on_channels(started, decided)
    refresh_post_states({d.post_id for d in started.deliveries})
    return {pk: decision.state for pk, decision in decided.items()}


def _published_all_the_same(rows: Mapping[int, Mapping[str, object]]) -> None:
    """Published, though the sweep gave these calls up meanwhile: the posts exist all the same.

    Rare (a call that outlived its lease), so one statement each.
    """
    for pk, fields in rows.items():
        Delivery.objects.filter(pk=pk).exclude(
            state__in=(DeliveryState.PUBLISHED, DeliveryState.PUBLISHING)
        ).update(state=DeliveryState.PUBLISHED, claimed_by="", **fields)


def _on_channels(started: Started, decided: Mapping[int, Decision]) -> None:
    """What some answers say of a whole account: broken until reconnected, or limited."""
    channel_of = {d.pk: d.channel_id for d in started.deliveries}
    for pk, decision in decided.items():
        channel = channel_of[pk]
        if decision.channel_problem is not None:
            Channel.objects.filter(pk=channel).update(problem=decision.channel_problem)
        if decision.channel_waits_until is not None:
            until = decision.channel_waits_until
            Delivery.objects.filter(
                channel_id=channel, state=DeliveryState.SCHEDULED, due_at__lt=until
            ).update(due_at=until)
