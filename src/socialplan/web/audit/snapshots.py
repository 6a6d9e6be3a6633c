"""The current audit of a workspace: made once per strategy revision and store state, then kept."""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialplan import __version__
from socialplan.activity.store import Store
from socialplan.i18n import Catalogue
from socialplan.report import charts
from socialplan.rules.full_audit import audit_store
from socialplan.web.audit.models import AuditSnapshot
from socialplan.web.audit.summary import SHAPE, summarise
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.strategy.revisions import load
from socialplan.web.workspaces.models import Workspace


def workspace_today(workspace: Workspace) -> dt.date:
    """Today in the workspace's time zone: the day its audits are as of."""
    try:
        zone = ZoneInfo(workspace.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return timezone.localdate(timezone=zone)


def audit_key(store: Store, today: dt.date) -> str:
    """What an audit depends on besides the strategy: the imports, the day, the rules' version."""
    batches = ",".join(b.batch_id for b in store.batches())
    state = f"{SHAPE}|{__version__}|{today.isoformat()}|{batches}"
    return hashlib.sha256(state.encode()).hexdigest()


def current_snapshot(workspace: Workspace, revision: StrategyRevision) -> AuditSnapshot:
    """The audit of *revision* against the store as it is now; audits only when none is kept.

    Raises the library's InputError when the revision no longer loads.
    """
    store = Store(workspace.store_dir)
    today = workspace_today(workspace)
    key = audit_key(store, today)
    kept = AuditSnapshot.objects.filter(revision=revision, key=key).first()
    if kept is not None:
        return kept
    data = summarise(audit_store(load(revision), store, today=today))
    try:
        with transaction.atomic():
            snapshot = AuditSnapshot.objects.create(
                workspace=workspace, revision=revision, key=key, data=data
            )
    except IntegrityError:
        # Another request made the same audit meanwhile: keep theirs.
        return AuditSnapshot.objects.get(revision=revision, key=key)
    AuditSnapshot.objects.filter(workspace=workspace).exclude(pk=snapshot.pk).delete()
    return snapshot


def snapshot_charts(snapshot: AuditSnapshot, cat: Catalogue) -> dict[str, str]:
    """The response-time and cadence charts as SVG in the catalogue's language, made once each.

    The SVG comes from vl-convert, which escapes the text it draws (network names, axis titles).
    """
    kept = snapshot.charts.get(cat.language)
    if kept is not None:
        return dict(kept)
    responses = [r for r in snapshot.data["responses"] if r["median"] is not None]
    cadence = snapshot.data["cadence"]
    made = {
        "response": charts.response_chart(responses, cat) if responses else "",
        "cadence": charts.cadence_chart(cadence, cat) if cadence else "",
    }
    snapshot.charts = {**snapshot.charts, cat.language: made}
    AuditSnapshot.objects.filter(pk=snapshot.pk).update(charts=snapshot.charts)
    return made
