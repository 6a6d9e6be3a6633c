"""The strategy wizard: overview, steps with live findings, import, export, history, restore."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import ROOT
from socialplan.rules.engine import check_strategy, check_with_defaults, instantiate
from socialplan.rules.registry import all_rules
from socialplan.rules.selection import Selection
from socialplan.strategy.load import parse_strategy
from socialplan.web.strategy import revisions
from socialplan.web.strategy.editing import apply, initial
from socialplan.web.strategy.models import StrategyRevision
from socialplan.web.strategy.parts import part_text, replace_part
from socialplan.web.strategy.steps import BY_SLUG, STEPS
from socialplan.web.workspaces.models import Role
from web.conftest import EVERYONE, Team, expected_status

EXAMPLES = ROOT / "examples"
STRONG = (EXAMPLES / "strong" / "strategy.yaml").read_text(encoding="utf-8")
FLAWED = (EXAMPLES / "flawed" / "strategy.yaml").read_text(encoding="utf-8")
PERSIAN = (EXAMPLES / "persian" / "strategy.yaml").read_text(encoding="utf-8")
COMMENT = "# Step 2: one business goal, one primary objective."


@pytest.fixture
def strong(team: Team) -> StrategyRevision:
    """Acme's strategy: the strong example, saved once by the owner."""
    return revisions.save(team.workspace, STRONG, team.users["owner"], "first")


@pytest.fixture
def flawed(team: Team) -> StrategyRevision:
    """Acme's strategy: the flawed example."""
    return revisions.save(team.workspace, FLAWED, team.users["owner"], "first")


def url(name: str, *args: object) -> str:
    return reverse(f"strategy:{name}", args=["acme", *args])


def step_data(step_slug: str, text: str, base: int, **changes: object) -> dict[str, object]:
    """The form a browser posts for a step showing *text*, with *changes* on top."""
    step = BY_SLUG[step_slug]
    data: dict[str, object] = {"base": base, "note": ""}
    for name, value in initial(step, text).items():
        if isinstance(value, list):
            data[name] = value
        else:
            data[name] = "" if value is None else str(value)
    data.update(changes)
    return data


def count() -> int:
    return StrategyRevision.objects.count()


# Every view, as every person.


@pytest.mark.parametrize("who", EVERYONE)
def test_overview(team: Team, strong: StrategyRevision, who: str) -> None:
    response = team.client(who).get(url("overview"))
    assert response.status_code == expected_status(who, Role.VIEWER)
    if response.status_code == 200:
        html = response.content.decode()
        assert "Revision 1" in html
        assert "owner-user" in html
        assert "connectivity" in html
        for step in STEPS:
            assert url("step", step.slug) in html
        # Only editors and owners get the import form.
        assert ("Import YAML" in html) == Role(who).allows(Role.EDITOR)


@pytest.mark.parametrize("who", EVERYONE)
def test_every_step_page(team: Team, flawed: StrategyRevision, who: str) -> None:
    for step in STEPS:
        response = team.client(who).get(url("step", step.slug))
        assert response.status_code == expected_status(who, Role.VIEWER), step.slug
        if response.status_code == 200:
            html = response.content.decode()
            assert str(step.explanation) in html
            # The form (and its live check) is only there for those who may save.
            can_edit = Role(who).allows(Role.EDITOR)
            assert (f'hx-post="{url("check", step.slug)}"' in html) == can_edit
            assert ("Save a new revision" in html) == can_edit


@pytest.mark.parametrize("who", EVERYONE)
def test_history_diff_and_export(team: Team, strong: StrategyRevision, who: str) -> None:
    client = team.client(who)
    wanted = expected_status(who, Role.VIEWER)
    assert client.get(url("history")).status_code == wanted
    assert client.get(url("diff", 1)).status_code == wanted
    response = client.get(url("export"))
    assert response.status_code == wanted
    if wanted == 200:
        assert response["Content-Disposition"] == 'attachment; filename="strategy.yaml"'
        assert response.content.decode() == STRONG


