"""The analysis commands (events, claims, ledger, stories, story) through the CLI, on a real SQLite store that
``wirescope demo`` fills once per session with the full pipeline and online story assignment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from wirescope.cli import app
from wirescope.plover import missing_required
from wirescope.store import StoryBook, open_store

runner = CliRunner()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("analysis") / "demo.db")
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    assert "stories:" in result.output
    return db


def run_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_events_as_plover_json_lines(demo_db: str) -> None:
    result = runner.invoke(app, ["events", "--db", demo_db, "--format", "plover"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        assert missing_required(record) == []
        assert record["text"] and record["text_info"]["end"] > record["text_info"]["start"]


def test_events_filters(demo_db: str) -> None:
    everything = run_json("events", "--db", demo_db)
    consult = run_json("events", "--db", demo_db, "--category", "consult")
    assert consult and len(consult) < len(everything)
    assert {e["event"] for e in consult} == {"CONSULT"}
    russian_actor = run_json("events", "--db", demo_db, "--actor", "RUS")
    assert russian_actor and all(any(a["code"] == "RUS" for a in e["actor"]) for e in russian_actor)
    autumn = run_json("events", "--db", demo_db, "--date-from", "2023-09")
    assert autumn and all(e["listed_date"] >= "2023-09" for e in autumn)
    assert len(run_json("events", "--db", demo_db, "--limit", "2")) == 2
    german = run_json("events", "--db", demo_db, "--language", "de")
    assert german and {e["language"] for e in german} == {"de"}


def test_events_table(demo_db: str) -> None:
    result = runner.invoke(app, ["events", "--db", demo_db, "--category", "CONSULT"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["date", "category"]
    assert all("CONSULT" in line for line in lines[1:]) and len(lines) > 1


def test_claims_list_a_denial(demo_db: str) -> None:
    denials = run_json("claims", "--db", demo_db, "--stance", "deny")
    assert denials and {c["stance"] for c in denials} == {"deny"}
    assert all(c["speaker"]["text"] and c["document_id"] for c in denials)
    everything = run_json("claims", "--db", demo_db)
    assert len(everything) > len(denials)
    speaker = denials[0]["speaker"]["name"] or denials[0]["speaker"]["text"]
    by_speaker = run_json("claims", "--db", demo_db, "--speaker", speaker.split()[-1].lower())
    assert by_speaker and all(speaker.split()[-1].lower() in json.dumps(c["speaker"]).lower() for c in by_speaker)


def test_ledger_groups_assertions_and_denials_across_sources(demo_db: str) -> None:
    ledger = run_json("ledger", "--db", demo_db)
    assert ledger
    contested = [p for p in ledger if p["contested"]]
    assert contested, "the demo's denial should face the claim it denies"
    assert all(p["denied_by"] and p["asserted_by"] for p in contested)
    assert any(len(p["sources"]) > 1 for p in ledger)


def test_three_multilingual_stories(demo_db: str) -> None:
    stories = run_json("stories", "--db", demo_db)
    assert len(stories) == 3
    by_size = sorted(stories, key=lambda s: -s["documents"])
    assert [len(s["languages"]) for s in by_size] == [5, 5, 2]
    assert all(s["first_seen"] and s["last_seen"] >= s["first_seen"] for s in stories)


def test_story_marks_the_translation_and_counts_once(demo_db: str) -> None:
    stories = run_json("stories", "--db", demo_db)
    details = [run_json("story", s["id"], "--db", demo_db) for s in stories]
    translations = [m for d in details for m in d["members"] if m["translation_of"]]
    assert translations
    for d in details:
        ids = {m["id"] for m in d["members"]}
        assert all(m["translation_of"] in ids for m in d["members"] if m["translation_of"])
        assert len(d["events"]) <= d["events_total"] and len(d["claims"]) <= d["claims_total"]
    reprints = [m for d in details for m in d["members"] if m["duplicate_of"]]
    assert reprints, "the demo's near-duplicate reprint stays visible in its story"


def test_story_text_and_missing_story(demo_db: str) -> None:
    first = run_json("stories", "--db", demo_db)[0]["id"]
    result = runner.invoke(app, ["story", first, "--db", demo_db])
    assert result.exit_code == 0 and "documents:" in result.stdout and "counted once" in result.stdout
    missing = runner.invoke(app, ["story", "S999999", "--db", demo_db])
    assert missing.exit_code == 1


def test_assignments_are_persisted(demo_db: str) -> None:
    book = StoryBook.open(open_store(demo_db))
    assert len(book.index.stories) == 3
    assert book.unassigned() == []


def test_catch_up_assigns_documents_stored_before_stories(tmp_path: Path, demo_db: str) -> None:
    """A store whose story state was lost is re-clustered from its documents on the next listing."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(demo_db).read_bytes())
    store = open_store(str(copy))
    from wirescope.store.stories import clear_index

    with store.engine.begin() as conn:
        clear_index(conn)
    assert len(StoryBook.open(store).unassigned()) == 12
    assert len(run_json("stories", "--db", str(copy))) == 3
    assert StoryBook.open(store).unassigned() == []


FOLLOW_UP = """---
title: Alliance flag goes up for its newest member while a neighbour waits
published: 2023-04-05T09:00:00+00:00
source: analysis test wire
---
A day after Finland joined NATO, its flag flew outside the alliance headquarters in Brussels. Finnish President
Sauli Niinistö said that membership opened a new era for his country.

Sweden, which applied together with Finland in May 2022, still waits for Turkey and Hungary to ratify its bid.
Moscow said it would answer the enlargement with countermeasures.
"""


def test_ingest_assigns_a_new_document_to_its_story_online(tmp_path: Path, demo_db: str) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(demo_db).read_bytes())
    article = tmp_path / "follow-up.md"
    article.write_text(FOLLOW_UP, encoding="utf-8")
    before = {s["id"]: s for s in run_json("stories", "--db", str(copy))}
    result = runner.invoke(app, ["ingest", str(article), "--db", str(copy)])
    assert result.exit_code == 0, result.output
    after = {s["id"]: s for s in run_json("stories", "--db", str(copy))}
    assert after.keys() == before.keys()
    grown = [i for i in after if after[i]["documents"] == before[i]["documents"] + 1]
    assert len(grown) == 1
    story = run_json("story", grown[0], "--db", str(copy))
    assert "Alliance flag goes up for its newest member while a neighbour waits" in {
        m["title"] for m in story["members"]
    }
    assert {"sv", "nl"} <= set(story["languages"])
