"""Reading and saving strategy revisions; every save is a new revision, checked first."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max

from socialplan.strategy.load import LoadedStrategy, parse_strategy
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.workspaces.models import Workspace

#: The name findings and errors give the document in the web app.
DOCUMENT_NAME = "strategy.yaml"


def current(workspace: Workspace) -> StrategyRevision | None:
    """The workspace's latest revision, if it has one."""
    return workspace.strategy_revisions.order_by("-number").first()


def load(revision: StrategyRevision) -> LoadedStrategy:
    """The revision's document, parsed and validated (raises the library's InputError)."""
    return parse_strategy(revision.text, DOCUMENT_NAME)


def save(workspace: Workspace, text: str, author: User | None, note: str = "") -> StrategyRevision:
    """Validate *text* and keep it as the next revision; unchanged text adds nothing."""
    parse_strategy(text, DOCUMENT_NAME)
    with transaction.atomic():
        # Lock the workspace row so two saves at once cannot take the same number.
        Workspace.objects.select_for_update().filter(pk=workspace.pk).first()
        latest = current(workspace)
        if latest is not None and latest.text == text:
            return latest
        top = workspace.strategy_revisions.aggregate(top=Max("number"))["top"] or 0
        return StrategyRevision.objects.create(
            workspace=workspace, number=top + 1, text=text, author=author, note=note
        )
