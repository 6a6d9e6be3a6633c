"""The word lists: data files of a fixed shape, one per language per check."""

from __future__ import annotations

import pytest
from tests.text.corpus import LANGUAGES

from socialplan.text import lexicons


def test_every_language_has_every_check() -> None:
    assert set(lexicons.languages()) >= set(LANGUAGES)
    for lang in LANGUAGES:
        for check in lexicons.CHECKS:
            lexicon = lexicons.load(lang, check)
            assert lexicon is not None, (lang, check)
            assert (lexicon.check, lexicon.language) == (check, lang)
            assert all(terms for terms in lexicon.terms.values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sentiment_lists_have_both_polarities_and_negations(lang: str) -> None:
    lexicon = lexicons.load(lang, "sentiment")
    assert lexicon is not None
    assert {"positive", "negative"} <= set(lexicon.terms)
    assert lexicon.groups.get("negations")
    prototypes = lexicons.load(lang, "sentiment_prototypes")
    assert prototypes is not None
    assert set(prototypes.terms) == {"positive", "negative", "neutral"}


def test_unknown_language_and_check() -> None:
    assert lexicons.load("xx", "sentiment") is None
    with pytest.raises(lexicons.LexiconError, match="unknown check"):
        lexicons.load("en", "spelling")


def test_no_term_is_listed_twice_in_a_file() -> None:
    for lang in LANGUAGES:
        for check in lexicons.CHECKS:
            lexicon = lexicons.load(lang, check)
            assert lexicon is not None
            terms = [t for ts in lexicon.terms.values() for t in ts]
            duplicates = {t for t in terms if terms.count(t) > 1}
            assert not duplicates, (lang, check, duplicates)


def test_the_package_imports_nothing_else_of_socialplan() -> None:
    import ast
    from pathlib import Path

    import socialplan.text

    root = Path(socialplan.text.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                if name.startswith("socialplan"):
                    assert name.startswith("socialplan.text"), (path.name, name)


def test_malformed_files_are_refused(
    tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    root = Path(str(tmp_path))
    (root / "en").mkdir()
    monkeypatch.setattr(lexicons, "_root", lambda: root)
    cases = {
        "check: refusal\nlanguage: vi\nterms: [a]\n": "declares check 'refusal' and language 'vi'",
        "check: refusal\nlanguage: en\nterms: 3\n": "terms must be",
        "check: refusal\nlanguage: en\nterms: [a]\nreason: [b]\n": "unknown keys reason",
        "check: refusal\nlanguage: en\nterms: [a, '']\n": "non-empty strings",
    }
    for text, message in cases.items():
        (root / "en" / "refusal.yaml").write_text(text, encoding="utf-8")
        lexicons.load.cache_clear()
        with pytest.raises(lexicons.LexiconError, match=message):
            lexicons.load("en", "refusal")
    lexicons.load.cache_clear()
