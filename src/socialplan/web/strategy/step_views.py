"""The wizard's steps: each edits its parts of the document, with the plan check live."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from socialplan.i18n import LANGUAGE_NAMES
from socialplan.strategy.templates import starter
from socialplan.web.strategy import revisions
from socialplan.web.strategy.editing import STEP_SLOT, Draft, apply, initial
from socialplan.web.strategy.findings import ShownProblem, Slot, check, slots
from socialplan.web.strategy.forms import StepForm, field_name
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.strategy.parts import EMPTY_DOCUMENT, part_text
from socialplan.web.strategy.steps import BY_SLUG, STEPS, Field, Kind, PartSpec, Step
from socialplan.web.strategy.views import reader_catalogue
from socialplan.web.workspaces.access import Access, signed_in, workspace_access
from socialplan.web.workspaces.models import Role, Workspace


@dataclass
class FieldView:
    """One field of a part: its input (for editors) or its value (for readers)."""

    slot: str
    label: Any
    bound: BoundField | None
    value: str
    is_yaml: bool
    is_choices: bool
    shown: Slot


@dataclass
class PartView:
    """One part of the document on a step's page."""

    spec: PartSpec
    slot: str
    bound: BoundField | None
    value: str
    shown: Slot
    fields: list[FieldView] = field(default_factory=list)


def _step(step_slug: str) -> Step:
    step = BY_SLUG.get(step_slug)
    if step is None:
        raise Http404
    return step


def _document(workspace: Workspace) -> tuple[StrategyRevision | None, str]:
    """The current revision and its text; a new workspace starts from an empty document."""
    revision = revisions.current(workspace)
    return revision, revision.text if revision else EMPTY_DOCUMENT


def step(request: HttpRequest, slug: str, step_slug: str) -> HttpResponse:
    """One step of the wizard: read it, or (editors) change it and save a new revision."""
    access = workspace_access(request, slug)
    the_step = _step(step_slug)
    revision, text = _document(access.workspace)
    values = initial(the_step, text)
    number = revision.number if revision else 0
    if request.method != "POST":
        form = StepForm(the_step, initial={**values, "base": number})
        return _page(request, access, the_step, form, apply(the_step, text, values), values)
    access = workspace_access(request, slug, Role.EDITOR)
    form = StepForm(the_step, request.POST, initial=values)
    if not form.is_valid():
        return _page(
            request, access, the_step, form, apply(the_step, text, values), values, status=400
        )
    if _conflict(access.workspace, the_step, form.cleaned_data["base"], revision):
        # Show the person's own values again over the newer revision; saving again wins.
        data = request.POST.copy()
        data["base"] = str(number)
        form = StepForm(the_step, data, initial=values)
        form.is_valid()
        messages.error(
            request,
            _(
                "Someone saved this step after you opened it, so nothing was saved. Your "
                "values are below; save again to replace theirs, or reload to see them."
            ),
        )
        return _page(
            request, access, the_step, form, apply(the_step, text, values), values, status=409
        )
    draft = apply(the_step, text, form.cleaned_data)
    if not draft.valid:
        return _page(request, access, the_step, form, draft, values, status=400)
    if not draft.changed:
        messages.info(request, _("Nothing changed, so no new revision was made."))
        return redirect("strategy:step", slug=slug, step_slug=the_step.slug)
    note = form.cleaned_data["note"] or _("%(step)s edited") % {"step": the_step.title}
    saved = revisions.save(access.workspace, draft.text, signed_in(request), note)
    messages.success(request, _("Saved as revision %(number)s.") % {"number": saved.number})
    return redirect("strategy:step", slug=slug, step_slug=the_step.slug)


@require_POST
def step_check(request: HttpRequest, slug: str, step_slug: str) -> HttpResponse:
    """The plan check of the step's values as typed, without saving: the live findings."""
    access = workspace_access(request, slug, Role.EDITOR)
    the_step = _step(step_slug)
    _revision, text = _document(access.workspace)
    form = StepForm(the_step, request.POST, initial=initial(the_step, text))
    cat = reader_catalogue()
    if form.is_valid():
        draft = apply(the_step, text, form.cleaned_data)
        shown = slots(the_step, draft, check(draft.loaded) if draft.loaded else None, cat)
    else:
        shown = slots(the_step, Draft(text=text), None, cat)
        for name, errors in form.errors.items():
            target = shown.setdefault(name if name in shown else STEP_SLOT, Slot([], []))
            target.problems.extend(ShownProblem("", "", str(error)) for error in errors)
    problems = sum(len(s.problems) for s in shown.values())
    findings = sum(len(s.findings) for s in shown.values())
    return render(
        request,
        "strategy/_live.html",
        {"slots": shown, "problems": problems, "findings": findings},
    )


def _conflict(
    workspace: Workspace, step: Step, base: int | None, current: StrategyRevision | None
) -> bool:
    """Whether someone changed this step's parts since revision *base* was opened."""
    if current is None or base is None or base == current.number:
        return False
    opened = workspace.strategy_revisions.filter(number=base).first()
    before = opened.text if opened else EMPTY_DOCUMENT
    return any(
        part_text(before, key) != part_text(current.text, key) for key in step.document_keys()
    )


def _page(
    request: HttpRequest,
    access: Access,
    step: Step,
    form: StepForm,
    draft: Draft,
    current: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """The step's page; *current* holds the saved values, shown to those who only read."""
    cat = reader_catalogue()
    can_edit = access.can(Role.EDITOR)
    result = check(draft.loaded) if draft.loaded else None
    shown = slots(step, draft, result, cat)
    examples = initial(step, starter("awareness", cat, today=timezone.localdate()))
    parts = [
        _part_view(part, form if can_edit else None, shown, current, examples)
        for part in step.parts
    ]
    index = STEPS.index(step)
    return render(
        request,
        "strategy/step.html",
        {
            "access": access,
            "step": step,
            "form": form,
            "parts": parts,
            "step_slot": shown[STEP_SLOT],
            "can_edit": can_edit,
            "previous": STEPS[index - 1] if index else None,
            "next": STEPS[index + 1] if index + 1 < len(STEPS) else None,
            "steps": STEPS,
        },
        status=status,
    )


def _part_view(
    part: PartSpec,
    form: StepForm | None,
    shown: dict[str, Slot],
    current: dict[str, Any],
    examples: dict[str, Any],
) -> PartView:
    name = field_name(part)
    view = PartView(
        spec=part,
        slot=name,
        bound=None,
        value=_readable(None, current.get(name)),
        shown=shown[name],
    )
    if part.as_yaml or part.scalar:
        if form is not None:
            view.bound = form[name]
            if part.as_yaml:
                view.bound.field.widget.attrs["placeholder"] = examples.get(name, "")
        if part.scalar:
            view.value = LANGUAGE_NAMES.get(view.value, view.value)
        return view
    for spec in part.fields:
        slot = field_name(part, spec)
        bound = form[slot] if form is not None else None
        if bound is not None and spec.kind is Kind.YAML:
            bound.field.widget.attrs["placeholder"] = examples.get(slot, "")
        view.fields.append(
            FieldView(
                slot=slot,
                label=spec.label,
                bound=bound,
                value=_readable(spec, current.get(slot)),
                is_yaml=spec.kind is Kind.YAML,
                is_choices=spec.kind is Kind.CHOICES,
                shown=shown[slot],
            )
        )
    return view


def _readable(spec: Field | None, value: Any) -> str:
    """A stored value as a reader sees it."""
    if value is None or value in ("", []):
        return ""
    if spec is not None and spec.kind is Kind.YES_NO:
        return _("Yes") if value == "true" else _("No")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
