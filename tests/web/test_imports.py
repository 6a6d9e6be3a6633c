"""Imports: uploads of every export format, bad uploads, progress, and who may do what."""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from socialplan.activity.importers.base import all_importers
from socialplan.activity.ingest import UNKNOWN_FORMAT
from socialplan.activity.store import Store
from socialplan.errors import Problem
from socialplan.i18n import catalogue
from socialplan.web.imports.models import ImportJob, State
from socialplan.web.imports.problems import from_json, to_json
from socialplan.web.imports.uploads import safe_name
from socialplan.web.strategy import revisions
from socialplan.web.workspaces.models import Preferences, Role, Workspace
from web.conftest import EVERYONE, Team, expected_status

ROOT = Path(__file__).resolve().parents[2]
EXPORTS = ROOT / "tests" / "fixtures" / "exports"
DEMO = ROOT / "examples" / "demo"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
#: The Persian of "no importer recognises this export", from the library's catalogue.
NO_IMPORTER_FA = "هیچ واردکننده‌ای این خروجی را نمی‌شناسد"
SERVER_SIDE = "a problem on the server, not in your file"

#: pytest-django's settings fixture (its class is not exported).
Settings = Any
Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


@pytest.fixture(autouse=True)
def data_dir(settings: Settings, tmp_path: Path) -> Path:
    """A fresh data folder per test, so no store or upload leaks from one test to the next."""
    settings.DATA_DIR = tmp_path / "data"
    return Path(settings.DATA_DIR)


def zipped(folder: Path, target: Path) -> Path:
    """*folder* as a zip file, the way the networks hand exports over."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


def upload(client: Client, capture: Capture, name: str, content: bytes, fmt: str = "") -> Any:
    """POST an export to acme's imports, running the queued task as the commit would."""
    with capture(execute=True):
        return client.post(
            reverse("imports:list", args=["acme"]),
            {"export": SimpleUploadedFile(name, content), "format": fmt},
        )


def store_of(workspace: Workspace) -> Store:
    return Store(workspace.store_dir)


def stored_items(workspace: Workspace) -> int:
    con = store_of(workspace).duckdb()
    row = con.execute("SELECT count(*) FROM items").fetchone()
    assert row is not None
    return int(row[0])


def uploads_left(data_dir: Path) -> list[Path]:
    return [p for p in data_dir.rglob("uploads/*/*") if p.is_file()]


def page(client: Client) -> str:
    response = client.get(reverse("imports:list", args=["acme"]))
    assert response.status_code == 200
    return str(response.content.decode())


# -- every format, imported through the web --------------------------------------------------

ZIPPED = {
    "x.zip": EXPORTS / "x" / "archive-2023",
    "mastodon.zip": EXPORTS / "mastodon" / "archive",
    "facebook.zip": EXPORTS / "facebook",
    "instagram.zip": EXPORTS / "instagram",
    "youtube.zip": EXPORTS / "youtube" / "2025",
    "linkedin.zip": EXPORTS / "linkedin",
}
SINGLE = {
    "result.json": EXPORTS / "telegram" / "channel" / "result.json",
    "repo.car": EXPORTS / "bluesky" / "repo.car",
    "twcs.csv": EXPORTS / "conversations" / "twcs.csv",
}
FORMATS = {
    "x.zip": "x",
    "mastodon.zip": "mastodon",
    "facebook.zip": "facebook",
    "instagram.zip": "instagram",
    "youtube.zip": "youtube",
    "linkedin.zip": "linkedin",
    "result.json": "telegram",
    "repo.car": "bluesky",
    "twcs.csv": "conversations",
}


def export_bytes(name: str, tmp_path: Path) -> bytes:
    if name in ZIPPED:
        return zipped(ZIPPED[name], tmp_path / name).read_bytes()
    return SINGLE[name].read_bytes()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_imports(
    team: Team, django_capture_on_commit_callbacks: Capture, tmp_path: Path, name: str
) -> None:
    client = team.client("editor")
    response = upload(
        client, django_capture_on_commit_callbacks, name, export_bytes(name, tmp_path)
    )
    assert response.status_code == 302
    job = ImportJob.objects.get(workspace=team.workspace)
    assert (job.state, job.detected_format, job.problems) == (State.DONE, FORMATS[name], [])
    assert job.items > 0
    assert job.accounts > 0
    assert job.items == stored_items(team.workspace)
    assert job.original_name == name
    assert job.size > 0
    assert job.started_at is not None
    assert job.finished_at is not None
    assert job.task_result_id
    # The store holds the data now; the upload itself is not kept.
    assert job.upload_path == ""
    assert uploads_left(Path(team.workspace.data_dir)) == []
    html = page(client)
    assert name in html
    assert "Imported" in html
    assert f"{job.items} items" in html


