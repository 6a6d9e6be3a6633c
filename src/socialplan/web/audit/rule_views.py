"""The rule pages: every rule and its document, in the reader's language.

They are public, like the command line's ``socialplan rules``: they describe the product, not
anybody's data, and findings in shared reports can link to them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from markdown_it import MarkdownIt

from socialplan.i18n import Catalogue, catalogue
from socialplan.rules import docs
from socialplan.rules.base import SEVERITY_LABELS, Rule
from socialplan.rules.registry import all_rules, find_rule
from socialplan.rules.reporters import GROUP_LABELS, group_label
from socialplan.web.language import library_language


def _catalogue() -> Catalogue:
    return catalogue(library_language(get_language()))


def rule_row(rule: type[Rule], cat: Catalogue) -> dict[str, Any]:
    """One line of the catalogue: code, name, mistakes, scope, severity and title."""
    return {
        "code": rule.code,
        "name": rule.name,
        "mistakes": rule.mistakes,
        "scope": rule.scope.value,
        "severity": cat.gettext(SEVERITY_LABELS[rule.severity]),
        "status": rule.status.value,
        "title": cat.gettext(rule.title),
    }


def rule_groups(cat: Catalogue) -> list[tuple[str, list[dict[str, Any]]]]:
    """The rules by part of the document, in the document's order, as the reports group them."""
    order = {group: index for index, group in enumerate(GROUP_LABELS)}
    rules = sorted(all_rules(), key=lambda r: (order.get(r.group(), len(order)), r.code))
    groups: dict[str, list[dict[str, Any]]] = {}
    for rule in rules:
        groups.setdefault(group_label(cat, rule.group()), []).append(rule_row(rule, cat))
    return list(groups.items())


def find_rule_loosely(token: str) -> type[Rule] | None:
    """The rule *token* names: its code in any case, its name or an alias."""
    return find_rule(token) or find_rule(token.upper()) or find_rule(token.lower())


@login_not_required
def rule_list(request: HttpRequest) -> HttpResponse:
    """Every rule of the catalogue, grouped."""
    return render(request, "audit/rule_list.html", {"groups": rule_groups(_catalogue())})


@login_not_required
def rule_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One rule's document; an unknown rule is a 404 page that leads back to the list."""
    rule = find_rule_loosely(code)
    if rule is None:
        return render(request, "audit/rule_missing.html", {"code": code}, status=404)
    cat = _catalogue()
    markdown = MarkdownIt("commonmark", {"html": False})
    # Safe: raw HTML is off, so markdown-it escapes whatever the doc or its translation holds.
    body = mark_safe(markdown.render(docs.render(rule, cat)))
    return render(request, "audit/rule_detail.html", {"rule": rule_row(rule, cat), "body": body})
