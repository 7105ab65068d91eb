"""User KB files: merging, validation, the ``--kb`` option (src/wirescope/kb/loader.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirescope.cli import app
from wirescope.kb import KBFileError, load_kb, use_kb_files, validate_entry_file
from wirescope.kb.base import KB_ENV
from wirescope.kb.loader import parse_office

REPO = Path(__file__).resolve().parents[2]

USER_FILE = """
entries:
  - id: person:test-analyst
    type: PERSON
    name: Oleg Testov
    ru: Олег Тестов
    country: RUS
    offices: ["analyst org:TEST-INSTITUTE 2020-01..2022-06-30"]
  - id: org:TEST-INSTITUTE
    type: ORGANIZATION
    name: Test Institute for Borders
    sector: EDU
    names: {nl: [Testinstituut voor Grenzen]}
    abbr: {nl: [TIG]}
  - id: Q7747
    type: PERSON
    name: Vladimir Putin
    aliases: [Putin the Test Alias]
  - id: country:NOR
    type: COUNTRY
    name: Norway
    demonyms: {en: [Norse]}
"""


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "user-kb.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    return path


def test_user_entries_are_merged(user_file: Path) -> None:
    kb = load_kb(extra=[user_file], places=False)
    person = kb.lookup("Oleg Testov")[0]
    assert person.id == "person:test-analyst"
    assert kb.lookup("Testow")[0].id == person.id  # German romanisation of the surname, generated
    assert kb.lookup("TIG", "nl")[0].id == "org:TEST-INSTITUTE"
    assert not kb.lookup("TIG", "en")  # abbreviation strict to Dutch
    assert kb.lookup("Putin the Test Alias")[0].wikidata == "Q7747"
    assert kb.get("Q7747") is not None and "Путин" in kb.get("Q7747").aliases  # shipped aliases kept
    assert kb.demonym("Norse", "en") == "NOR"
    assert kb.roles_of(person.id, "2021-05-01")[0]["country"] == "org:TEST-INSTITUTE"
    assert kb.roles_of(person.id, "2023-01-01") == []


def test_shipped_kb_is_unchanged_by_a_user_file(user_file: Path) -> None:
    load_kb(extra=[user_file], places=False)
    assert not load_kb(places=False).lookup("Oleg Testov")


def test_environment_variable_adds_files(user_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KB_ENV, str(user_file))
    assert load_kb(places=False).lookup("Oleg Testov")


def test_use_kb_files_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KB_ENV, "")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {type: PERSON, aliases: [x]}\n", encoding="utf-8")
    with pytest.raises(KBFileError, match="entry 1: 'name'"):
        use_kb_files([bad])


@pytest.mark.parametrize(
    ("text", "problem"),
    [("- {name: X, type: ROBOT}\n", "'type'"), ("- {name: X, aliases: Y}\n", "'aliases' must be a list"),
     ("- {name: X, offices: ['head_of_state RUS 2001']}\n", "bad office"), ("name: X\n", "expected a list"),
     ("- {name: [unclosed\n", "bad.yaml")],
)
def test_validation_messages(tmp_path: Path, text: str, problem: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KBFileError, match=problem.replace("[", r"\[")):
        validate_entry_file(bad)


def test_example_file_in_docs_is_valid() -> None:
    assert validate_entry_file(REPO / "docs" / "examples" / "my-kb.yaml") >= 3


def test_parse_office() -> None:
    assert parse_office("foreign_minister RUS 2004-03-09..") == {
        "role": "foreign_minister", "country": "RUS", "start": "2004-03-09", "end": None}
    assert parse_office("ecb_president - 2011-11..2019-10-31")["country"] is None


def test_cli_kb_option(user_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KB_ENV, "")
    article = tmp_path / "a.txt"
    article.write_text("Oleg Testov, een analist bij het Testinstituut voor Grenzen, sprak dinsdag in Den Haag.\n",
                       encoding="utf-8")
    result = CliRunner().invoke(app, ["--kb", str(user_file), "extract", str(article), "--lang", "nl",
                                      "--stages", "entities"])
    assert result.exit_code == 0, result.output
    assert "person:test-analyst" in result.output
    assert "org:TEST-INSTITUTE" in result.output


def test_cli_rejects_a_bad_kb_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KB_ENV, "")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {type: PERSON}\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Een zin.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--kb", str(bad), "extract", str(article)])
    assert result.exit_code == 2
