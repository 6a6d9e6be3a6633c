"""A post's images: added, described and removed by editors while the post is editable, and
shown to the workspace's members only (never from a public address)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from socialplan.web.calendar import drafts, workflow
from socialplan.web.calendar.editor import form_for, initial_values, page, refused_page
from socialplan.web.calendar.forms import DescribeForm, ImageForm
from socialplan.web.calendar.models import Post, PostImage
from socialplan.web.imports.uploads import limit_exceeded
from socialplan.web.workspaces.access import Access, workspace_access
from socialplan.web.workspaces.models import Role

#: Where the page opens after a change: at its images.
ANCHOR = "#sp-images"


def _editable(request: HttpRequest, slug: str, post_id: int) -> tuple[Access, Post]:
    """An editor's access and the post, which must be in the workspace."""
    access = workspace_access(request, slug, Role.EDITOR)
    return access, get_object_or_404(Post, pk=post_id, workspace=access.workspace)


def _the_image(post: Post, image_id: int) -> PostImage:
    """The post's image *image_id*, without its bytes."""
    return get_object_or_404(post.images.defer("data", "thumbnail"), pk=image_id)


def _back(slug: str, post: Post) -> HttpResponse:
    return redirect(reverse("calendar:post", args=[slug, post.pk]) + ANCHOR)


def _refuse_unless_editable(post: Post, access: Access) -> None:
    """Refuse any change to a post that is scheduled or gone out."""
    blockers = workflow.edit_blockers(post, access)
    if blockers:
        raise workflow.Refused(blockers)


def _saved(request: HttpRequest, post: Post, done: str) -> None:
    """Tell what was done; a post in review or approved is a draft again, since what it
    carries changed."""
    before = post.state
    workflow.after_edit(post, content_changed=True)
    messages.success(request, done)
    if post.state != before:
        messages.info(request, _("The post was changed, so it is a draft again."))


@require_POST
def image_add(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    """Add the uploaded image to the post; a file that is not one gets the page back with why."""
    access, post = _editable(request, slug, post_id)
    try:
        _refuse_unless_editable(post, access)
    except workflow.Refused as refused:
        return refused_page(request, access, post, refused)
    stopped = limit_exceeded(request)
    form = ImageForm(request.POST, request.FILES, carried=post.images.count(), stopped=stopped)
    if not form.is_valid() or form.read is None:
        return _with_errors(request, access, post, form, 413 if stopped else 400)
    try:
        drafts.add_image(post, form.read, form.cleaned_data["alt"])
        _saved(request, post, _("Image added."))
    except workflow.Refused as refused:
        return refused_page(request, access, post, refused)
    return _back(slug, post)


@require_POST
def image_describe(request: HttpRequest, slug: str, post_id: int, image_id: int) -> HttpResponse:
    """Give an image a new description."""
    access, post = _editable(request, slug, post_id)
    image = _the_image(post, image_id)
    form = DescribeForm(request.POST, prefix=f"image-{image.pk}")
    if not form.is_valid():
        for error in form["alt"].errors:
            messages.error(request, str(error))
        post.refresh_from_db()
        return page(
            request, access, form_for(access, initial=initial_values(post, access)), post, 400
        )
    try:
        _refuse_unless_editable(post, access)
        if drafts.describe_image(image, form.cleaned_data["alt"]):
            _saved(request, post, _("Description saved."))
    except workflow.Refused as refused:
        return refused_page(request, access, post, refused)
    return _back(slug, post)


@require_POST
def image_remove(request: HttpRequest, slug: str, post_id: int, image_id: int) -> HttpResponse:
    """Take an image off the post."""
    access, post = _editable(request, slug, post_id)
    image = _the_image(post, image_id)
    try:
        _refuse_unless_editable(post, access)
        drafts.remove_image(image)
        _saved(request, post, _("Image removed."))
    except workflow.Refused as refused:
        return refused_page(request, access, post, refused)
    return _back(slug, post)


@require_safe
def image_file(
    request: HttpRequest, slug: str, post_id: int, image_id: int, small: bool = False
) -> HttpResponse:
    """An image (or its small copy), for the workspace's members only."""
    access = workspace_access(request, slug)
    post = get_object_or_404(Post, pk=post_id, workspace=access.workspace)
    image = get_object_or_404(post.images.defer("thumbnail" if not small else "data"), pk=image_id)
    data, mime = (image.thumbnail, image.thumbnail_mime) if small else (image.data, image.mime)
    response = HttpResponse(bytes(data), content_type=mime)
    response["Content-Disposition"] = content_disposition_header(False, image.name) or "inline"
    # Only the signed-in member's browser may keep it; it is never a page of its own.
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _with_errors(
    request: HttpRequest, access: Access, post: Post, form: ImageForm, status: int
) -> HttpResponse:
    """The post page with the image form's errors."""
    editor = form_for(access, initial=initial_values(post, access))
    return page(request, access, editor, post, status, image_form=form)
