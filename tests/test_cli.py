"""The command line as a user meets it: init, check, rules, rule, schema, config."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML
from tests.conftest import EXAMPLES, Outcome

from socialplan.i18n import LANGUAGES
from socialplan.strategy.templates import OBJECTIVE_CHOICES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*/strategy.yaml"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("objective", OBJECTIVE_CHOICES)
def test_init_then_check(
    tmp_path: Path, cli: Callable[..., Outcome], lang: str, objective: str
) -> None:
    path = tmp_path / "strategy.yaml"
    made = cli("--lang", lang, "init", path, "--objective", objective)
    assert made.status == 0, made.err
    text = path.read_text(encoding="utf-8")
    assert f"language: {lang}" in text
    assert f"kind: {objective}, primary: true" in text
    checked = cli("check", path, "--lang", lang, "--format", "json")
    assert checked.status in (0, 1), checked.err
    report = json.loads(checked.out)
    assert report["language"] == lang
    # A starter is complete: it may still ask for a real one-thing, but never for a missing part.
    missing = [f for f in report["files"][0]["findings"] if f["name"].endswith(".missing")]
    assert missing == []


def test_init_refuses_to_overwrite(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "strategy.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = cli("init", path)
    assert result.status == 2
    assert "--force" in result.err
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert cli("init", path, "--force").status == 0


def test_check_exit_status_follows_fail_level(cli: Callable[..., Outcome]) -> None:
    flawed = EXAMPLES / "flawed" / "strategy.yaml"
    assert cli("check", flawed).status == 1
    only_info = cli("check", flawed, "--select", "SP717,SP720", "--fail-on", "warning")
    assert only_info.status == 0
    assert "SP720" in only_info.out
    assert cli("check", flawed, "--select", "SP720", "--fail-on", "info").status == 1


def test_select_ignore_and_severity(cli: Callable[..., Outcome]) -> None:
    flawed = EXAMPLES / "flawed" / "strategy.yaml"
    by_mistake = json.loads(cli("check", flawed, "-f", "json", "--select", "M01").out)
    codes = {f["code"] for f in by_mistake["files"][0]["findings"]}
    assert codes
    assert all(c.startswith("SP20") for c in codes)
    ignored = json.loads(cli("check", flawed, "-f", "json", "--ignore", "channel,content").out)
    names = {f["name"] for f in ignored["files"][0]["findings"]}
    assert names
    assert not any(n.startswith(("channel.", "content.")) for n in names)
    lowered = json.loads(
        cli(
            "check",
            flawed,
            "-f",
            "json",
            "--select",
            "goal",
            "--severity",
            "goal=info",
            "--severity",
            "SP204=warning",
        ).out
    )
    levels = {f["code"]: f["severity"] for f in lowered["files"][0]["findings"]}
    assert levels["SP204"] == "warning"
    assert levels["SP203"] == "info"


def test_unknown_selector_is_a_usage_error(cli: Callable[..., Outcome]) -> None:
    result = cli("check", EXAMPLES / "flawed" / "strategy.yaml", "--select", "SP999")
    assert result.status == 2
    assert "SP999 selects no rule" in result.err


def test_strong_example_is_clean_and_flawed_is_not(cli: Callable[..., Outcome]) -> None:
    strong = json.loads(
        cli(
            "check", EXAMPLES / "strong" / "strategy.yaml", "-f", "json", "--today", "2026-11-01"
        ).out
    )
    flawed = json.loads(
        cli(
            "check", EXAMPLES / "flawed" / "strategy.yaml", "-f", "json", "--today", "2026-11-01"
        ).out
    )
    assert len(strong["files"][0]["findings"]) <= 3
    assert len(flawed["files"][0]["findings"]) >= 30
    strong_scores = [p["score"] for p in strong["files"][0]["pillars"].values()]
    flawed_scores = [p["score"] for p in flawed["files"][0]["pillars"].values()]
    assert min(strong_scores) >= 75
    assert sum(flawed_scores) < sum(strong_scores) / 2


def test_several_files_at_once(cli: Callable[..., Outcome]) -> None:
    result = cli("check", *EXAMPLE_FILES, "-f", "json", "--today", "2026-11-01")
    report = json.loads(result.out)
    assert [f["file"] for f in report["files"]] == [str(p) for p in EXAMPLE_FILES]


def test_output_file_is_written_whole(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    out = tmp_path / "report.sarif"
    result = cli("check", EXAMPLES / "flawed" / "strategy.yaml", "-f", "sarif", "-o", out)
    assert result.status == 1
    assert result.out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_rules_listing(cli: Callable[..., Outcome]) -> None:
    listing = json.loads(cli("rules", "--format", "json").out)
    plan = [r for r in listing if r["scope"] == "plan" and not r["name"].startswith("silence.")]
    assert len(plan) >= 25
    assert len({r["code"] for r in listing}) == len(listing)
    assert "SP202" in cli("rules").out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule_doc(cli: Callable[..., Outcome], lang: str) -> None:
    result = cli("rule", "goal.not_measurable", "--lang", lang)
    assert result.status == 0
    assert result.out.startswith("# SP202 goal.not_measurable")
    assert "```yaml" in result.out
    assert cli("rule", "SP202").out == cli("rule", "goal.not_measurable").out


def test_unknown_rule_doc(cli: Callable[..., Outcome]) -> None:
    result = cli("rule", "SP999")
    assert result.status == 2
    assert "SP999" in result.err


def test_schema_validates_every_example(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    out = tmp_path / "schema.json"
    assert cli("schema", "-o", out).status == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=None)
    yaml = YAML(typ="safe")
    for path in EXAMPLE_FILES:
        document = json.loads(json.dumps(yaml.load(path.read_text(encoding="utf-8")), default=str))
        errors = list(validator.iter_errors(document))
        assert not errors, (path, errors[0].message)
    bad = {"channels": [{"network": "myspace", "account": "x"}]}
    assert list(validator.iter_errors(bad))


def test_default_config_round_trips(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    config = tmp_path / "socialplan.toml"
    assert cli("config", "-o", config).status == 0
    text = config.read_text(encoding="utf-8")
    assert "max_accounts = 4" in text
    result = cli("check", EXAMPLES / "flawed" / "strategy.yaml", "--config", config)
    assert result.status == 1


def test_config_file_changes_the_run(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    config = tmp_path / "socialplan.toml"
    config.write_text(
        '[check]\nselect = ["channel.cadence_above_ceiling"]\nfail_on = "error"\n'
        '[rules."channel.cadence_above_ceiling"]\nceilings = {facebook = 5, instagram = 5, '
        "x = 5, linkedin = 5, tiktok = 5}\n",
        encoding="utf-8",
    )
    result = cli("check", EXAMPLES / "flawed" / "strategy.yaml", "--config", config)
    assert result.status == 0, result.out + result.err
    assert "No findings" in result.out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[check\n", "malformed TOML"),
        ('[check]\nselec = ["ALL"]\n', "unknown key selec"),
        ('[check]\nfail_on = "fatal"\n', "check.fail_on"),
        ('[rules."goal.nope"]\nx = 1\n', "no rule is called goal.nope"),
        ('[rules."team.single_department"]\nmin_departments = "two"\n', "min_departments"),
        ('[rules."team.single_department"]\nmin_department = 2\n', "unknown key"),
    ],
)
def test_bad_config(tmp_path: Path, cli: Callable[..., Outcome], content: str, needle: str) -> None:
    config = tmp_path / "socialplan.toml"
    config.write_text(content, encoding="utf-8")
    result = cli("check", EXAMPLES / "flawed" / "strategy.yaml", "--config", config)
    assert result.status == 2
    assert str(config) in result.err
    assert needle in result.err
    assert "Traceback" not in result.err


def test_help_in_every_language(cli: Callable[..., Outcome]) -> None:
    english = cli("check", "--help").out
    for lang in LANGUAGES:
        result = cli("--lang", lang, "check", "--help")
        assert result.status == 0
        assert "--fail-on" in result.out
        if lang != "en":
            assert result.out != english


def test_language_from_locale(cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fa_IR.UTF-8")
    report = json.loads(cli("check", EXAMPLES / "minimal" / "strategy.yaml", "-f", "json").out)
    assert report["language"] == "fa"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    report = json.loads(cli("check", EXAMPLES / "minimal" / "strategy.yaml", "-f", "json").out)
    assert report["language"] == "en"
    monkeypatch.setenv("LANG", "fa_IR.UTF-8")
    report = json.loads(
        cli("check", EXAMPLES / "minimal" / "strategy.yaml", "-f", "json", "--lang", "el").out
    )
    assert report["language"] == "el"


def test_internal_errors_show_no_traceback(
    cli: Callable[..., Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    from socialplan.rules import engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("socialplan.commands.check.check_strategy", broken)
    assert engine.check_strategy is not broken
    result = cli("check", EXAMPLES / "minimal" / "strategy.yaml")
    assert result.status == 3
    assert "internal error (RuntimeError): boom" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("code", ["SP001", "SP002"])
def test_docs_of_rules_about_silences(cli: Callable[..., Outcome], code: str) -> None:
    result = cli("rule", code, "--lang", "vi")
    assert result.status == 0, result.err
    assert result.out.startswith(f"# {code}")


def test_web_commands_are_listed_and_explained(cli: Callable[..., Outcome]) -> None:
    listing = cli("--help").out
    assert "serve" in listing
    assert "worker" in listing
    serve = cli("serve", "--help")
    assert serve.status == 0
    assert "--with-worker" in serve.out
    assert "--demo" in serve.out
    assert cli("worker", "--help").status == 0
