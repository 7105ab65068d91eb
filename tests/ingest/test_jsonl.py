"""JSON and JSON Lines: one document per record, field mapping with dotted paths, bad records as error items."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from wirescope.ingest import IngestOptions, read_inputs
from wirescope.ingest.jsonl import get_path

RECORDS = [
    {"text": "El gobierno aprobó ayer el nuevo presupuesto.", "title": "Presupuesto", "language": "es",
     "published": "2023-05-02T12:00:00Z", "url": "https://example.es/a", "source": "Diario", "author": "Ana Ruiz"},
    {"text": "Le gouvernement a présenté son plan mardi.", "published": "2023-05-03"},
]


def test_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n\n", encoding="utf-8")
    items = list(read_inputs([str(path)], IngestOptions()))
    assert [i.origin for i in items] == [f"{path}#line-1", f"{path}#line-2"]
    first, second = (i.document for i in items)
    assert first and second
    assert (first.title, first.language, first.url, first.source, first.author) == (
        "Presupuesto", "es", "https://example.es/a", "Diario", "Ana Ruiz")
    assert first.published == datetime(2023, 5, 2, 12, tzinfo=UTC)
    assert second.published == datetime(2023, 5, 3, tzinfo=UTC) and second.language is None


def test_bad_records_do_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(RECORDS[0]), "{not json", json.dumps({"title": "no text"}), "[1, 2]",
             json.dumps({"text": "   "}), json.dumps(RECORDS[1])]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_inputs([str(path)], IngestOptions()))
    assert [i.document is not None for i in items] == [True, False, False, False, False, True]
    assert items[1].error and items[1].error.startswith("invalid JSON")
    assert items[2].error and "no text" in items[2].error
    assert items[3].error == "record is not a JSON object"


def test_json_with_dotted_field_mapping(tmp_path: Path) -> None:
    data = {"data": {"items": [
        {"body": {"plain": "Il governo ha approvato la legge."}, "meta": {"headline": "Legge", "lang": "it-IT",
                                                                          "dates": ["14 September 2023"]}},
        {"body": {}},
    ]}}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    options = IngestOptions(
        json_fields={"text": "body.plain", "title": "meta.headline", "language": "meta.lang",
                     "published": "meta.dates.0"},
        json_records="data.items",
    )
    items = list(read_inputs([str(path)], options))
    assert [i.origin for i in items] == [f"{path}#record-1", f"{path}#record-2"]
    doc = items[0].document
    assert doc and (doc.text, doc.title, doc.language) == ("Il governo ha approvato la legge.", "Legge", "it")
    assert doc.published == datetime(2023, 9, 14, tzinfo=UTC)
    assert items[1].document is None and items[1].error


def test_invalid_json_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    (item,) = read_inputs([str(path)], IngestOptions())
    assert item.document is None and item.error and item.error.startswith("invalid JSON")


def test_unparseable_date_stays_unknown(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    lines = [json.dumps({"text": "Tekst een.", "published": "vorige week"}),
             json.dumps({"text": "Tekst twee.", "published": "2023"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs = [i.document for i in read_inputs([str(path)], IngestOptions())]
    assert [d.published if d else "error" for d in docs] == [None, None]


def test_get_path() -> None:
    record = {"a": {"b": [{"c": 1}]}}
    assert get_path(record, "a.b.0.c") == 1
    assert get_path(record, "a.b.1.c") is None
    assert get_path(record, "a.x") is None
