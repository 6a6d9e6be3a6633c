"""The one page a network reads without signing in: an image, by a signed address that expires.

It answers the image's bytes and nothing else (no name, no post, no workspace); any address
that is not valid now (tampered, expired, another image's, the image changed) is a plain 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from socialplan.web.calendar.public_images import LIFETIME, opened


@login_not_required
@require_safe
def public_image(request: HttpRequest, token: str) -> HttpResponse:
    """The image *token* names, while the token is valid."""
    image = opened(token)
    if image is None:
        raise Http404
    response = HttpResponse(bytes(image.data), content_type=image.mime)
    response["X-Content-Type-Options"] = "nosniff"
    # Only the fetcher may keep it, and not beyond the address's own life.
    response["Cache-Control"] = f"private, max-age={int(LIFETIME.total_seconds())}"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
