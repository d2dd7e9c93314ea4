"""Counts take whole numbers only, and every error sentence the core can give begins with a capital letter,
in English and in Vietnamese."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dtdesktop.i18n import set_language
from dtdesktop.scoring.answers import AnswerError, parse_value

ROOT = Path(__file__).resolve().parents[1]
VALIDATORS = ("catalogs/rules.py", "catalogs/schema_messages.py")


@pytest.mark.parametrize(
    ("typed", "count"),
    [("12", 12), (" 12 ", 12), ("1.234", 1234), ("1,234", 1234), ("1 234", 1234), ("12.0", 12), (7, 7)],
)
def test_a_count_takes_a_whole_number(catalog, typed, count):
    assert parse_value(catalog.indicator("XHS.01"), typed) == count


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("12.5", "whole number"),
        ("12,5", "whole number"),
        (12.5, "whole number"),
        ("1e3", "not a number"),
        ("1_000", "not a number"),
        ("inf", "not a number"),
        ("١٢", "digits 0 to 9"),  # Arabic-Indic digits, which float() would take
        ("１２", "digits 0 to 9"),  # full-width digits
        ("-3", "negative"),
        ("mười hai", "not a number"),
    ],
)
def test_a_count_refuses_fractions_exponents_and_other_digits(catalog, typed, says):
    set_language("en")
    with pytest.raises(AnswerError, match=says) as exc:
        parse_value(catalog.indicator("XHS.01"), typed)
    assert str(exc.value).startswith("XHS.01: ") and _begins_well(exc.value.sentence)


def test_assess_set_refuses_a_fraction_for_a_count(store, catalog, capsys, db_path):
    from dtdesktop.cli.main import main
    from dtdesktop.storage import assessments as A
    from dtdesktop.units import find

    aid = A.create(store, catalog, find("00004"), 2025)
    for typed in ("12,5", "1e3", "١٢"):
        assert main(["--db", str(db_path), "--lang", "en", "assess", "set", str(aid), "XHS.01", typed]) != 0
        err = capsys.readouterr().err
        assert "XHS.01" in err and err.strip()
    assert main(["--db", str(db_path), "assess", "set", str(aid), "XHS.01", " 1.234 "]) == 0
    assert A.get(store, aid).values == {"XHS.01": 1234}


def _msgids(node: ast.AST) -> list[str]:
    return [
        n.args[0].value
        for n in ast.walk(node)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.func.id in ("_", "N_")
        and n.args
        and isinstance(n.args[0], ast.Constant)
        and isinstance(n.args[0].value, str)
    ]


def _called(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def error_messages() -> dict[str, str]:
    """Every message the core raises (or hands to an error or problem), msgid → where it is."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "dtdesktop").rglob("*.py")):
        relative = path.relative_to(ROOT / "dtdesktop").as_posix()
        if relative.startswith("gui/"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        sentences = {  # what the schema validator says: the returns of its _sentence, not the fragments
            id(n)
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef) and f.name == "_sentence"
            for n in ast.walk(f)
            if isinstance(n, ast.Return)
        }
        for node in ast.walk(tree):
            parts: list[ast.AST] = []
            if isinstance(node, ast.Raise) and node.exc is not None:
                parts.append(node.exc)
            elif isinstance(node, ast.Call) and (
                _called(node).endswith(("Error", "Problem"))
                or (relative in VALIDATORS and _called(node) == "add")
            ):
                parts.append(node)
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in ("msg", "message") for t in node.targets
            ):
                parts.append(node.value)  # a message built first, raised or added a line later
            elif isinstance(node, ast.Return) and id(node) in sentences and node.value:
                parts.append(node.value)
            for part in parts:
                for msgid in _msgids(part):
                    found.setdefault(msgid, f"{relative}:{getattr(part, 'lineno', '?')}")
    return found


def _first_letter(text: str) -> str:
    """The first letter a reader sees: after opening quotes and brackets, and after "{code}: " (the
    indicator's code stands in front of the sentence in a list of problems, and is taken off in the window,
    see AnswerError.sentence)."""
    if text.startswith("{code}: "):
        text = text.removeprefix("{code}: ")
        text = text[:1].upper() + text[1:]
    return text.lstrip("“\"'`([ ")[:1]


def _begins_well(sentence: str) -> bool:
    """A capital letter, or the officer's own value in quotes (“mười hai” is not a number)."""
    return sentence[0].isupper() or sentence[0] == "“"


def test_every_error_message_begins_with_a_capital_letter_in_both_languages():
    with (ROOT / "translations" / "vi" / "LC_MESSAGES" / "dtdesktop.po").open("rb") as fh:
        vi = {m.id: m.string for m in read_po(fh, locale="vi") if isinstance(m.id, str)}
    messages = error_messages()
    assert len(messages) > 150  # the walk found the core's messages, not a handful
    wrong = []
    for msgid, where in messages.items():
        for lang, text in (("en", msgid), ("vi", vi.get(msgid) or "")):
            first = _first_letter(text)
            if first.isalpha() and not first.isupper():
                wrong.append(f"{where} ({lang}): {text}")
    assert wrong == []


def test_an_answer_error_reads_as_a_sentence_where_the_code_is_in_view(catalog):
    for lang in ("vi", "en"):
        set_language(lang)
        for code, typed in (("XHS.01", "-3"), ("CQS.01", "70/60"), ("XHS.03", "maybe"), ("CQS.02", "x")):
            with pytest.raises(AnswerError) as exc:
                parse_value(catalog.indicator(code), typed)
            assert str(exc.value).startswith(f"{code}: ")
            sentence = exc.value.sentence
            assert not sentence.startswith(code) and _begins_well(sentence), sentence
