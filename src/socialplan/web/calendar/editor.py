"""The post page: the editor with each variant's checks, or the post as it stands, and the
steps of review and scheduling the reader may take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.forms import BoundField
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy

from socialplan.i18n import Catalogue, catalogue
from socialplan.publish.adaptation import blocking
from socialplan.rules.finding import Finding
from socialplan.web.calendar import checks, copies, workflow
from socialplan.web.calendar.checks import Draft, VariantChecks
from socialplan.web.calendar.deliveries import delivery_section
from socialplan.web.calendar.forms import (
    LOCAL_FORMAT,
    DescribeForm,
    ImageForm,
    PostForm,
    variant_field,
)
from socialplan.web.calendar.models import Channel, Post, PostImage, PostState
from socialplan.web.calendar.present import STATE_COLOURS, render_in
from socialplan.web.calendar.when import to_local, zone_of
from socialplan.web.language import library_language
from socialplan.web.workspaces.access import Access
from socialplan.web.workspaces.models import Role

#: The role each step of review and scheduling needs.
TRANSITIONS: dict[str, Role] = {
    "submit": Role.EDITOR,
    "approve": Role.REVIEWER,
    "schedule": Role.EDITOR,
    "unschedule": Role.EDITOR,
    "withdraw": Role.EDITOR,
    "delete": Role.EDITOR,
    "copy": copies.COPIES,
}


def reader_catalogue() -> Catalogue:
    """The library's catalogue in the page's language."""
    return catalogue(library_language(translation.get_language()))


@dataclass(frozen=True)
class VariantRow:
    """One channel in the editor: whether it is chosen, its own text, and its checks."""

    channel: Channel
    chosen: bool
    own_text: BoundField | None
    checks: VariantChecks | None


@dataclass(frozen=True)
class Action:
    """A step the reader may take with the post, and why it cannot be taken now."""

    name: str
    label: str
    style: str
    reasons: list[str]


def form_for(access: Access, data: Any = None, initial: Any = None, new: bool = False) -> PostForm:
    """The editor's form for *access*'s workspace: its channels and their planned pillars, in
    its time zone."""
    channels = access.workspace.channels.all()
    return PostForm(
        data,
        initial=initial,
        channels=channels,
        zone=zone_of(access.workspace),
        pillars=checks.pillars_by_channel(access.workspace, list(channels)),
        new=new,
    )


def initial_values(post: Post, access: Access) -> dict[str, Any]:
    """The saved post as the form's values, its time in the workspace's zone."""
    zone = zone_of(access.workspace)
    values: dict[str, Any] = {
        "text": post.text,
        "language": post.language,
        "pillar": post.pillar,
        "publish_at": to_local(post.publish_at, zone).strftime(LOCAL_FORMAT)
        if post.publish_at
        else "",
        "channels": [d.channel_id for d in post.deliveries.all()],
    }
    for delivery in post.deliveries.select_related("channel"):
        values[variant_field(delivery.channel)] = delivery.text
    return values


def _chosen(form: PostForm) -> set[str]:
    value = form["channels"].value() or []
    return {str(v) for v in value}


def rows(form: PostForm, shown: list[VariantChecks], editing: bool) -> list[VariantRow]:
    """Every channel of the workspace, with its own text's input and its checks."""
    by_channel = {c.channel.pk: c for c in shown}
    chosen = _chosen(form)
    return [
        VariantRow(
            channel=channel,
            chosen=str(channel.pk) in chosen,
            own_text=form[variant_field(channel)] if editing else None,
            checks=by_channel.get(channel.pk),
        )
        for channel in form.channel_list
    ]


#: The steps a post may take from each state, with their buttons' labels and colours.
ACTIONS = (
    ("submit", gettext_lazy("Submit for review"), "primary", (PostState.DRAFT,)),
    ("approve", gettext_lazy("Approve"), "success", (PostState.IN_REVIEW,)),
    ("schedule", gettext_lazy("Schedule"), "primary", (PostState.APPROVED,)),
    ("unschedule", gettext_lazy("Unschedule"), "outline-secondary", (PostState.SCHEDULED,)),
    ("withdraw", gettext_lazy("Back to draft"), "outline-secondary", workflow.EDITABLE[1:]),
    ("delete", gettext_lazy("Delete"), "outline-danger", workflow.EDITABLE),
    ("copy", gettext_lazy("Copy as a new draft"), "outline-primary", copies.COPIED_FROM),
)