def test_demo_export_with_the_strategy_and_a_chosen_format(
    team: Team, django_capture_on_commit_callbacks: Capture, tmp_path: Path
) -> None:
    revisions.save(team.workspace, (DEMO / "strategy.yaml").read_text("utf-8"), None)
    content = zipped(DEMO / "export", tmp_path / "demo.zip").read_bytes()
    response = upload(
        team.client("owner"), django_capture_on_commit_callbacks, "demo.zip", content, "csv"
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.state, job.chosen_format, job.detected_format) == (State.DONE, "csv", "csv")
    assert job.items == stored_items(team.workspace) > 1000
    assert job.metrics > 0
    assert job.moderation > 0


def test_kpi_figures_are_counted(team: Team, django_capture_on_commit_callbacks: Capture) -> None:
    content = (EXPORTS / "kpis" / "kpi-figures.csv").read_bytes()
    upload(team.client("editor"), django_capture_on_commit_callbacks, "kpi-figures.csv", content)
    job = ImportJob.objects.get()
    assert (job.state, job.items, job.kpis) == (State.DONE, 0, 4)
    assert "4 KPI figures" in page(team.client("viewer"))


def test_brand_accounts_come_from_the_strategy(
    team: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    text = (DEMO / "strategy.yaml").read_text("utf-8").replace('"@lotustrails"', '"@115712"')
    revisions.save(team.workspace, text, None)
    content = SINGLE["twcs.csv"].read_bytes()
    upload(team.client("editor"), django_capture_on_commit_callbacks, "twcs.csv", content)
    assert ImportJob.objects.get().state == State.DONE
    brand = (
        store_of(team.workspace)
        .duckdb()
        .execute("SELECT account_id FROM accounts WHERE is_brand ORDER BY 1")
        .fetchall()
    )
    assert ("x:115712",) in brand


def test_reupload_adds_nothing(team: Team, django_capture_on_commit_callbacks: Capture) -> None:
    client = team.client("editor")
    content = SINGLE["result.json"].read_bytes()
    upload(client, django_capture_on_commit_callbacks, "result.json", content)
    before = store_of(team.workspace).batches()
    response = upload(client, django_capture_on_commit_callbacks, "result.json", content)
    assert response.status_code == 302
    again = ImportJob.objects.order_by("-pk").first()
    assert again is not None
    assert (again.state, again.items, again.problems) == (State.DUPLICATE, 0, [])
    assert store_of(team.workspace).batches() == before
    assert "result.json: imported before; nothing added" in page(client)
    assert uploads_left(Path(team.workspace.data_dir)) == []


# -- bad uploads -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"), [("picture.png", PNG), ("noise.bin", bytes(range(256)) * 40)]
)
def test_not_an_export_fails_in_each_viewers_language(
    team: Team,
    django_capture_on_commit_callbacks: Capture,
    data_dir: Path,
    name: str,
    content: bytes,
) -> None:
    response = upload(team.client("editor"), django_capture_on_commit_callbacks, name, content)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.state == State.FAILED
    assert [p["message"] for p in job.problems] == [UNKNOWN_FORMAT]
    assert not store_of(team.workspace).batches()

    english = page(team.client("viewer"))
    # The export is named as the user knows it, never by the server's folders.
    assert f"{name}: no importer recognises this export; known formats: " in english
    assert str(data_dir) not in english
    assert "uploads/" not in english

    Preferences.objects.create(user=team.users["viewer"], language="fa")
    persian = page(team.client("viewer"))
    assert 'dir="rtl"' in persian
    formats = ", ".join(i.name for i in all_importers())
    expected = catalogue("fa").format(UNKNOWN_FORMAT, formats=formats)
    assert expected.startswith(NO_IMPORTER_FA)
    assert f"{name}: {expected}" in persian


