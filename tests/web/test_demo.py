"""The demo workspace that `make demo` loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.test import override_settings
from tests.conftest import EXAMPLES

from socialplan.activity.store import Store
from socialplan.errors import InputError
from socialplan.i18n import catalogue
from socialplan.web.demo import load_demo
from socialplan.web.strategy import revisions


@pytest.mark.django_db
def test_demo_workspace_has_strategy_data_and_a_working_login(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with override_settings(DATA_DIR=tmp_path):
        workspace = load_demo(EXAMPLES / "demo", catalogue("en"))
        printed = capsys.readouterr().out
        password = printed.rsplit(" ", 1)[-1].strip()
        assert authenticate(username="demo", password=password) is not None
        revision = revisions.current(workspace)
        assert revision is not None
        assert revision.text == (EXAMPLES / "demo" / "strategy.yaml").read_text("utf-8")
        store = Store(workspace.store_dir)
        items = store.read("items").num_rows
        assert items > 100

        # Loading again refreshes the password and adds neither a revision nor data.
        again = load_demo(EXAMPLES / "demo", catalogue("en"))
        assert again.pk == workspace.pk
        assert workspace.strategy_revisions.count() == 1
        assert Store(workspace.store_dir).read("items").num_rows == items
        assert authenticate(username="demo", password=password) is None


@pytest.mark.django_db
def test_demo_folder_must_hold_strategy_and_export(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_demo(tmp_path, catalogue("en"))
    assert "strategy.yaml" in caught.value.render(catalogue("en"))
