"""Save and load a StoryIndex as one JSON document (gzip when the path ends in .gz).

The state holds the document features (vectors base64-encoded), their story and copy marks, the stories' date
ranges and the calibration background; the inverted indexes are rebuilt on load, so the format stays small and
independent of how the indexes are laid out. A store can keep this blob in a column or a file.
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from wirescope.stories.calibration import Background, Config, PairStats, Weights
from wirescope.stories.features import DocFeatures
from wirescope.stories.index import DocRecord, Story, StoryIndex

STATE_VERSION = 1


def _encode(array: NDArray[Any]) -> dict[str, Any]:
    return {"dtype": str(array.dtype), "shape": list(array.shape), "data": base64.b64encode(array.tobytes()).decode()}


def _decode(blob: dict[str, Any]) -> NDArray[Any]:
    raw = base64.b64decode(blob["data"])
    return np.frombuffer(raw, dtype=np.dtype(blob["dtype"])).reshape(blob["shape"]).copy()


def _features_to_dict(f: DocFeatures) -> dict[str, Any]:
    return {
        "doc_id": f.doc_id,
        "language": f.language,
        "day": f.day,
        "vector": _encode(f.vector),
        "sentence_vectors": None if f.sentence_vectors is None else _encode(f.sentence_vectors),
        "entity_keys": f.entity_keys,
        "entity_labels": {k: list(v) for k, v in f.entity_labels.items()},
        "event_signatures": sorted(f.event_signatures),
        "event_categories": list(f.event_categories),
        "content_hash": f.content_hash,
        "title": f.title,
        "source": f.source,
    }


def _features_from_dict(d: dict[str, Any]) -> DocFeatures:
    return DocFeatures(
        doc_id=d["doc_id"],
        language=d["language"],
        day=d["day"],
        vector=_decode(d["vector"]),
        sentence_vectors=None if d["sentence_vectors"] is None else _decode(d["sentence_vectors"]),
        entity_keys=dict(d["entity_keys"]),
        entity_labels={k: (v[0], v[1]) for k, v in d["entity_labels"].items()},
        event_signatures=frozenset(d["event_signatures"]),
        event_categories=tuple(d["event_categories"]),
        content_hash=d["content_hash"],
        title=d["title"],
        source=d["source"],
    )


def to_state(index: StoryIndex) -> dict[str, Any]:
    docs = []
    for doc_id in index.order:
        record = index.docs[doc_id]
        entry = _features_to_dict(record.features)
        entry.update(story_id=record.story_id, copy_of=record.copy_of, copy_kind=record.copy_kind)
        docs.append(entry)
    stories = sorted(index.stories.values(), key=lambda s: s.slot)
    return {
        "version": STATE_VERSION,
        "config": asdict(index.config),
        "stories": [{"id": s.id, "first": s.first, "last": s.last} for s in stories],
        "docs": docs,
        "background": {
            "pairs": {k: [p.n, p.mean, p.m2] for k, p in index.background.pairs.items()},
            "recent": [[story_id, lang, _encode(v)] for story_id, lang, v in index.background.recent],
        },
    }


def from_state(state: dict[str, Any]) -> StoryIndex:
    if state.get("version") != STATE_VERSION:
        raise ValueError(f"unsupported story state version {state.get('version')!r}")
    config_dict = dict(state["config"])
    config = Config(weights=Weights(**config_dict.pop("weights")), **config_dict)
    index = StoryIndex(config)
    for entry in state["stories"]:
        created = index._new_story()
        if created.id != entry["id"]:
            raise ValueError(f"story ids out of order in state: {entry['id']} at slot {created.slot}")
    for entry in state["docs"]:
        record = DocRecord(_features_from_dict(entry), entry["story_id"], entry["copy_of"], entry["copy_kind"])
        index.docs[record.features.doc_id] = record
        index.order.append(record.features.doc_id)
        index._add_member(index.stories[record.story_id], record)
        if record.copy_of:
            index._copies.setdefault(record.copy_of, []).append(record.features.doc_id)
        if record.features.content_hash:
            index._hashes.setdefault(record.features.content_hash, record.features.doc_id)
        if record.features.day is not None:
            index._clock = max(index._clock or record.features.day, record.features.day)
    for entry in state["stories"]:
        story: Story = index.stories[entry["id"]]
        story.first, story.last = entry["first"], entry["last"]
    background = Background()
    for key, (n, mean, m2) in state["background"]["pairs"].items():
        background.pairs[key] = PairStats(n, mean, m2)
    for story_id, lang, blob in state["background"]["recent"]:
        background.recent.append((story_id, lang, _decode(blob)))
    index.background = background
    return index


def save_index(index: StoryIndex, path: Path) -> None:
    data = json.dumps(to_state(index)).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def load_index(path: Path) -> StoryIndex:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return from_state(json.loads(raw))