@pytest.mark.parametrize("who", EVERYONE)
def test_only_editors_save_a_step(team: Team, strong: StrategyRevision, who: str) -> None:
    data = step_data("one-thing", STRONG, 1, one_thing__statement="We fix bikes the same day.")
    response = team.client(who).post(url("step", "one-thing"), data)
    may = who in ("owner", "editor")
    assert response.status_code == (302 if may else expected_status(who, Role.EDITOR))
    assert count() == (2 if may else 1)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_editors_run_the_live_check(team: Team, strong: StrategyRevision, who: str) -> None:
    response = team.client(who).post(url("check", "goal"), step_data("goal", STRONG, 1))
    wanted = expected_status(who, Role.EDITOR)
    assert response.status_code == wanted
    assert count() == 1


@pytest.mark.parametrize("who", EVERYONE)
def test_only_editors_import(team: Team, who: str) -> None:
    response = team.client(who).post(url("import"), {"text": STRONG})
    may = who in ("owner", "editor")
    assert response.status_code == (302 if may else expected_status(who, Role.EDITOR))
    assert count() == (1 if may else 0)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_editors_start(team: Team, who: str) -> None:
    response = team.client(who).post(url("start"), {"objective": "sales", "language": "en"})
    may = who in ("owner", "editor")
    assert response.status_code == (302 if may else expected_status(who, Role.EDITOR))
    assert count() == (1 if may else 0)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_editors_restore(team: Team, strong: StrategyRevision, who: str) -> None:
    revisions.save(team.workspace, FLAWED, team.users["owner"])
    response = team.client(who).post(url("restore", 1))
    may = who in ("owner", "editor")
    assert response.status_code == (302 if may else expected_status(who, Role.EDITOR))
    assert count() == (3 if may else 2)


def test_outsider_cannot_tell_a_strategy_exists(team: Team, strong: StrategyRevision) -> None:
    client = team.client("outsider")
    for path in (url("overview"), url("step", "goal"), url("diff", 1), url("export")):
        assert client.get(path).status_code == 404
    missing = reverse("strategy:overview", args=["no-such-workspace"])
    assert client.get(missing).status_code == 404


def test_unknown_step_or_revision_is_404(team: Team, strong: StrategyRevision) -> None:
    client = team.client("viewer")
    assert client.get(url("step", "no-such-step")).status_code == 404
    assert client.get(url("diff", 99)).status_code == 404
    assert client.get(url("export") + "?revision=99").status_code == 404
    assert client.get(url("export") + "?revision=x").status_code == 404
    assert client.get(url("diff", 1) + "?against=x").status_code == 404


def test_readers_see_values_not_forms(team: Team, strong: StrategyRevision) -> None:
    html = team.client("reviewer").get(url("step", "goal")).content.decode()
    assert "More repeat workshop bookings" in html
    assert "<textarea" not in html
    assert '<form method="post" novalidate' not in html


# Saving a step.


def test_saving_a_step_makes_a_revision_and_keeps_comments(
    team: Team, strong: StrategyRevision
) -> None:
    data = step_data("goal", STRONG, 1, goal__target="500", note="higher target")
    response = team.client("editor").post(url("step", "goal"), data)
    assert response.status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    assert latest.number == 2
    assert latest.note == "higher target"
    assert latest.author == team.users["editor"]
    assert "  target: 500\n" in latest.text
    # Every comment of the document survives, the one just after the edited part too.
    comments = [line for line in STRONG.splitlines() if line.lstrip().startswith("#")]
    for comment in comments:
        assert comment in latest.text
    assert COMMENT in latest.text
    # Nothing but the edited line changed.
    changed = set(latest.text.splitlines()) ^ set(STRONG.splitlines())
    assert changed == {"  target: 500", "  target: 420"}


def test_saving_a_yaml_part_keeps_comments_elsewhere(team: Team, strong: StrategyRevision) -> None:
    personas = part_text(STRONG, "personas")
    assert personas is not None
    edited = personas.replace("Daily commuter", "Daily commuter by bike")
    data = step_data("audience", STRONG, 1, personas=edited)
    assert team.client("owner").post(url("step", "audience"), data).status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    assert latest.number == 2
    assert "name: Daily commuter by bike" in latest.text
    assert "# Step 5" in latest.text or COMMENT in latest.text
    loaded = revisions.load(latest)
    assert loaded.document.personas[0].name == "Daily commuter by bike"


