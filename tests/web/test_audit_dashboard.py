"""The audit dashboard and the report downloads, as every kind of person, with a real store."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from socialplan.activity.importers.base import Brand
from socialplan.activity.ingest import import_path
from socialplan.activity.store import Store
from socialplan.i18n import catalogue
from socialplan.report.text import TEXTS
from socialplan.rules.full_audit import audit_store
from socialplan.web.audit import snapshots
from socialplan.web.audit.models import AuditSnapshot
from socialplan.web.strategy import revisions
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.workspaces.models import Role
from web.conftest import EVERYONE, Team, expected_status

ROOT = Path(__file__).resolve().parents[2]
STRATEGY = (ROOT / "examples" / "demo" / "strategy.yaml").read_text(encoding="utf-8")
PAYLOAD = "<script>alert(1)</script> When does the tour start?"
X_QUESTION = "Is the night bus to Sapa still running?"
BRAND = Brand.of([("facebook", "lotustrails"), ("x", "@lotustrails")])


def _export(folder: Path) -> Path:
    """A small generic CSV export: a brand post and an unanswered question on two networks."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    rows = [
        ("facebook", "p1", "lotustrails", "brand", "post", 5, "Our autumn trips are out", ""),
        ("facebook", "c1", "anna", "audience", "comment", 4.9, PAYLOAD, "p1"),
        ("x", "p2", "@lotustrails", "brand", "post", 4, "The Hanoi office is open", ""),
        ("x", "c2", "bob", "audience", "reply", 3.9, X_QUESTION, "p2"),
    ]
    folder.mkdir(parents=True)
    path = folder / "items.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ("network", "id", "author", "author_kind", "kind", "created_at", "text", "parent_id")
        )
        for network, item, author, kind_of, kind, days, text, parent in rows:
            at = (now - dt.timedelta(days=days)).isoformat()
            writer.writerow((network, item, author, kind_of, kind, at, text, parent))
    return path


@pytest.fixture(scope="session")
def imported_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the small export, imported once for the whole run."""
    base = tmp_path_factory.mktemp("audit-store")
    store = Store(base / "activity")
    outcome = import_path(_export(base / "export"), store, BRAND)
    assert outcome.batch is not None
    return store.root


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """Each test's workspaces keep their stores in a folder of their own."""
    with override_settings(DATA_DIR=tmp_path / "data"):
        yield tmp_path / "data"


@pytest.fixture
def with_strategy(team: Team) -> StrategyRevision:
    """Acme's strategy: the demo's."""
    return revisions.save(team.workspace, STRATEGY, team.users["owner"])


@pytest.fixture
def with_store(team: Team, with_strategy: StrategyRevision, imported_store: Path) -> Store:
    """Acme's strategy and its store with the small export imported."""
    shutil.copytree(imported_store, team.workspace.store_dir)
    return Store(team.workspace.store_dir)


