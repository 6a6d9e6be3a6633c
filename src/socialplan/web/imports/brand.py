"""Which accounts are the brand's: the registry and channels of the workspace's strategy."""

from __future__ import annotations

from socialplan.activity.importers.base import Brand
from socialplan.web.strategy import revisions
from socialplan.web.workspaces.models import Workspace


def workspace_brand(workspace: Workspace) -> Brand:
    """The brand accounts of *workspace*'s current strategy; none before it has a strategy.

    A saved revision that no longer loads raises the library's ``InputError``: importing with
    no brand accounts instead would store the brand's own posts as strangers' for good.
    """
    revision = revisions.current(workspace)
    if revision is None:
        return Brand()
    return Brand.of(revisions.load(revision).document.brand_accounts())
