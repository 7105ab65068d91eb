"""``plover-jsonl``: one PLOVER 2.0 JSON record per line (``wirescope.plover.to_plover_record``), each checked
for the spec's required fields before it is written."""

from __future__ import annotations

import json
from pathlib import Path

from wirescope.export.rows import DocumentCache, iter_events
from wirescope.plover import missing_required, to_plover_record
from wirescope.store import Store
from wirescope.store.filters import EventFilter


class InvalidRecordError(ValueError):
    """A record lacks a field the PLOVER spec requires."""


def write(store: Store, f: EventFilter, out: Path) -> dict[str, int]:
    docs = DocumentCache(store)
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for row in iter_events(store, f):
            record = to_plover_record(row.event(), docs.get(row.document.id))
            missing = missing_required(record)
            if missing:
                raise InvalidRecordError(f"event {row.uid}: missing required PLOVER fields {missing}")
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return {"events": count}
