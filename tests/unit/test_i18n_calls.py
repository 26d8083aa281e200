"""Every t()/tn() call in the code with a literal key fills exactly the placeholders its text
has, in both catalogs: a renamed placeholder fails here, not as a KeyError on a page."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from dashboard.i18n import catalog

PACKAGE = Path(__file__).resolve().parents[2] / "dashboard"
LANGUAGES = ("de", "en")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _calls() -> list[tuple[str, int, str, str, set[str]]]:
    """(file, line, function, key, keyword names) of calls with a literal key and no **splat."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in ("t", "tn") or not node.args:
                continue
            key = node.args[0]
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            if any(keyword.arg is None for keyword in node.keywords):
                continue
            names = {keyword.arg for keyword in node.keywords if keyword.arg}
            found.append(
                (str(path.relative_to(PACKAGE.parent)), node.lineno, node.func.id, key.value, names)
            )
    return found


def _texts(function: str, key: str, lang: str) -> list[str]:
    texts = catalog(lang)
    if function == "t":
        return [texts[key]]
    return [text for name, text in texts.items() if name.startswith(f"{key}.")]


def test_i18ncall001_the_scan_finds_the_calls_it_checks():
    calls = _calls()
    assert len(calls) > 300
    assert any(function == "tn" for _, _, function, _, _ in calls)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_i18ncall002_every_call_fills_the_placeholders_of_its_text(lang):
    wrong = []
    for file, line, function, key, names in _calls():
        if function == "t" and not names:
            continue  # t() without values hands the text out as written (templates for JS)
        given = names | ({"count"} if function == "tn" else set())
        texts = _texts(function, key, lang)
        if not texts:
            wrong.append(f"{file}:{line} {key}: not in the {lang} catalog")
        for text in texts:
            if _placeholders(text) != given:
                wrong.append(
                    f"{file}:{line} {key}: text has {sorted(_placeholders(text))}, call gives {sorted(given)}"
                )
    assert not wrong, "\n".join(wrong)
