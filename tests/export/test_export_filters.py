"""Filtered exports hold only the matching events (and the documents and entities around them)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from wirescope.cli import app
from wirescope.export import export
from wirescope.model import Document, Event
from wirescope.store import Store
from wirescope.store import schema as t
from wirescope.store.filters import EventFilter, apply_event_filter, refs_match


def _events(docs: list[Document]) -> list[tuple[Document, Event]]:
    return [(d, e) for d in docs for e in d.events]


def _date(doc: Document, e: Event) -> str | None:
    return e.date or (doc.published.date().isoformat() if doc.published else None)


def _exported_ids(store: Store, f: EventFilter, path: Path) -> set[str]:
    export(store, "plover-jsonl", path, f)
    return {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}


def test_category_filter(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    common = Counter(e.event for _, e in _events(demo_docs)).most_common(1)[0][0]
    got = _exported_ids(demo_store, EventFilter(category=common.lower()), out_dir / "x.jsonl")
    assert got == {f"{d.id}-{e.id}" for d, e in _events(demo_docs) if e.event == common}
    assert 0 < len(got) < len(_events(demo_docs))


def test_actor_filter_by_code_and_by_name(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    codes = Counter(a.code for _, e in _events(demo_docs) for a in e.actor if a.code)
    code = codes.most_common(1)[0][0]
    got = _exported_ids(demo_store, EventFilter(actor=code), out_dir / "a.jsonl")
    assert got == {f"{d.id}-{e.id}" for d, e in _events(demo_docs) if any(a.code == code for a in e.actor)}
    named = next(a for _, e in _events(demo_docs) for a in e.actor if a.entity_text)
    by_name = _exported_ids(demo_store, EventFilter(actor=named.entity_text.upper()), out_dir / "n.jsonl")
    assert by_name and all(
        any((a.entity_text or "").casefold() == named.entity_text.casefold() for a in e.actor)
        for d, e in _events(demo_docs) if f"{d.id}-{e.id}" in by_name
    )


def test_recipient_language_and_date_range(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    language = Counter(d.language for d, _ in _events(demo_docs)).most_common(1)[0][0]
    dates = sorted(x for d, e in _events(demo_docs) if (x := _date(d, e)))
    low, high = dates[len(dates) // 4], dates[3 * len(dates) // 4]
    f = EventFilter(language=language, date_from=low, date_to=high)
    got = _exported_ids(demo_store, f, out_dir / "l.jsonl")
    expected = {
        f"{d.id}-{e.id}" for d, e in _events(demo_docs)
        if d.language == language and (x := _date(d, e)) is not None and low <= x and x[: len(high)] <= high
    }
    assert got == expected and got
    recipient = next(r.code for _, e in _events(demo_docs) for r in e.recipient if r.code)
    got = _exported_ids(demo_store, EventFilter(recipient=recipient), out_dir / "r.jsonl")
    assert got == {f"{d.id}-{e.id}" for d, e in _events(demo_docs) if any(r.code == recipient for r in e.recipient)}


def test_date_to_takes_a_whole_month(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    month = max(x for d, e in _events(demo_docs) if (x := _date(d, e)))[:7]
    got = _exported_ids(demo_store, EventFilter(date_from=month, date_to=month), out_dir / "m.jsonl")
    assert got == {f"{d.id}-{e.id}" for d, e in _events(demo_docs) if (_date(d, e) or "").startswith(month)}


def test_filtered_tables_keep_only_the_matching_documents(
    demo_store: Store, demo_docs: list[Document], out_dir: Path
) -> None:
    language = demo_docs[0].language
    counts = export(demo_store, "parquet", out_dir, EventFilter(language=language))
    events = pq.read_table(out_dir / "events.parquet").to_pylist()
    docs = pq.read_table(out_dir / "documents.parquet").to_pylist()
    mentions = pq.read_table(out_dir / "mentions.parquet").to_pylist()
    entities = {r["id"] for r in pq.read_table(out_dir / "entities.parquet").to_pylist()}
    assert counts["events"] == len(events) > 0
    assert {e["language"] for e in events} == {language}
    assert {d["id"] for d in docs} == {e["document_id"] for e in events}
    assert {m["document_id"] for m in mentions} <= {d["id"] for d in docs}
    assert {m["entity_id"] for m in mentions} <= entities
    assert len(entities) < demo_store.counts()["entities"]


def test_story_filter_needs_its_members(demo_store: Store, demo_docs: list[Document], out_dir: Path) -> None:
    with pytest.raises(ValueError, match="story"):
        export(demo_store, "gdelt-csv", out_dir / "s.csv", EventFilter(story="s1"))
    members = frozenset({demo_docs[0].id})
    got = _exported_ids(demo_store, EventFilter(story="s1", document_ids=members), out_dir / "s.jsonl")
    assert got == {f"{demo_docs[0].id}-{e.id}" for e in demo_docs[0].events}


def test_apply_event_filter_is_a_plain_select(demo_store: Store) -> None:
    query = select(t.events.c.id).join(t.documents, t.documents.c.id == t.events.c.document_id)
    with demo_store.engine.connect() as conn:
        everything = conn.execute(apply_event_filter(query, EventFilter())).all()
        nothing = conn.execute(apply_event_filter(query, EventFilter(category="NO-SUCH"))).all()
    assert everything and not nothing


def test_refs_match() -> None:
    refs = [{"entity_text": "Kremlin", "code": "RUS", "entity_id": "country:RUS"}]
    assert refs_match(refs, "RUS") and refs_match(refs, "country:RUS") and refs_match(refs, "kremlin")
    assert not refs_match(refs, "rus") and not refs_match(refs, "PRK")


def test_cli_export_with_filters(demo_db: str, demo_docs: list[Document], out_dir: Path) -> None:
    category = _events(demo_docs)[0][1].event
    path = out_dir / "cli.csv"
    result = CliRunner().invoke(app, ["export", "--db", demo_db, "--format", "acled-csv", "--category", category,
                                      str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["counts"]["events"] == sum(1 for _, e in _events(demo_docs) if e.event == category)
    bad = CliRunner().invoke(app, ["export", "--db", demo_db, "--format", "xml", str(path)])
    assert bad.exit_code == 2