def _blockers(name: str, post: Post, access: Access, errors: list[Finding]) -> list[str]:
    """Why the step *name* cannot be taken now (nothing for unscheduling: only trying tells)."""
    if name == "submit":
        return workflow.submit_blockers(post, access, errors)
    if name == "approve":
        return workflow.approve_blockers(post, access, errors)
    if name == "schedule":
        return workflow.schedule_blockers(post, access, errors)
    if name == "withdraw":
        return workflow.withdraw_blockers(post, access)
    if name == "delete":
        return workflow.delete_blockers(post, access)
    if name == "copy":
        return copies.copy_blockers(post, access)
    return []


def actions(post: Post, access: Access, errors: list[Finding]) -> list[Action]:
    """The steps the post's state allows and the reader's role may take."""
    return [
        Action(name, str(label), style, _blockers(name, post, access, errors))
        for name, label, style, states in ACTIONS
        if post.state in states and access.can(TRANSITIONS[name])
    ]


@dataclass(frozen=True)
class ImageRow:
    """One image of the post as the page shows it, with its description's form for editors."""

    image: PostImage
    describe: DescribeForm | None


def image_rows(post: Post, editing: bool) -> list[ImageRow]:
    """The post's images in their order (without their bytes), with forms where editable."""
    shown = post.images.defer("data", "thumbnail")
    return [
        ImageRow(
            image,
            DescribeForm(initial={"alt": image.alt}, prefix=f"image-{image.pk}")
            if editing
            else None,
        )
        for image in shown
    ]


def page(
    request: HttpRequest,
    access: Access,
    form: PostForm,
    post: Post | None,
    status: int = 200,
    image_form: ImageForm | None = None,
) -> HttpResponse:
    """The editor (or, for those who only read and for posts under way, the post as it is)."""
    cat = reader_catalogue()
    editing = access.can(Role.EDITOR) and (post is None or post.state in workflow.EDITABLE)
    saved = checks.stored(post) if post is not None else None
    saved_found = checks.findings_of(saved) if saved is not None else []
    if saved is not None and not form.is_bound:
        shown = checks.shown(saved, cat, saved_found)
    elif form.is_valid():
        shown = checks.shown(draft_of(access, form, post), cat)
    else:
        shown = []
    context: dict[str, Any] = {
        "access": access,
        "post": post,
        "form": form,
        "editing": editing,
        "rows": rows(form, shown, editing),
        "blocked": any(c.blocked for c in shown),
        "valid": not form.is_bound or form.is_valid(),
        "warnings": sum(len(c.findings) for c in shown),
        "zone": zone_of(access.workspace).key,
        "can_edit": access.can(Role.EDITOR),
    }
    if post is not None:
        context["images"] = image_rows(post, editing)
        context["image_form"] = (image_form or ImageForm()) if editing else None
        errors = [f for found in saved_found for f in blocking(found)]
        context["actions"] = actions(post, access, errors)
        context["state_colour"] = STATE_COLOURS.get(PostState(post.state), "secondary")
        context["delivery_section"] = delivery_section(post, access, cat, errors)
    return render_in(
        request, zone_of(access.workspace), "calendar/post.html", context, status=status
    )


def draft_of(access: Access, form: PostForm, post: Post | None) -> Draft:
    """The values of a valid form, as a draft to check."""
    data = form.cleaned_data
    return Draft(
        workspace=access.workspace,
        text=data.get("text") or "",
        language=data.get("language") or "",
        publish_at=data.get("publish_at"),
        variants=form.variants(),
        post_id=post.pk if post else None,
        pillar=data.get("pillar") or "",
        images=checks.images_of(post) if post else (),
    )


def refused_page(
    request: HttpRequest, access: Access, post: Post, refused: workflow.Refused
) -> HttpResponse:
    """The post page again, with every reason a step was refused (409)."""
    for reason in refused.reasons:
        messages.error(request, reason)
    post.refresh_from_db()
    return page(request, access, form_for(access, initial=initial_values(post, access)), post, 409)