def _dashboard(client: Client, **query: str) -> str:
    response = client.get(reverse("audit:dashboard", args=["acme"]), query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_every_member_sees_the_dashboard(
    team: Team, with_strategy: StrategyRevision, who: str
) -> None:
    response = team.client(who).get(reverse("audit:dashboard", args=["acme"]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        assert "SP714" in response.content.decode()


def test_outsider_cannot_tell_the_dashboard_exists(team: Team) -> None:
    client = team.client("outsider")
    assert client.get(reverse("audit:dashboard", args=["acme"])).status_code == 404
    assert client.get(reverse("audit:dashboard", args=["nope"])).status_code == 404


def test_without_a_strategy_the_dashboard_leads_to_it(team: Team) -> None:
    html = _dashboard(team.client("viewer"))
    assert "no strategy yet" in html
    assert reverse("strategy:overview", args=["acme"]) in html
    assert not AuditSnapshot.objects.exists()


def test_before_any_import_the_plan_is_audited_alone(
    team: Team, with_strategy: StrategyRevision
) -> None:
    html = _dashboard(team.client("viewer"))
    assert "Nothing is imported yet" in html
    assert reverse("imports:list", args=["acme"]) in html
    assert "SP714" in html
    assert "SE101" not in html
    # No evidence rule ran, so no pillar has an evidence score.
    assert AuditSnapshot.objects.get().data["pillars"][0]["evidence"] is None


def test_a_strategy_that_no_longer_loads_is_explained(team: Team) -> None:
    StrategyRevision.objects.create(workspace=team.workspace, number=1, text="version: [")
    html = _dashboard(team.client("viewer"))
    assert "cannot be read" in html
    response = team.client("viewer").get(reverse("audit:report_html", args=["acme"]))
    assert response.status_code == 409


def test_findings_show_their_evidence(team: Team, with_store: Store) -> None:
    html = _dashboard(team.client("viewer"))
    assert "Nothing is imported yet" not in html
    assert reverse("rules:detail", args=["SE101"]) in html
    assert "questions on Facebook got no answer from the brand" in html
    assert "Fix:" in html
    assert "M06" in html
    assert "In the strategy: channels[0]" in html
    assert f'<span class="sp-excerpt" dir="auto">{X_QUESTION}</span>' in html
    assert "x:c2" in html
    # Scorecard, KPIs and charts.
    assert "connectivity" in html.lower()
    assert "Repeat bookings" in html
    assert "<svg" in html


def test_imported_script_is_shown_as_text(team: Team, with_store: Store) -> None:
    html = _dashboard(team.client("viewer"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; When does the tour start?" in html


def test_filters_narrow_the_findings(team: Team, with_store: Store) -> None:
    client = team.client("viewer")
    everything = _dashboard(client)
    assert "When does the tour start?" in everything
    assert X_QUESTION in everything
    only_x = _dashboard(client, network="x")
    assert X_QUESTION in only_x
    assert "When does the tour start?" not in only_x
    assert "questions on Facebook" not in only_x
    errors = _dashboard(client, severity="error", mistake="M06")
    assert "SE101" in errors
    assert "SP714" not in errors.split('id="sp-findings"')[1]


def test_htmx_gets_the_findings_alone(team: Team, with_store: Store) -> None:
    response = team.client("viewer").get(
        reverse("audit:dashboard", args=["acme"]), {"network": "x"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="sp-findings">')
    assert "<html" not in html
    assert X_QUESTION in html
    assert "HX-Request" in response["Vary"]
    # Going back after hx-push-url restores the whole page.
    restored = team.client("viewer").get(
        reverse("audit:dashboard", args=["acme"]),
        {"network": "x"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.content.decode()


@pytest.mark.parametrize(
    "query", [{"severity": "fatal"}, {"network": "myspace"}, {"mistake": "M999"}]
)
def test_unknown_filter_values_are_a_bad_request(
    team: Team, with_strategy: StrategyRevision, query: dict[str, str]
) -> None:
    response = team.client("viewer").get(reverse("audit:dashboard", args=["acme"]), query)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_a_known_filter_value_without_findings_shows_none(
    team: Team, with_strategy: StrategyRevision
) -> None:
    html = _dashboard(team.client("viewer"), network="tiktok")
    assert "Showing 0 findings of" in html


def test_the_audit_runs_once_per_revision_and_store_state(
    team: Team, with_store: Store, tmp_path: Path
) -> None:
    client = team.client("viewer")
    with mock.patch.object(snapshots, "audit_store", wraps=audit_store) as audit:
        _dashboard(client)
        _dashboard(client, network="x")
        _dashboard(client, severity="error")
        client.get(
            reverse("audit:dashboard", args=["acme"]), {"network": "facebook"}, HTTP_HX_REQUEST="1"
        )
        assert audit.call_count == 1
        # A new import changes the store: the next visit audits again, once.
        more = tmp_path / "more"
        more.mkdir()
        (more / "items.csv").write_text(
            "network,id,author,author_kind,kind,created_at,text\n"
            "x,p9,@lotustrails,brand,post,2026-01-05T09:00:00+00:00,Hello again\n",
            encoding="utf-8",
        )
        assert import_path(more / "items.csv", with_store, BRAND).batch is not None
        _dashboard(client)
        _dashboard(client)
        assert audit.call_count == 2
        # So does a new revision of the strategy.
        revisions.save(team.workspace, STRATEGY + "\n# edited\n", team.users["owner"])
        _dashboard(client)
        assert audit.call_count == 3
    # Only the current audit is kept.
    assert AuditSnapshot.objects.count() == 1


def test_the_dashboard_speaks_persian(team: Team, with_store: Store) -> None:
    fa = catalogue("fa")
    response = team.client("viewer").get(
        reverse("audit:dashboard", args=["acme"]), headers={"accept-language": "fa"}
    )
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert fa.gettext(TEXTS["findings"]) in html
    assert fa.gettext(TEXTS["findings"]) != TEXTS["findings"]
    assert PAYLOAD.replace("<", "&lt;").replace(">", "&gt;") in html


def test_charts_escape_text_from_imported_data(team: Team, with_strategy: StrategyRevision) -> None:
    snapshot = AuditSnapshot.objects.create(
        workspace=team.workspace,
        revision=with_strategy,
        key="k",
        data={
            "responses": [],
            "cadence": [{"network": "<script>alert(1)</script>", "week": "2026-01-05", "posts": 3}],
        },
    )
    made = snapshots.snapshot_charts(snapshot, catalogue("en"))
    assert "<svg" in made["cadence"]
    assert "<script" not in made["cadence"]
    assert "&lt;script&gt;" in made["cadence"]
    # Kept for the next reader in that language.
    snapshot.refresh_from_db()
    assert snapshot.charts["en"] == made


@pytest.mark.parametrize("who", EVERYONE)
def test_every_member_downloads_the_report(
    team: Team, with_strategy: StrategyRevision, who: str
) -> None:
    response = team.client(who).get(reverse("audit:report_html", args=["acme"]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        assert response["Content-Type"] == "text/html; charset=utf-8"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "SP714" in response.content.decode()


def test_without_a_strategy_there_is_no_report(team: Team) -> None:
    response = team.client("viewer").get(reverse("audit:report_pdf", args=["acme"]))
    assert response.status_code == 404


def test_the_reports_are_persian_html_and_pdf(team: Team, with_store: Store) -> None:
    client = team.client("reviewer")
    fa = {"accept-language": "fa"}
    html = client.get(reverse("audit:report_html", args=["acme"]), headers=fa)
    assert html.status_code == 200
    text = html.content.decode()
    assert 'dir="rtl"' in text
    assert 'lang="fa"' in text
    assert catalogue("fa").gettext(TEXTS["title"]) in text
    assert "<script>alert(1)</script>" not in text
    pdf = client.get(reverse("audit:report_pdf", args=["acme"]), headers=fa)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    day = snapshots.workspace_today(team.workspace).isoformat()
    assert pdf["Content-Disposition"] == f'attachment; filename="acme-audit-{day}.pdf"'
    assert pdf.content.startswith(b"%PDF")
