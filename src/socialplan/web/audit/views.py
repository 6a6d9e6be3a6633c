"""The audit dashboard and the report downloads; every member may see both."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django_htmx.middleware import HtmxDetails

from socialplan.activity.store import Store
from socialplan.errors import InputError
from socialplan.i18n import Catalogue, catalogue
from socialplan.rules.full_audit import audit_store
from socialplan.rules.reporters import SUMMARY
from socialplan.web.audit import downloads, present, summary
from socialplan.web.audit.filters import FindingFilter
from socialplan.web.audit.snapshots import current_snapshot, snapshot_charts, workspace_today
from socialplan.web.language import library_language
from socialplan.web.strategy.revisions import current, load
from socialplan.web.workspaces.access import Access, workspace_access


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it."""

    htmx: HtmxDetails


CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def _catalogue() -> Catalogue:
    """The library's catalogue in the reader's language."""
    return catalogue(library_language(get_language()))


def _not_auditable(
    request: HttpRequest, access: Access, problems: InputError | None, status: int
) -> HttpResponse:
    """No strategy yet, or one that no longer loads: say so and point to the strategy."""
    lines = problems.render(_catalogue()).splitlines() if problems else []
    return render(
        request, "audit/no_strategy.html", {"access": access, "problems": lines}, status=status
    )


def dashboard(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Scorecard, KPIs, charts and findings with their evidence; htmx swaps the findings only."""
    access = workspace_access(request, slug)
    revision = current(access.workspace)
    if revision is None:
        return _not_auditable(request, access, None, 200)
    try:
        snapshot = current_snapshot(access.workspace, revision)
    except InputError as exc:
        return _not_auditable(request, access, exc, 200)
    cat = _catalogue()
    kept = summary.findings(snapshot.data)
    form = FindingFilter(request.GET, kept, cat)
    # Worst first, then in the order of the document, as the report lists them.
    shown = sorted(form.apply(kept), key=lambda k: (-k.finding.severity.rank, k.finding.sort_key()))
    context: dict[str, Any] = {
        "access": access,
        "form": form,
        "findings": [present.finding_row(k, cat) for k in shown],
        "total": len(kept),
        "T": present.report_texts(cat),
    }
    status = 200 if form.is_valid() else 400
    # A history restore after hx-push-url needs the whole page again.
    if request.htmx and not request.htmx.history_restore_request:
        response = render(request, "audit/_findings.html", context, status=status)
    else:
        data = snapshot.data
        context.update(
            revision=revision,
            day=data["day"],
            imported=data["imported"],
            summary=cat.format(SUMMARY, **data["counts"]),
            pillars=present.pillar_rows(data, cat),
            kpis=present.kpi_rows(data),
            responses=data["responses"],
            charts=snapshot_charts(snapshot, cat),
        )
        response = render(request, "audit/dashboard.html", context, status=status)
    # The same address answers with the whole page or the findings only.
    patch_vary_headers(response, ("HX-Request",))
    return response


def report_download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The audit report as HTML or PDF, in the reader's language, as an attachment."""
    access = workspace_access(request, slug)
    revision = current(access.workspace)
    if revision is None:
        return _not_auditable(request, access, None, 404)
    workspace = access.workspace
    today = workspace_today(workspace)
    try:
        outcome = audit_store(load(revision), Store(workspace.store_dir), today=today)
    except InputError as exc:
        return _not_auditable(request, access, exc, 409)
    html = downloads.report_html(outcome, _catalogue())
    body = downloads.report_pdf(html) if kind == "pdf" else html.encode("utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    filename = f"{workspace.slug}-audit-{today.isoformat()}.{kind}"
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response
