"""A lossless JSON form of a processed :class:`~wirescope.model.Document` (every section, provenance and aliases
included, sentence embeddings left out): what Ray workers hand back to the driver and what the Parquet files hold.

``Document.to_dict`` is the user-facing JSON and drops fields the store needs, hence this separate codec.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from wirescope.model import (
    ActorRef,
    Claim,
    Document,
    Entity,
    Event,
    Mention,
    Provenance,
    Sentence,
    Speaker,
    TimeExpression,
)


def encode(doc: Document) -> str:
    """The document as a JSON string (datetimes in ISO 8601 with their offset)."""
    data = asdict(doc)
    data.pop("embeddings")
    for key in ("published", "fetched_at"):
        value = data[key]
        data[key] = value.isoformat() if isinstance(value, datetime) else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _provenance(value: dict[str, Any] | None) -> Provenance | None:
    return Provenance(**value) if value else None


def _entity(d: dict[str, Any]) -> Entity:
    d = dict(d)
    d["mentions"] = [Mention(**m) for m in d["mentions"]]
    d["provenance"] = _provenance(d["provenance"])
    return Entity(**d)


def _event(d: dict[str, Any]) -> Event:
    d = dict(d)
    d["actor"] = [ActorRef(**a) for a in d["actor"]]
    d["recipient"] = [ActorRef(**r) for r in d["recipient"]]
    d["provenance"] = _provenance(d["provenance"])
    return Event(**d)


def _claim(d: dict[str, Any]) -> Claim:
    d = dict(d)
    d["speaker"] = Speaker(**d["speaker"])
    d["provenance"] = _provenance(d["provenance"])
    return Claim(**d)


def _time(d: dict[str, Any]) -> TimeExpression:
    d = dict(d)
    d["provenance"] = _provenance(d["provenance"])
    return TimeExpression(**d)


def decode(payload: str) -> Document:
    """The inverse of :func:`encode`."""
    d = json.loads(payload)
    d["published"] = datetime.fromisoformat(d["published"]) if d["published"] else None
    d["fetched_at"] = datetime.fromisoformat(d["fetched_at"])
    d["sentences"] = [Sentence(**s) for s in d["sentences"]]
    d["entities"] = [_entity(e) for e in d["entities"]]
    d["times"] = [_time(x) for x in d["times"]]
    d["events"] = [_event(e) for e in d["events"]]
    d["claims"] = [_claim(c) for c in d["claims"]]
    d["provenance"] = [Provenance(**p) for p in d["provenance"]]
    return Document(**d)