def test_corrupt_zip_fails_and_adds_nothing(
    team: Team, django_capture_on_commit_callbacks: Capture, tmp_path: Path
) -> None:
    whole = zipped(EXPORTS / "x" / "archive-2023", tmp_path / "x.zip").read_bytes()
    broken = whole[: len(whole) // 2]  # a download cut off half-way
    response = upload(team.client("editor"), django_capture_on_commit_callbacks, "x.zip", broken)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.state == State.FAILED
    assert not store_of(team.workspace).batches()
    html = page(team.client("editor"))
    # Without its directory the zip is no zip at all, and no format claims it.
    assert "x.zip: no importer recognises this export" in html
    assert SERVER_SIDE not in html


def test_damaged_zip_member_fails_and_adds_nothing(
    team: Team, django_capture_on_commit_callbacks: Capture, tmp_path: Path
) -> None:
    target = tmp_path / "x.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted((EXPORTS / "x" / "archive-2023").rglob("*")):
            archive.write(path, path.relative_to(EXPORTS / "x" / "archive-2023").as_posix())
    data = bytearray(target.read_bytes())
    start = data.index(b"window.YTD.tweets.part1")
    data[start + 40 : start + 80] = b"#" * 40  # the checksum no longer matches
    response = upload(
        team.client("editor"), django_capture_on_commit_callbacks, "x.zip", bytes(data)
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.state == State.FAILED
    assert [p["file"] for p in job.problems] == ["x.zip:data/tweets-part1.js"]
    assert not store_of(team.workspace).batches()
    html = page(team.client("editor"))
    assert "x.zip:data/tweets-part1.js: the file cannot be read" in html
    assert SERVER_SIDE not in html


def test_empty_file_is_refused(
    team: Team, django_capture_on_commit_callbacks: Capture, data_dir: Path
) -> None:
    response = upload(team.client("editor"), django_capture_on_commit_callbacks, "x.zip", b"")
    assert response.status_code == 400
    assert "The submitted file is empty." in response.content.decode()
    assert not ImportJob.objects.exists()
    assert uploads_left(data_dir) == []


def test_missing_file_and_unknown_format_are_refused(team: Team) -> None:
    client = team.client("editor")
    url = reverse("imports:list", args=["acme"])
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"export": SimpleUploadedFile("a.csv", b"a,b\n"), "format": "nope"})
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("extra", [1, 1024 * 1024])
def test_too_large_is_refused_while_receiving(
    team: Team,
    django_capture_on_commit_callbacks: Capture,
    settings: Settings,
    data_dir: Path,
    extra: int,
) -> None:
    settings.UPLOAD_LIMIT_MB = 1
    content = b"x" * (1024 * 1024 + extra)
    response = upload(team.client("editor"), django_capture_on_commit_callbacks, "big.zip", content)
    assert response.status_code == 413
    assert "larger than the upload limit of 1.0" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert uploads_left(data_dir) == []
    assert not store_of(team.workspace).batches()


def test_a_file_at_the_limit_is_received(
    team: Team, django_capture_on_commit_callbacks: Capture, settings: Settings
) -> None:
    settings.UPLOAD_LIMIT_MB = 1
    content = b"x" * (1024 * 1024)
    response = upload(team.client("editor"), django_capture_on_commit_callbacks, "big.csv", content)
    assert response.status_code == 302
    assert ImportJob.objects.get().size == len(content)


def test_too_large_upload_keeps_its_csrf_token(team: Team, settings: Settings) -> None:
    """The token comes before the file, so a stopped upload still gets its message, not a 403."""
    settings.UPLOAD_LIMIT_MB = 1
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.users["editor"])
    html = page(client)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found is not None
    url = reverse("imports:list", args=["acme"])
    big = SimpleUploadedFile("big.zip", b"x" * (2 * 1024 * 1024))
    response = client.post(url, {"csrfmiddlewaretoken": found.group(1), "export": big})
    assert response.status_code == 413
    assert client.post(url, {"export": SimpleUploadedFile("a.zip", b"x")}).status_code == 403


