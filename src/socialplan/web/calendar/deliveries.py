"""A post's deliveries as its page shows them: each channel's state, what happened there, and
what the reader may decide (confirm an unknown outcome, try a failure again, publish now, copy a
refused post as a new draft)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from socialplan.i18n import Catalogue
from socialplan.rules.finding import Finding
from socialplan.web.calendar import workflow
from socialplan.web.calendar.connecting import problem_lines
from socialplan.web.calendar.copies import copy_blockers
from socialplan.web.calendar.delivery_forms import PublishedAddressForm
from socialplan.web.calendar.models import Attempt, Delivery, DeliveryState, Post, PostState
from socialplan.web.calendar.present import DELIVERY_COLOURS, NEEDS_DECISION
from socialplan.web.calendar.publishing.addresses import web_address
from socialplan.web.calendar.publishing.decisions import decided_by
from socialplan.web.calendar.publishing.problems import about_content
from socialplan.web.workspaces.access import Access
from socialplan.web.workspaces.models import Role

#: Who may decide about deliveries and publish now: whoever may schedule.
DECIDES = Role.EDITOR
#: Post states whose deliveries the page shows: from approval on (before, the editor has them).
SHOWN_FROM = frozenset(PostState) - {PostState.DRAFT, PostState.IN_REVIEW}


@dataclass(frozen=True)
class Step:
    """One attempt of the history: a worker's try, or a person's decision."""

    attempt: Attempt
    #: The person who decided, or "" for a worker's attempt.
    person: str


@dataclass(frozen=True)
class DeliveryRow:
    """One channel of the post: its state, what happened, and what the reader may do."""

    delivery: Delivery
    colour: str
    #: It failed, or nobody knows whether it published: someone must look.
    needs_decision: bool
    #: The post's page on the network, where the network gave a web address.
    link: str
    #: The last problem, then what caused it, in the reader's language.
    problem: list[str]
    #: Why the channel's account cannot publish now (a revoked token), in the reader's language.
    channel_problem: list[str]
    history: list[Step]
    #: Workers' attempts (people's decisions are not counted).
    tries: int
    #: Unconfirmed and left to a person: the publisher will not look at it again by itself.
    waits_for_person: bool
    #: The reader may say whether the post is on the network.
    can_confirm: bool
    #: The reader may send a failed delivery again (its account can publish again).
    can_try_again: bool
    #: The network refused the post itself: trying again cannot help.
    refused_content: bool
    address_form: PublishedAddressForm | None


@dataclass(frozen=True)
class Section:
    """The deliveries of a post, and whether the reader may publish it now."""

    rows: list[DeliveryRow]
    can_decide: bool
    #: "Publish now" is offered (the post's state allows it and the reader may schedule).
    offers_publish_now: bool
    #: Why it cannot be published now, when it is offered but blocked.
    publish_now_reasons: list[str]
    #: The reader may copy the post as a new draft (to correct what a network refused).
    can_copy: bool


def delivery_section(
    post: Post,
    access: Access,
    cat: Catalogue,
    errors: Sequence[Finding],
    address_form: PublishedAddressForm | None = None,
) -> Section | None:
    """What the post page shows of *post*'s deliveries; None while it is not approved yet.

    *address_form* is a form the reader sent with a mistake, shown again in its row.
    """
    if post.state not in SHOWN_FROM:
        return None
    can_decide = access.can(DECIDES)
    deliveries = post.deliveries.select_related("channel").prefetch_related(
        Prefetch("history", queryset=Attempt.objects.order_by("started_at", "pk"))
    )
    rows = [
        _row(d, cat, can_decide, address_form)
        for d in deliveries.order_by("channel__network", "channel__handle")
    ]
    offered = can_decide and post.state in workflow.PUBLISHABLE_NOW
    return Section(
        rows=rows,
        can_decide=can_decide,
        offers_publish_now=offered,
        publish_now_reasons=workflow.publish_now_blockers(post, access, errors) if offered else [],
        can_copy=not copy_blockers(post, access),
    )


def _row(
    delivery: Delivery,
    cat: Catalogue,
    can_decide: bool,
    bound: PublishedAddressForm | None,
) -> DeliveryRow:
    history = [Step(a, decided_by(a)) for a in delivery.history.all()]
    unconfirmed = delivery.state == DeliveryState.UNCONFIRMED
    can_confirm = can_decide and unconfirmed and not delivery.claimed_by
    form = None
    if can_confirm:
        own = bound is not None and bound.prefix == f"delivery-{delivery.pk}"
        form = bound if own else PublishedAddressForm(delivery=delivery)
    return DeliveryRow(
        delivery=delivery,
        colour=DELIVERY_COLOURS.get(DeliveryState(delivery.state), "secondary"),
        needs_decision=delivery.state in NEEDS_DECISION,
        link=web_address(delivery.remote_url),
        problem=problem_lines(delivery.problem, cat),
        channel_problem=problem_lines(delivery.channel.problem, cat),
        history=history,
        tries=sum(1 for step in history if not step.person),
        waits_for_person=unconfirmed and delivery.due_at is None,
        can_confirm=can_confirm,
        can_try_again=can_decide and not try_again_blockers(delivery),
        refused_content=about_content(delivery.problem),
        address_form=form,
    )


def try_again_blockers(delivery: Delivery) -> list[str]:
    """Why *delivery* cannot be sent again now: only a failure, once its account works."""
    if delivery.state != DeliveryState.FAILED:
        return [_("Only a failed delivery can be tried again.")]
    if delivery.claimed_by:
        return [_("The publisher is working on it right now; reload the page in a moment.")]
    if delivery.channel.problem:
        return [_("Its account cannot publish: connect the account again first.")]
    if about_content(delivery.problem):
        return [
            _("The network refused the post itself, so sending it again would fail the same way.")
        ]
    return []


def confirm_blockers(delivery: Delivery) -> list[str]:
    """Why nobody can say now whether *delivery* is on the network."""
    if delivery.state != DeliveryState.UNCONFIRMED:
        return [_("This delivery is not waiting for a decision any more; see what happened below.")]
    if delivery.claimed_by:
        return [_("The publisher is checking it on the network right now; reload in a moment.")]
    return []
