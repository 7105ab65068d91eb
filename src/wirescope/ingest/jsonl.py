"""JSON and JSON Lines: one Document per record, with a configurable field mapping (dotted paths).

``IngestOptions.json_fields`` maps wirescope fields (text, title, url, published, language, source, author) to
keys in the record; ``a.b.0`` walks into nested objects and lists. A bad record (invalid JSON, no text) is an
error item of its own (``file.jsonl#line-3``, ``file.json#record-2``); the other records are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from wirescope.ingest.base import IngestError, IngestItem, IngestOptions
from wirescope.ingest.decode import decode_bytes
from wirescope.ingest.meta import SourceMeta, clean, make_document, normalise_language, parse_date


def read_json(data: bytes, origin: str, lines: bool, options: IngestOptions) -> Iterator[IngestItem]:
    try:
        text = decode_bytes(data)
    except IngestError as exc:
        yield IngestItem(origin, error=str(exc))
        return
    if lines:
        yield from _read_lines(text, origin, options)
        return
    try:
        records = _records(json.loads(text), options.json_records)
    except json.JSONDecodeError as exc:
        yield IngestItem(origin, error=f"invalid JSON: {exc.msg} at line {exc.lineno}")
        return
    except IngestError as exc:
        yield IngestItem(origin, error=str(exc))
        return
    for i, record in enumerate(records, start=1):
        yield _record_item(record, f"{origin}#record-{i}", options)


def get_path(record: Any, path: str) -> Any:
    """The value at a dotted path (``meta.title``, ``authors.0.name``), or None when any step is missing."""
    value = record
    for step in path.split("."):
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return None
        if value is None:
            return None
    return value


def _read_lines(text: str, origin: str, options: IngestOptions) -> Iterator[IngestItem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item_origin = f"{origin}#line-{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestItem(item_origin, error=f"invalid JSON: {exc.msg}")
            continue
        yield _record_item(record, item_origin, options)


def _records(data: Any, path: str | None) -> list[Any]:
    if path:
        data = get_path(data, path)
        if data is None:
            raise IngestError(f"no records at {path!r}")
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return [data]
    raise IngestError("JSON is neither a record nor a list of records")


def _record_item(record: Any, origin: str, options: IngestOptions) -> IngestItem:
    if not isinstance(record, dict):
        return IngestItem(origin, error="record is not a JSON object")
    fields = options.json_fields

    def field(name: str) -> Any:
        return get_path(record, fields[name]) if name in fields else None

    text = field("text")
    if not isinstance(text, str) or not text.strip():
        return IngestItem(origin, error=f"empty: no text in field {fields.get('text', 'text')!r}")
    meta = SourceMeta(
        title=clean(field("title")),
        url=clean(field("url")),
        source=clean(field("source")),
        author=clean(field("author")),
        published=parse_date(field("published")),
        language=normalise_language(field("language")),
    )
    try:
        return IngestItem(origin, document=make_document(text, meta, options))
    except IngestError as exc:
        return IngestItem(origin, error=str(exc))