def test_unexpected_failure_is_logged_not_shown(
    team: Team,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    data_dir: Path,
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("socialplan.web.imports.tasks.import_path", explode)
    with caplog.at_level(logging.ERROR, logger="socialplan.web.imports.tasks"):
        upload(team.client("editor"), django_capture_on_commit_callbacks, "x.csv", b"a,b\n1,2\n")
    job = ImportJob.objects.get()
    assert (job.state, job.problems) == (State.FAILED, [])
    assert "secret internals" in caplog.text
    assert "Traceback" in caplog.text
    html = page(team.client("editor"))
    assert SERVER_SIDE in html
    assert "secret internals" not in html
    assert uploads_left(data_dir) == []


def test_a_queue_that_refuses_fails_the_job(
    team: Team,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    class Refusing:
        def enqueue(self, job_id: int) -> None:
            raise ConnectionError("queue down")

    monkeypatch.setattr("socialplan.web.imports.jobs.run_import", Refusing())
    response = upload(team.client("editor"), django_capture_on_commit_callbacks, "a.csv", b"a\n")
    assert response.status_code == 302
    assert ImportJob.objects.get().state == State.FAILED
    assert SERVER_SIDE in page(team.client("editor"))
    assert uploads_left(data_dir) == []


def test_problems_name_the_upload_not_the_server_path(tmp_path: Path) -> None:
    stored = str(tmp_path / "uploads" / "abc" / "x.zip")
    problem = Problem(
        file=f"{stored}:data/tweets.js",
        message="m {reason} {n} {where}",
        args={"reason": f"cannot open {stored}", "n": 3, "where": tmp_path},
        line=4,
    )
    (kept,) = from_json(to_json([problem], stored, "my export.zip"))
    assert kept.file == "my export.zip:data/tweets.js"
    assert kept.args == {"reason": "cannot open my export.zip", "n": 3, "where": str(tmp_path)}
    assert kept.render(catalogue("en")) == (
        f"my export.zip:data/tweets.js:4: m cannot open my export.zip 3 {tmp_path}"
    )


def test_operators_see_jobs_in_the_admin(team: Team) -> None:
    make_job(team.workspace, state=State.FAILED, problems=[{"file": "f", "message": "m"}])
    admin = User.objects.create_superuser("operator", password="a-long-operator-password-1")
    client = Client()
    client.force_login(admin)
    job = ImportJob.objects.get()
    assert client.get(reverse("admin:imports_importjob_changelist")).status_code == 200
    assert client.get(reverse("admin:imports_importjob_change", args=[job.pk])).status_code == 200
    assert client.get(reverse("admin:imports_importjob_add")).status_code == 403


@pytest.mark.parametrize(
    ("original", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\evil.ZIP", "evil.zip"),
        (".hidden.json", "hidden.json"),
        ("photo.png", "photo"),
        ("", "export"),
        ("..", "export"),
        ("my export; 2024.zip", "my_export_2024.zip"),
        ("خروجی تلگرام.json", "خروجی_تلگرام.json"),
        ("acme_content_1762819200000.xlsx", "acme_content_1762819200000.xlsx"),
    ],
)
def test_safe_name(original: str, kept: str) -> None:
    assert safe_name(original) == kept


def test_upload_is_kept_under_a_generated_folder(
    team: Team, django_capture_on_commit_callbacks: Capture, data_dir: Path
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        team.client("editor").post(
            reverse("imports:list", args=["acme"]),
            {"export": SimpleUploadedFile("../../../result.json", b"{}")},
        )
    job = ImportJob.objects.get()
    assert job.state == State.QUEUED
    upload_file = job.upload_file
    assert upload_file is not None
    assert upload_file.is_file()
    uploads = (team.workspace.data_dir / "uploads").resolve()
    assert upload_file.resolve().parent.parent == uploads
    assert upload_file.name == "result.json"
    assert re.fullmatch(r"[0-9a-f]{32}", upload_file.parent.name)


# -- progress ------------------------------------------------------------------------------------


def make_job(workspace: Workspace, **fields: Any) -> ImportJob:
    return ImportJob.objects.create(workspace=workspace, original_name="export.zip", **fields)


def test_unfinished_job_polls_and_shows_its_step(team: Team) -> None:
    job = make_job(team.workspace, state=State.RUNNING, step="read")
    response = team.client("viewer").get(reverse("imports:job", args=["acme", job.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert 'hx-swap="outerHTML"' in html
    assert reverse("imports:job", args=["acme", job.pk]) in html
    assert "Importing · reading" in html
    assert "<html" not in html  # a fragment, swapped in place


def test_finished_job_stops_polling_and_shows_counts(team: Team) -> None:
    job = make_job(team.workspace, state=State.DONE, items=3, accounts=1, metrics=2, moderation=0)
    html = team.client("viewer").get(reverse("imports:job", args=["acme", job.pk])).content.decode()
    assert "hx-trigger" not in html
    assert "3 items" in html
    assert "1 account" in html
    assert "2 daily metrics" in html
    assert "0 moderation events" in html


def test_list_polls_only_unfinished_jobs(team: Team) -> None:
    make_job(team.workspace, state=State.QUEUED)
    make_job(team.workspace, state=State.FAILED, problems=[{"file": "f", "message": "m"}])
    html = page(team.client("viewer"))
    assert html.count('hx-trigger="every 1s"') == 1
    assert "f: m" in html


def test_persian_step_text(team: Team) -> None:
    job = make_job(team.workspace, state=State.RUNNING, step="analyse")
    Preferences.objects.create(user=team.users["viewer"], language="fa")
    html = team.client("viewer").get(reverse("imports:job", args=["acme", job.pk])).content.decode()
    assert catalogue("fa").gettext("analysing and storing") in html


def test_stored_problems_that_are_malformed_are_skipped(team: Team) -> None:
    make_job(team.workspace, state=State.FAILED, problems=[{"nothing": 1}, "text", 3])
    html = page(team.client("viewer"))
    assert SERVER_SIDE in html


# -- who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", EVERYONE)
def test_list_page(team: Team, who: str) -> None:
    make_job(team.workspace, state=State.DONE, items=7)
    response = team.client(who).get(reverse("imports:list", args=["acme"]))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        html = response.content.decode()
        assert "export.zip" in html
        assert "7 items" in html
        assert ("Upload an export" in html) == Role(who).allows(Role.EDITOR)
        assert ('enctype="multipart/form-data"' in html) == Role(who).allows(Role.EDITOR)


@pytest.mark.parametrize("who", EVERYONE)
def test_upload(
    team: Team, django_capture_on_commit_callbacks: Capture, who: str, data_dir: Path
) -> None:
    content = SINGLE["result.json"].read_bytes()
    response = upload(team.client(who), django_capture_on_commit_callbacks, "result.json", content)
    allowed = expected_status(who, Role.EDITOR)
    assert response.status_code == (302 if allowed == 200 else allowed)
    assert ImportJob.objects.exists() == (allowed == 200)
    if allowed != 200:
        assert uploads_left(data_dir) == []
        assert not store_of(team.workspace).batches()


@pytest.mark.parametrize("who", EVERYONE)
def test_job_status(team: Team, who: str) -> None:
    job = make_job(team.workspace)
    response = team.client(who).get(reverse("imports:job", args=["acme", job.pk]))
    assert response.status_code == expected_status(who, Role.VIEWER)


def test_job_of_another_workspace_is_not_found(team: Team) -> None:
    other = make_job(Workspace.objects.get(slug="other"))
    mine = make_job(team.workspace)
    owner, outsider = team.client("owner"), team.client("outsider")
    assert owner.get(reverse("imports:job", args=["acme", other.pk])).status_code == 404
    assert outsider.get(reverse("imports:job", args=["other", mine.pk])).status_code == 404
    assert outsider.get(reverse("imports:job", args=["acme", mine.pk])).status_code == 404
    assert owner.get(reverse("imports:job", args=["acme", 999999])).status_code == 404


def test_other_methods_are_refused(team: Team) -> None:
    job = make_job(team.workspace)
    client = team.client("owner")
    assert client.post(reverse("imports:job", args=["acme", job.pk])).status_code == 405
    assert client.put(reverse("imports:list", args=["acme"])).status_code == 405


def test_signed_out_visitor_is_sent_to_sign_in(team: Team) -> None:
    response = Client().get(reverse("imports:list", args=["acme"]))
    assert response.status_code == 302


# -- the database task queue, as in production -----------------------------------------------


@pytest.fixture
def database_queue(settings: Settings) -> None:
    """Tasks go through django-tasks-db's table, as in production, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_database_queue_and_worker(team: Team, database_queue: None) -> None:
    client = team.client("editor")
    content = SINGLE["result.json"].read_bytes()
    response = client.post(
        reverse("imports:list", args=["acme"]),
        {"export": SimpleUploadedFile("result.json", content)},
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.state == State.QUEUED
    assert job.task_result_id
    status = reverse("imports:job", args=["acme", job.pk])
    assert 'hx-trigger="every 1s"' in client.get(status).content.decode()

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    job.refresh_from_db()
    assert job.state == State.DONE
    assert job.items == stored_items(team.workspace) > 0
    html = client.get(status).content.decode()
    assert "hx-trigger" not in html
    assert f"{job.items} items" in html


def test_the_audit_is_made_after_an_import_so_the_dashboard_opens_at_once(
    team: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    from socialplan.web.audit.models import AuditSnapshot
    from socialplan.web.audit.snapshots import audit_key, workspace_today

    revision = revisions.save(team.workspace, (DEMO / "strategy.yaml").read_text("utf-8"), None)
    content = (EXPORTS / "kpis" / "kpi-figures.csv").read_bytes()
    upload(team.client("editor"), django_capture_on_commit_callbacks, "kpis.csv", content)
    assert ImportJob.objects.get().state == State.DONE
    made = AuditSnapshot.objects.get(revision=revision)
    assert made.key == audit_key(store_of(team.workspace), workspace_today(team.workspace))
    response = team.client("viewer").get(reverse("audit:dashboard", args=["acme"]))
    assert response.status_code == 200
    assert list(AuditSnapshot.objects.values_list("pk", flat=True)) == [made.pk]


def test_an_import_without_a_strategy_is_done_and_audits_nothing(
    team: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    from socialplan.web.audit.models import AuditSnapshot

    content = (EXPORTS / "kpis" / "kpi-figures.csv").read_bytes()
    upload(team.client("editor"), django_capture_on_commit_callbacks, "kpis.csv", content)
    assert ImportJob.objects.get().state == State.DONE
    assert not AuditSnapshot.objects.exists()


def _left_running(team: Team, worker: str, *, with_upload: bool = True) -> ImportJob:
    """A job a worker took and never finished, as a SIGKILL leaves it."""
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    relative = Path("uploads") / "orphan" / "kpis.csv"
    if with_upload:
        target = team.workspace.data_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((EXPORTS / "kpis" / "kpi-figures.csv").read_bytes())
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="socialplan.web.imports.tasks.run_import",
        backend_name="default",
        run_after=timezone.now() - dt.timedelta(minutes=5),
        status="RUNNING",
        worker_ids=[worker],
    )
    return ImportJob.objects.create(
        workspace=team.workspace,
        original_name="kpis.csv",
        upload_path=relative.as_posix(),
        size=100,
        state=State.RUNNING,
        step="store",
        started_at=timezone.now(),
        task_result_id=str(result.id),
    )


def _gone_pid() -> int:
    import subprocess
    import sys

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(ended.stdout)


def _here(pid: int) -> str:
    import socket

    return f"{socket.gethostname()[:40]}:{pid}:beef"


def test_an_import_whose_worker_died_here_is_queued_again_and_done(team: Team) -> None:
    from socialplan.web.imports.recovery import requeue_orphaned_imports

    job = _left_running(team, _here(_gone_pid()))
    assert requeue_orphaned_imports() == 1
    job.refresh_from_db()
    # The test backend runs the task at once: imported, and the upload gone as usual.
    assert job.state == State.DONE
    assert job.kpis > 0
    assert job.upload_path == ""


def test_imports_of_live_or_distant_workers_are_left_alone(team: Team) -> None:
    import os

    from socialplan.web.imports.recovery import requeue_orphaned_imports

    alive = _left_running(team, _here(os.getpid()))
    distant = _left_running(team, f"elsewhere:{_gone_pid()}:beef", with_upload=False)
    assert requeue_orphaned_imports() == 0
    states = set(ImportJob.objects.filter(pk__in=[alive.pk, distant.pk]).values_list("state"))
    assert states == {(State.RUNNING,)}


def test_an_orphaned_import_without_its_upload_fails_plainly(team: Team) -> None:
    from socialplan.web.imports.recovery import requeue_orphaned_imports

    job = _left_running(team, _here(_gone_pid()), with_upload=False)
    assert requeue_orphaned_imports() == 0
    job.refresh_from_db()
    assert (job.state, job.step, job.problems) == (State.FAILED, "", [])
    assert job.finished_at is not None
