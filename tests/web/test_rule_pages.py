"""The rule pages: the catalogue and each rule's document, public and in the reader's language."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from socialplan.i18n import catalogue
from socialplan.rules import docs
from socialplan.rules.registry import all_rules, find_rule
from socialplan.rules.reporters import GROUP_LABELS
from web.conftest import EVERYONE, Team

FA = {"accept-language": "fa"}


def _get(client: Client, url: str, status: int = 200, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == status
    return response.content.decode()


def test_the_list_shows_every_rule_grouped(db: None) -> None:
    html = _get(Client(), reverse("rules:list"))
    for rule in all_rules():
        assert reverse("rules:detail", args=[rule.code]) in html
        assert rule.name in html
    assert "Business goal" in html
    assert "Conversations" in html
    assert "Questions left unanswered" in html
    # Both registry groups share one heading, as in the reports.
    assert html.count(f">{GROUP_LABELS['account']}</h2>") == 1
    # Parts of the document in its order, then what happened on the networks.
    assert (
        html.index(">Team</h2>")
        < html.index(">Business goal</h2>")
        < html.index(">Conversations</h2>")
    )


def test_the_list_speaks_persian(db: None) -> None:
    fa = catalogue("fa")
    rule = find_rule("SE101")
    assert rule is not None
    html = _get(Client(), reverse("rules:list"), **FA)
    assert 'dir="rtl"' in html
    assert fa.gettext(rule.title) in html
    assert fa.gettext(rule.title) != rule.title
    assert fa.gettext(GROUP_LABELS["conversation"]) in html


@pytest.mark.parametrize("who", EVERYONE)
def test_rule_pages_are_open_to_everyone(team: Team, who: str) -> None:
    _get(team.client(who), reverse("rules:list"))
    _get(team.client(who), reverse("rules:detail", args=["SE101"]))


def test_a_rule_document_in_english(db: None) -> None:
    html = _get(Client(), reverse("rules:detail", args=["SP201"]))
    assert "<h1>SP201 goal.missing</h1>" in html
    assert "<h2>What it checks</h2>" in html
    assert '<pre><code class="language-yaml">' in html
    assert reverse("rules:list") in html


def test_a_rule_document_in_persian(db: None) -> None:
    fa = catalogue("fa")
    html = _get(Client(), reverse("rules:detail", args=["SE101"]), **FA)
    assert 'dir="rtl"' in html
    heading = fa.gettext("What it checks")
    assert heading != "What it checks"
    assert f"<h2>{heading}</h2>" in html


@pytest.mark.parametrize("token", ["se101", "SE101", "conversation.unanswered_questions"])
def test_rules_are_found_by_code_in_any_case_or_by_name(db: None, token: str) -> None:
    html = _get(Client(), reverse("rules:detail", args=[token]))
    assert "SE101 conversation.unanswered_questions" in html


def test_an_unknown_rule_is_a_404_page(db: None) -> None:
    html = _get(Client(), reverse("rules:detail", args=["<b>SP999"]), 404)
    assert "No such rule" in html
    assert "&lt;b&gt;SP999" in html
    assert "<b>SP999" not in html
    assert reverse("rules:list") in html


def test_raw_html_in_a_document_is_escaped(db: None) -> None:
    with mock.patch.object(docs, "render", return_value="# Title\n\n<script>alert(1)</script>\n"):
        html = _get(Client(), reverse("rules:detail", args=["SP201"]))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
