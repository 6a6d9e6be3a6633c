"""The direction of imports of ARCHITECTURE.md, and the size of rule modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "socialplan"
#: What each layer may import of ours (foundation modules are open to all).
FOUNDATION = {
    "socialplan.i18n",
    "socialplan.errors",
    "socialplan.inputs",
    "socialplan.output",
    "socialplan",
}
ALLOWED = {
    "strategy": {"strategy"},
    "measure": {"measure", "strategy"},
    # ARCHITECTURE.md: rules → strategy, activity, measure (a whole audit reads the store).
    "rules": {"rules", "strategy", "measure", "activity"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "socialplan" or m.startswith("socialplan.")}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        for module in _imports(path):
            if module in FOUNDATION:
                continue
            top = module.split(".")[1]
            assert top in ALLOWED[layer], f"{path.relative_to(ROOT)} imports {module}"


def test_nothing_imports_the_faces() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name == "cli.py" or "commands" in path.parts or path.name == "__main__.py":
            continue
        # The web app is a face itself: it may import its own modules, nothing else may.
        faces = ("socialplan.cli", "socialplan.commands")
        if "web" not in path.relative_to(PACKAGE).parts[:1]:
            faces += ("socialplan.web",)
        for module in _imports(path):
            assert not module.startswith(faces), path


def test_rule_modules_stay_small() -> None:
    for path in (PACKAGE / "rules" / "plan").glob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 150, f"{path.name} has {lines} lines; split it by reason"