def test_unchanged_step_adds_no_revision(team: Team, strong: StrategyRevision) -> None:
    client = team.client("editor")
    for step in STEPS:
        response = client.post(url("step", step.slug), step_data(step.slug, STRONG, 1))
        assert response.status_code == 302, step.slug
    assert count() == 1


def test_every_step_round_trips_every_example() -> None:
    for path in sorted(EXAMPLES.glob("*/strategy.yaml")):
        text = path.read_text(encoding="utf-8")
        for step in STEPS:
            draft = apply(step, text, initial(step, text))
            assert draft.valid, (path, step.slug, dict(draft.notes))
            assert not draft.changed, (path, step.slug)


def test_invalid_yaml_part_shows_the_error_in_place_and_saves_nothing(
    team: Team, strong: StrategyRevision
) -> None:
    bad = "- network: myspace\n  account: '@x'\n"
    data = step_data("channels", STRONG, 1, channels=bad)
    response = team.client("editor").post(url("step", "channels"), data)
    assert response.status_code == 400
    html = response.content.decode()
    # Line and column are those of the part's own text, not of the whole document.
    assert "1:12" in html
    assert "myspace" in html
    assert "is not a known value here" in html
    assert count() == 1


def test_invalid_input_is_explained_in_persian(team: Team, strong: StrategyRevision) -> None:
    client = team.client("editor")
    client.cookies["socialplan_language"] = "fa"
    data = step_data("audience", STRONG, 1, personas="- id: x\n")
    response = client.post(url("step", "audience"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'dir="rtl"' in html
    # The loader's message, from the library's Persian catalogue.
    assert "کلید الزامی name وجود ندارد" in html
    assert "1:3" in html
    assert count() == 1


def test_nested_yaml_field_errors_are_placed_in_its_own_text(
    team: Team, strong: StrategyRevision
) -> None:
    kpis = "- id: sales\n  name: Sales\n  kind: salez\n"
    data = step_data("metrics", STRONG, 1, metrics__kpis=kpis)
    response = team.client("editor").post(url("step", "metrics"), data)
    assert response.status_code == 400
    html = response.content.decode()
    slot = html.split('id="live-metrics__kpis"', 1)[1].split('id="live-', 1)[0]
    assert "3:9" in slot
    assert "sales?" in slot
    assert count() == 1


def test_persian_step_page_keeps_yaml_left_to_right(team: Team, strong: StrategyRevision) -> None:
    client = team.client("editor")
    client.cookies["socialplan_language"] = "fa"
    html = client.get(url("step", "channels")).content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert 'name="channels"' in html
    textarea = html.split('<textarea name="channels"', 1)[1].split(">", 1)[0]
    assert 'dir="ltr"' in textarea


def test_wrong_field_type_is_refused(team: Team, strong: StrategyRevision) -> None:
    data = step_data("goal", STRONG, 1, goal__target="lots", goal__deadline="someday")
    response = team.client("editor").post(url("step", "goal"), data)
    assert response.status_code == 400
    assert count() == 1


def test_required_key_is_shown_at_its_field(team: Team, strong: StrategyRevision) -> None:
    data = step_data("goal", STRONG, 1, goal__outcome="")
    response = team.client("editor").post(url("step", "goal"), data)
    assert response.status_code == 400
    html = response.content.decode()
    slot = html.split('id="live-goal__outcome"', 1)[1].split("</div>\n        </div>", 1)[0]
    assert "required key outcome is missing" in slot
    assert count() == 1


def test_clearing_a_part_removes_it(team: Team, strong: StrategyRevision) -> None:
    data = step_data("accounts", STRONG, 1, accounts="")
    assert team.client("editor").post(url("step", "accounts"), data).status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    assert "accounts:" not in latest.text
    assert revisions.load(latest).document.accounts is None


def test_a_step_saves_into_an_empty_workspace(team: Team) -> None:
    data = step_data("one-thing", "", 0, one_thing__statement="Same-day repairs.")
    response = team.client("editor").post(url("step", "one-thing"), data)
    assert response.status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    document = revisions.load(latest).document
    assert document.one_thing is not None
    assert document.one_thing.statement == "Same-day repairs."


def test_lists_and_choices_are_written_as_yaml(team: Team, strong: StrategyRevision) -> None:
    data = step_data(
        "advocacy",
        STRONG,
        1,
        advocacy__rewards=["money", "perks"],
        advocacy__ethics="Say you are rewarded\n\nNo fake reviews\n",
    )
    assert team.client("editor").post(url("step", "advocacy"), data).status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    advocacy = revisions.load(latest).document.advocacy
    assert advocacy is not None
    assert advocacy.rewards in (["perks", "money"], ["money", "perks"])
    assert advocacy.ethics == ["Say you are rewarded", "No fake reviews"]


def test_someone_elses_save_in_between_is_not_overwritten(
    team: Team, strong: StrategyRevision
) -> None:
    opened = step_data("goal", STRONG, 1, goal__unit="visits")
    newer = STRONG.replace("  unit: bookings", "  unit: repeat bookings")
    revisions.save(team.workspace, newer, team.users["owner"])
    response = team.client("editor").post(url("step", "goal"), opened)
    assert response.status_code == 409
    assert count() == 2
    # The form now carries the newer revision: saving again is deliberate, and wins.
    assert 'name="base" value="2"' in response.content.decode()
    opened["base"] = 2
    assert team.client("editor").post(url("step", "goal"), opened).status_code == 302
    assert count() == 3


def test_a_save_in_another_step_does_not_conflict(team: Team, strong: StrategyRevision) -> None:
    opened = step_data("goal", STRONG, 1, goal__unit="visits")
    revisions.save(team.workspace, STRONG.replace("version: 1", "version: 1\n# note"), None)
    assert team.client("editor").post(url("step", "goal"), opened).status_code == 302


# The live check.


def test_live_check_shows_findings_next_to_their_field(
    team: Team, flawed: StrategyRevision
) -> None:
    response = team.client("editor").post(url("check", "goal"), step_data("goal", FLAWED, 1))
    assert response.status_code == 200
    html = response.content.decode()
    slot = html.split('id="live-goal__kind"', 1)[1].split('id="live-', 1)[0]
    assert "SP204" in slot
    assert 'href="/rules/SP204/"' in slot
    # Findings of other steps are not shown here.
    assert "SP802" not in html
    assert 'hx-swap-oob="true"' in html


def test_live_check_places_findings_in_the_yaml_part(team: Team, flawed: StrategyRevision) -> None:
    data = step_data("channels", FLAWED, 1)
    html = team.client("editor").post(url("check", "channels"), data).content.decode()
    slot = html.split('id="live-channels"', 1)[1].split('id="live-', 1)[0]
    assert "SP715" in slot
    # Placed at channels[0].cadence in the text of the part, not of the whole document.
    channels = part_text(FLAWED, "channels")
    assert channels is not None
    line = next(n for n, t in enumerate(channels.splitlines(), 1) if t.startswith("  cadence"))
    assert f">{line}:12<" in slot


def test_live_check_runs_on_unsaved_values(team: Team, strong: StrategyRevision) -> None:
    data = step_data("goal", STRONG, 1, goal__kind="followers", goal__deadline="")
    html = team.client("editor").post(url("check", "goal"), data).content.decode()
    assert "SP204" in html
    assert "SP203" in html
    assert count() == 1


def test_live_check_reports_invalid_values_without_failing(
    team: Team, strong: StrategyRevision
) -> None:
    client = team.client("editor")
    client.cookies["socialplan_language"] = "fa"
    data = step_data("channels", STRONG, 1, channels="- network: [unclosed\n")
    response = client.post(url("check", "channels"), data)
    assert response.status_code == 200
    html = response.content.decode()
    slot = html.split('id="live-channels"', 1)[1].split('id="live-', 1)[0]
    assert "YAML" in slot
    assert count() == 1
    wrong = step_data("goal", STRONG, 1, goal__target="lots")
    assert client.post(url("check", "goal"), wrong).status_code == 200


# Import and export.


def test_import_then_export_round_trips(team: Team) -> None:
    client = team.client("editor")
    upload = SimpleUploadedFile("mine.yaml", PERSIAN.encode("utf-8"))
    response = client.post(url("import"), {"file": upload, "note": "from git"})
    assert response.status_code == 302
    exported = client.get(url("export"))
    assert exported.content.decode("utf-8") == PERSIAN
    latest = revisions.current(team.workspace)
    assert latest is not None
    assert latest.note == "from git"


def test_pasted_import_with_windows_line_ends(team: Team) -> None:
    response = team.client("owner").post(url("import"), {"text": STRONG.replace("\n", "\r\n")})
    assert response.status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    assert latest.text == STRONG


def test_import_errors_name_line_and_column_and_save_nothing(team: Team) -> None:
    client = team.client("editor")
    client.cookies["socialplan_language"] = "fa"
    bad = STRONG.replace(
        "kind: repeat_purchase\n  baseline: 310", "kind: repeat_purchas\n  baseline: 310", 1
    )
    response = client.post(url("import"), {"text": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "21:9" in html
    assert "repeat_purchas" in html
    assert "در اینجا مقدار شناخته" in html
    assert count() == 0


def test_import_refuses_binary_and_empty_input(team: Team) -> None:
    client = team.client("editor")
    binary = SimpleUploadedFile("x.yaml", b"\x00\x01\x02")
    assert client.post(url("import"), {"file": binary}).status_code == 400
    assert client.post(url("import"), {"text": "  \n"}).status_code == 400
    not_utf8 = SimpleUploadedFile("x.yaml", "version: 1\nlanguage: é".encode("latin-1"))
    assert "2:11" in client.post(url("import"), {"file": not_utf8}).content.decode()
    assert count() == 0


def test_import_needs_exactly_one_source_of_reasonable_size(team: Team) -> None:
    client = team.client("editor")
    assert client.post(url("import"), {}).status_code == 400
    upload = SimpleUploadedFile("x.yaml", STRONG.encode("utf-8"))
    assert client.post(url("import"), {"file": upload, "text": STRONG}).status_code == 400
    huge = "# " + "x" * (5 * 1024 * 1024) + "\n" + STRONG
    response = client.post(url("import"), {"text": huge})
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert count() == 0


def test_importing_the_same_document_adds_nothing(team: Team, strong: StrategyRevision) -> None:
    assert team.client("editor").post(url("import"), {"text": STRONG}).status_code == 302
    assert count() == 1


def test_export_of_an_empty_workspace_is_404(team: Team) -> None:
    assert team.client("viewer").get(url("export")).status_code == 404


# Starting from a template.


@pytest.mark.parametrize("objective", ["awareness", "sales", "loyalty"])
def test_start_from_a_starter(team: Team, objective: str) -> None:
    response = team.client("owner").post(url("start"), {"objective": objective, "language": "fa"})
    assert response.status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    document = revisions.load(latest).document
    assert document.primary_objective() == objective
    assert document.language == "fa"


def test_start_is_refused_once_there_is_a_strategy(team: Team, strong: StrategyRevision) -> None:
    response = team.client("owner").post(url("start"), {"objective": "sales", "language": "en"})
    assert response.status_code == 409
    assert count() == 1


def test_start_with_an_unknown_objective_is_400(team: Team) -> None:
    response = team.client("owner").post(url("start"), {"objective": "fame", "language": "en"})
    assert response.status_code == 400
    assert count() == 0


def test_empty_workspace_overview_offers_a_start(team: Team) -> None:
    html = team.client("editor").get(url("overview")).content.decode()
    assert url("start") in html
    html = team.client("viewer").get(url("overview")).content.decode()
    assert url("start") not in html


# History, diff and restore.


def test_diff_shows_the_changed_line(team: Team, strong: StrategyRevision) -> None:
    changed = STRONG.replace("  target: 420", "  target: 450")
    revisions.save(team.workspace, changed, team.users["editor"], "target up")
    response = team.client("viewer").get(url("diff", 2))
    html = response.content.decode()
    assert 'dir="ltr"' in html
    assert '<tr class="table-danger" data-change="removed">' in html
    removed = html.split('data-change="removed"', 1)[1].split("</tr>", 1)[0]
    added = html.split('data-change="added"', 1)[1].split("</tr>", 1)[0]
    assert "  target: 420" in removed
    assert "  target: 450" in added
    assert html.count('data-change="added"') == 1


def test_diff_escapes_the_document(team: Team) -> None:
    text = STRONG.replace("name: Harbour Lane Bikes", 'name: "<script>alert(1)</script>"', 1)
    revisions.save(team.workspace, text, None)
    html = team.client("viewer").get(url("diff", 1)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_history_lists_every_revision(team: Team, strong: StrategyRevision) -> None:
    revisions.save(team.workspace, FLAWED, team.users["editor"], "worse")
    html = team.client("viewer").get(url("history")).content.decode()
    assert "worse" in html
    assert "first" in html
    assert "editor-user" in html
    assert "owner-user" in html
    assert url("restore", 1) not in html
    assert url("restore", 1) in team.client("editor").get(url("history")).content.decode()


def test_restore_makes_an_old_revision_current_again(team: Team, strong: StrategyRevision) -> None:
    revisions.save(team.workspace, FLAWED, team.users["editor"], "worse")
    response = team.client("editor").post(url("restore", 1))
    assert response.status_code == 302
    latest = revisions.current(team.workspace)
    assert latest is not None
    assert latest.number == 3
    assert latest.text == STRONG
    assert "1" in latest.note
    # Restoring what is current already adds nothing.
    team.client("editor").post(url("restore", 3))
    assert count() == 3


def test_restore_of_a_revision_that_no_longer_loads(team: Team) -> None:
    StrategyRevision.objects.create(workspace=team.workspace, number=1, text="team: 3\n")
    revisions.save(team.workspace, STRONG, None)
    response = team.client("editor").post(url("restore", 1), follow=True)
    assert response.status_code == 200
    assert "expected a mapping" in response.content.decode()
    assert count() == 2


def test_forms_need_csrf(team: Team, strong: StrategyRevision) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="owner-user"))
    assert client.post(url("import"), {"text": STRONG}).status_code == 403
    assert client.post(url("check", "goal"), step_data("goal", STRONG, 1)).status_code == 403


# Writing one part back into the document.


def test_replace_part_inserts_a_new_part_in_schema_order() -> None:
    text = (
        "version: 1\n# the goal\ngoal: {outcome: More orders}\n\n# voice\nvoice: {tone: [warm]}\n"
    )
    result = replace_part(text, "one_thing", "statement: Fresh every day\n")
    assert result.index("one_thing:") > result.index("goal:")
    assert result.index("one_thing:") < result.index("# voice")
    assert parse_strategy(result).document.one_thing is not None


def test_replace_part_of_a_flow_document_falls_back_to_a_dump() -> None:
    text = "{version: 1, goal: {outcome: More orders}}"
    result = replace_part(text, "goal", "outcome: Fewer returns\n")
    document = parse_strategy(result).document
    assert document.goal is not None
    assert document.goal.outcome == "Fewer returns"


def test_part_text_of_every_part_splices_back_unchanged() -> None:
    for path in sorted(EXAMPLES.glob("*/strategy.yaml")):
        text = path.read_text(encoding="utf-8")
        for key in parse_strategy(text).document.model_fields_set:
            part = part_text(text, key)
            assert part is not None
            assert replace_part(text, key, part) == text, (path, key)


# The library helper the live check runs on.


def test_check_with_defaults_is_the_default_check() -> None:
    loaded = parse_strategy(FLAWED, "strategy.yaml")
    selection = Selection()
    rules = instantiate(selection.chosen(all_rules()), {})
    expected = check_strategy(loaded, rules, selection)
    assert check_with_defaults(loaded) == expected
    assert "SP204" in {finding.code for finding in expected.findings}
