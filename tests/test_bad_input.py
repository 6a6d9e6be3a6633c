"""Every kind of bad strategy file gets one clear error naming the file and place, exit 2."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Outcome


def _assert_clean_error(result: Outcome, path: Path, *needles: str) -> None:
    assert result.status == 2, result
    assert "Traceback" not in result.err + result.out
    assert str(path) in result.err
    for needle in needles:
        assert needle in result.err, result.err


def test_malformed_yaml(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("goal:\n  outcome: [unclosed\nteam: {\n", encoding="utf-8")
    _assert_clean_error(cli("check", path), path, "malformed YAML")
    assert f"{path}:4:" in cli("check", path).err or f"{path}:3:" in cli("check", path).err


def test_duplicate_key(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("goal:\n  outcome: a\ngoal:\n  outcome: b\n", encoding="utf-8")
    _assert_clean_error(cli("check", path), path, "malformed YAML", f"{path}:3:1")


def test_wrong_types_are_all_reported_with_place(
    tmp_path: Path, cli: Callable[..., Outcome]
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "goal:\n  outcome: More sales\n  target: lots\n"
        "channels:\n  - network: facebok\n    account: a\n    cadence: {posts: often}\n",
        encoding="utf-8",
    )
    result = cli("check", path)
    _assert_clean_error(result, path)
    assert f'{path}:3:11: goal.target: expected a number, found "lots"' in result.err
    assert f"{path}:5:14: channels[0].network:" in result.err
    assert "did you mean facebook?" in result.err
    assert "channels[0].cadence.posts: expected a number" in result.err


def test_unknown_key_suggests_the_closest(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("goal:\n  outcome: x\n  dedline: 2027-01-01\n", encoding="utf-8")
    result = cli("check", path)
    _assert_clean_error(
        result, path, f"{path}:3:3: goal.dedline: unknown key dedline", "did you mean deadline?"
    )


def test_missing_required_key(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("channels:\n  - network: x\n", encoding="utf-8")
    _assert_clean_error(cli("check", path), path, "channels[0]: required key account is missing")


def test_not_a_mapping(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    _assert_clean_error(cli("check", path), path, "a strategy is a mapping of parts")


@pytest.mark.parametrize("content", [b"", b"   \n\n# only a comment\n"])
def test_empty_file(tmp_path: Path, cli: Callable[..., Outcome], content: bytes) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(content)
    _assert_clean_error(cli("check", path), path, "the file is empty")


def test_huge_file(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    with path.open("wb") as handle:
        handle.write(b"goal:\n  outcome: " + b"x" * (20 * 1024 * 1024) + b"\n")
    _assert_clean_error(cli("check", path), path, "the file is too large (20.0 MiB)")


def test_binary_file(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _assert_clean_error(cli("check", path), path, "binary file")


def test_non_utf8_file(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes("goal:\n  outcome: Café\n".encode("latin-1"))
    _assert_clean_error(cli("check", path), path, f"{path}:2:15:", "not UTF-8")


def test_directory(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    _assert_clean_error(cli("check", tmp_path), tmp_path, "this is a folder")


def test_missing_file(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "nowhere.yaml"
    _assert_clean_error(cli("check", path), path, "file not found")


def test_alias_bomb_is_refused(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    path = tmp_path / "s.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _assert_clean_error(cli("check", path), path, "expands to more than")


def test_errors_are_translated(tmp_path: Path, cli: Callable[..., Outcome]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("goal:\n  outcome: x\n  target: lots\n", encoding="utf-8")
    english = cli("check", path).err
    persian = cli("check", path, "--lang", "fa").err
    assert f"{path}:3:11" in persian
    assert persian != english


def test_console_script_shows_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xff\xfe\x00")
    done = subprocess.run(
        [sys.executable, "-m", "socialplan", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert str(path) in done.stderr


def test_bad_usage_exits_2(cli: Callable[..., Outcome]) -> None:
    result = cli("check")
    assert result.status == 2
    assert "the following arguments are required" in result.err
