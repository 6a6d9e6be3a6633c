"""The strategy overview: the current revision, its check, YAML import and export, a start."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialplan.errors import FILE_TOO_LARGE, InputError, human_size
from socialplan.i18n import Catalogue, catalogue
from socialplan.inputs import DEFAULT_MAX_BYTES, decode_text
from socialplan.measure.pillars import plan_scores
from socialplan.rules.base import SEVERITY_LABELS, Severity
from socialplan.strategy.templates import starter
from socialplan.web.language import library_language
from socialplan.web.strategy import revisions
from socialplan.web.strategy.editing import parsed
from socialplan.web.strategy.findings import (
    check,
    counts_by_severity,
    counts_by_step,
    show_problem,
)
from socialplan.web.strategy.forms import ImportForm, StarterForm
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.strategy.parts import normalise, part_text
from socialplan.web.strategy.steps import STEPS
from socialplan.web.workspaces.access import Access, signed_in, workspace_access
from socialplan.web.workspaces.models import Role


def reader_catalogue() -> Catalogue:
    """The library's catalogue in the language of the page."""
    return catalogue(library_language(translation.get_language()))


def overview(request: HttpRequest, slug: str) -> HttpResponse:
    """The current revision, the plan check's summary, the steps, import and export."""
    access = workspace_access(request, slug)
    return _overview(request, access)


def _overview(
    request: HttpRequest,
    access: Access,
    *,
    import_form: ImportForm | None = None,
    starter_form: StarterForm | None = None,
    import_problems: list[Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    cat = reader_catalogue()
    revision = revisions.current(access.workspace)
    context: dict[str, Any] = {
        "access": access,
        "revision": revision,
        "can_edit": access.can(Role.EDITOR),
        "import_form": import_form or ImportForm(),
        "starter_form": starter_form
        or StarterForm(initial={"language": library_language(translation.get_language())}),
        "import_problems": import_problems or [],
    }
    counts: dict[str, int] = {}
    if revision is not None:
        try:
            loaded = parsed(revision.text)
        except InputError as exc:
            context["load_problems"] = [show_problem(p, cat) for p in exc.problems]
        else:
            result = check(loaded)
            counts = counts_by_step(result)
            context["severities"] = [
                (severity, cat.gettext(SEVERITY_LABELS[Severity(severity)]), count)
                for severity, count in counts_by_severity(result).items()
            ]
            context["silenced"] = result.silenced
            context["scores"] = [
                {
                    "label": cat.gettext(score.pillar),
                    "score": score.score,
                    "checks": [(cat.gettext(c.label), c.passed) for c in score.checks],
                }
                for score in plan_scores(loaded.document)
            ]
    text = revision.text if revision else ""
    context["steps"] = [
        {
            "step": step,
            "count": counts.get(step.slug, 0),
            "written": any(part_text(text, key) for key in step.document_keys()),
        }
        for step in STEPS
    ]
    return render(request, "strategy/overview.html", context, status=status)


def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The current revision (or ``?revision=N``) as a ``strategy.yaml`` download."""
    access = workspace_access(request, slug)
    wanted = request.GET.get("revision", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        revision = access.workspace.strategy_revisions.filter(number=int(wanted)).first()
    else:
        revision = revisions.current(access.workspace)
    if revision is None:
        raise Http404
    response = HttpResponse(revision.text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{revisions.DOCUMENT_NAME}"'
    return response


@require_POST
def import_yaml(request: HttpRequest, slug: str) -> HttpResponse:
    """Keep an uploaded or pasted document as a new revision; nothing is kept when it is wrong."""
    access = workspace_access(request, slug, Role.EDITOR)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _overview(request, access, import_form=form, status=400)
    cat = reader_catalogue()
    try:
        text = _imported_text(form)
        before = revisions.current(access.workspace)
        revision = revisions.save(
            access.workspace,
            text,
            signed_in(request),
            form.cleaned_data["note"] or _("Imported from YAML"),
        )
    except InputError as exc:
        problems = [show_problem(p, cat) for p in exc.problems]
        return _overview(request, access, import_form=form, import_problems=problems, status=400)
    _report_save(request, before, revision)
    return redirect("strategy:overview", slug=slug)


def _imported_text(form: ImportForm) -> str:
    """The document's text from the upload or the text area (raises InputError)."""
    upload = form.cleaned_data.get("file")
    pasted = form.cleaned_data.get("text") or ""
    size = (upload.size or 0) if upload is not None else len(pasted.encode())
    if size > DEFAULT_MAX_BYTES:
        # The same limit as for a strategy file given to the command line.
        raise InputError.one(
            revisions.DOCUMENT_NAME,
            FILE_TOO_LARGE,
            size=human_size(size),
            limit=human_size(DEFAULT_MAX_BYTES),
        )
    if upload is None:
        return normalise(pasted)
    return normalise(decode_text(revisions.DOCUMENT_NAME, upload.read()))


def _report_save(
    request: HttpRequest,
    before: StrategyRevision | None,
    after: StrategyRevision,
) -> None:
    """Tell whether a save made a new revision."""
    if before is not None and before.pk == after.pk:
        messages.info(request, _("Nothing changed, so no new revision was made."))
    else:
        messages.success(request, _("Saved as revision %(number)s.") % {"number": after.number})


@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """Begin an empty workspace's strategy from the starter of an objective, in a language."""
    access = workspace_access(request, slug, Role.EDITOR)
    form = StarterForm(request.POST)
    if not form.is_valid():
        return _overview(request, access, starter_form=form, status=400)
    if revisions.current(access.workspace) is not None:
        messages.error(request, _("This workspace has a strategy already; edit it instead."))
        return _overview(request, access, status=409)
    objective, language = form.cleaned_data["objective"], form.cleaned_data["language"]
    text = starter(
        objective,
        catalogue(language),
        file=revisions.DOCUMENT_NAME,
        today=timezone.localdate(),
    )
    revision = revisions.save(
        access.workspace,
        text,
        signed_in(request),
        _("Started from the %(objective)s starter") % {"objective": objective},
    )
    _report_save(request, None, revision)
    return redirect("strategy:overview", slug=slug)
