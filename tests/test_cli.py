"""The command line in-process (Typer's runner): help, exit codes, listings in JSON, extract and the demo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirescope import pipeline
from wirescope.cli import app, build_pipeline

FAST = "language,segment"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


@pytest.mark.parametrize("command", [[], ["ingest"], ["docs"], ["show"], ["extract"], ["demo"], ["runs"]])
def test_help_everywhere(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_python_dash_m_runs_the_same_app() -> None:
    result = subprocess.run([sys.executable, "-m", "wirescope", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "Exit codes" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "x.txt", "--published", "14/09/2023"],
        ["extract", "x.txt", "--stages", "segment,telepathy"],
        ["extract", "x.txt", "--lang", "xx"],
        ["extract", "x.txt", "--format", "xml"],
        ["ingest", "x.txt", "--json-field", "body"],
        ["ingest"],
        ["docs", "--no-such-option"],
        ["docs", "--db", "nosuchdialect://host/db"],
        ["docs", "--search", 'unbalanced "quote'],
    ],
)
def test_usage_errors_exit_2(args: list[str], db: str) -> None:
    with_db = args if args[0] == "extract" or "--db" in args else [*args, "--db", db]
    assert runner.invoke(app, with_db).exit_code == 2


def test_show_unknown_document_exits_1(db: str) -> None:
    result = runner.invoke(app, ["show", "0123456789abcdef", "--db", db])
    assert result.exit_code == 1
    assert "no document" in result.stderr


def test_unreachable_database_is_one_error_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = runner.invoke(app, ["docs", "--db", str(blocker / "x.db")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot open database")


def test_docs_on_an_empty_database(db: str) -> None:
    result = runner.invoke(app, ["docs", "--db", db, "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_extract_prints_every_section(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Der Zug nach Basel fiel am Montag aus. Die Bahn nannte einen Stellwerksfehler als Grund.\n")
    result = runner.invoke(app, ["extract", str(article), "--published", "2024-03-04", "--stages", FAST])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"document", "sentences", "entities", "times", "events", "claims"}
    assert data["document"]["published"].startswith("2024-03-04")
    assert data["document"]["language"] == "de"
    assert [s["text"] for s in data["sentences"]] == [
        "Der Zug nach Basel fiel am Montag aus.",
        "Die Bahn nannte einen Stellwerksfehler als Grund.",
    ]


def test_extract_maps_json_fields(tmp_path: Path) -> None:
    record = {"body": "Le musée de Lyon rouvre ses portes lundi. Les travaux ont duré deux ans.", "headline": "Lyon"}
    article = tmp_path / "export.jsonl"
    article.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    args = [
        "extract",
        str(article),
        "--stages",
        "segment",
        "--json-field",
        "text=body",
        "--json-field",
        "title=headline",
    ]
    result = runner.invoke(app, [*args, "--source", "Demo Wire"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document"]["title"] == "Lyon" and data["document"]["source"] == "Demo Wire"
    assert [s["text"] for s in data["sentences"]] == [
        "Le musée de Lyon rouvre ses portes lundi.",
        "Les travaux ont duré deux ans.",
    ]


def test_extract_of_a_missing_file_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nowhere.txt")])
    assert result.exit_code == 1 and "error:" in result.stderr


def test_missing_stage_module_is_skipped_with_a_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A stage registered but not written yet (as happens while stages are developed in parallel)."""
    monkeypatch.setitem(pipeline.STAGE_MODULES, "future", "wirescope.nlp.stage_not_written_yet")
    assert [s.name for s in build_pipeline("segment,future").stages] == ["segment"]
    article = tmp_path / "note.txt"
    article.write_text("Het water in de Maas stijgt snel. De dijken worden bewaakt.\n")
    result = runner.invoke(app, ["extract", str(article), "--stages", "segment,future"])
    assert result.exit_code == 0
    assert "'future' is not available" in result.stderr
    assert json.loads(result.stdout)["document"]["provenance"] == [
        {"stage": "segment", "version": pipeline.load_stage("segment").version}
    ]


def test_demo_ingests_the_corpus_and_reports(db: str) -> None:
    first = runner.invoke(app, ["demo", "--db", db, "--stages", FAST, "--json"])
    assert first.exit_code == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["run"] == {"stored": 12, "unchanged": 0, "duplicates": 1, "failed": 0}
    assert report["documents"] == 12
    assert {"sv", "nl", "en", "de", "fr", "ru"} <= set(report["languages"])
    assert report["sections"]["sentences"] >= 60
    [duplicate] = report["duplicates"]
    originals = {d["id"]: d for d in report["per_document"]}
    assert originals[duplicate["duplicate_of"]]["language"] == "en"
    [translation] = report["translations"]
    assert originals[translation["translation_of"]]["language"] == "en"
    assert originals[translation["id"]]["language"] == "de"
    shown = runner.invoke(app, ["show", translation["id"], "--db", db])
    assert shown.exit_code == 0 and f"translation_of: {translation['translation_of']}" in shown.stdout
    assert "  [0] (de) " in shown.stdout
    again = runner.invoke(app, ["demo", "--db", db, "--stages", FAST, "--json"])
    assert json.loads(again.stdout)["run"] == {"stored": 0, "unchanged": 13, "duplicates": 0, "failed": 0}
    listing = json.loads(runner.invoke(app, ["docs", "--db", db, "--json", "--search", "Stoltenberg"]).stdout)
    runs = json.loads(runner.invoke(app, ["runs", "--db", db, "--json"]).stdout)
    assert [(r["command"], r["status"], r["stored"], r["unchanged"]) for r in runs] == [
        ("demo", "done", 12, 0),
        ("demo", "done", 0, 13),
    ]
    assert runs[0]["pipeline"] == build_pipeline(FAST).signature
    alliance = ("nato", "navo", "otan")
    assert len(listing) == 5 and all(any(w in d["title"].casefold() for w in alliance) for d in listing)
