"""Save and load a StoryIndex: as one JSON document (gzip when the path ends in .gz), or as rows for a store.

The state holds the document features (vectors base64-encoded), their story and copy marks, the stories' date
ranges and the calibration background; the inverted indexes are rebuilt on load, so the format stays small and
independent of how the indexes are laid out.

A store keeps the same state split into rows (``doc_row``, ``story_row``, ``meta_row``; ``from_rows`` reads them
back), so that persisting after a new document writes only what changed: the new document's row, its story's row
and the small meta row (configuration and per-language-pair statistics). The background's recent vectors are not
stored there: they are always the last ``RESERVOIR`` documents' vectors, rebuilt from the document rows.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from wirescope.stories.calibration import RESERVOIR, Background, Config, PairStats, Weights
from wirescope.stories.features import DocFeatures
from wirescope.stories.index import DocRecord, Story, StoryIndex

STATE_VERSION = 1


def _encode(array: NDArray[Any]) -> dict[str, Any]:
    return {"dtype": str(array.dtype), "shape": list(array.shape), "data": base64.b64encode(array.tobytes()).decode()}


def _decode(blob: dict[str, Any]) -> NDArray[Any]:
    raw = base64.b64decode(blob["data"])
    return np.frombuffer(raw, dtype=np.dtype(blob["dtype"])).reshape(blob["shape"]).copy()


def _features_to_dict(f: DocFeatures) -> dict[str, Any]:
    sentences = None if f.sentence_vectors is None else _encode(f.sentence_vectors)
    return _feature_fields(f) | {"vector": _encode(f.vector), "sentence_vectors": sentences}


def _feature_fields(f: DocFeatures) -> dict[str, Any]:
    """Everything but the vectors."""
    return {
        "doc_id": f.doc_id,
        "language": f.language,
        "day": f.day,
        "entity_keys": f.entity_keys,
        "entity_labels": {k: list(v) for k, v in f.entity_labels.items()},
        "event_signatures": sorted(f.event_signatures),
        "event_categories": list(f.event_categories),
        "content_hash": f.content_hash,
        "title": f.title,
        "source": f.source,
        "sentence_count": f.sentence_count,
    }


def _features_from_dict(d: dict[str, Any], vector: NDArray[Any], sentence_vectors: NDArray[Any] | None) -> DocFeatures:
    return DocFeatures(
        doc_id=d["doc_id"],
        language=d["language"],
        day=d["day"],
        vector=vector,
        sentence_vectors=sentence_vectors,
        entity_keys=dict(d["entity_keys"]),
        entity_labels={k: (v[0], v[1]) for k, v in d["entity_labels"].items()},
        event_signatures=frozenset(d["event_signatures"]),
        event_categories=tuple(d["event_categories"]),
        content_hash=d["content_hash"],
        title=d["title"],
        source=d["source"],
        # states written before only some sentences were embedded hold every sentence's vector
        sentence_count=d.get("sentence_count", 0 if sentence_vectors is None else len(sentence_vectors)),
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
    records = (
        DocRecord(_features_from_dict(e, *_vectors(e)), e["story_id"], e["copy_of"], e["copy_kind"])
        for e in state["docs"]
    )
    stories = [(s["id"], s["first"], s["last"]) for s in state["stories"]]
    background = Background()
    for key, (n, mean, m2) in state["background"]["pairs"].items():
        background.pairs[key] = PairStats(n, mean, m2)
    for story_id, lang, blob in state["background"]["recent"]:
        background.recent.append((story_id, lang, _decode(blob)))
    return _build(_config(state["config"]), stories, records, background)


def _vectors(entry: dict[str, Any]) -> tuple[NDArray[Any], NDArray[Any] | None]:
    sentences = entry["sentence_vectors"]
    return _decode(entry["vector"]), None if sentences is None else _decode(sentences)


def _config(config: dict[str, Any]) -> Config:
    values = dict(config)
    return Config(weights=Weights(**values.pop("weights")), **values)


def _build(
    config: Config,
    stories: list[tuple[str, int | None, int | None]],
    records: Iterable[DocRecord],
    background: Background,
) -> StoryIndex:
    """An index from its stories (id, first day, last day; in creation order) and documents (in arrival order),
    rebuilt as the clusterer built it."""
    index = StoryIndex(config)
    for story_id, _first, _last in stories:
        created = index._new_story()
        if created.id != story_id:
            raise ValueError(f"story ids out of order in state: {story_id} at slot {created.slot}")
    for record in records:
        _add_record(index, record)
        if record.features.day is not None:
            index._clock = max(index._clock or record.features.day, record.features.day)
    for story_id, first, last in stories:
        story: Story = index.stories[story_id]
        story.first, story.last = first, last
    index.background = background
    return index


def _add_record(index: StoryIndex, record: DocRecord) -> None:
    """A persisted document back into its story and the lookups (as the clusterer filed it)."""
    index.docs[record.features.doc_id] = record
    index.order.append(record.features.doc_id)
    index._add_member(index.stories[record.story_id], record)
    if record.copy_of:
        index._copies.setdefault(record.copy_of, []).append(record.features.doc_id)
    if record.features.content_hash:
        index._hashes.setdefault(record.features.content_hash, record.features.doc_id)


# ---- rows for a store --------------------------------------------------------------------------------------------


def _layout(array: NDArray[Any] | None) -> list[Any] | None:
    return None if array is None else [str(array.dtype), list(array.shape)]


def _from_bytes(raw: bytes, layout: list[Any]) -> NDArray[Any]:
    return np.frombuffer(raw, dtype=np.dtype(layout[0])).reshape(layout[1]).copy()


def doc_row(record: DocRecord, seq: int) -> dict[str, Any]:
    """A document's row: vectors as raw bytes (``sentence_vectors`` None once pruned), the rest as JSON.
    ``features`` keeps the sentence vectors' layout (dtype, shape) even after the vectors are pruned."""
    f = record.features
    features = _feature_fields(f) | {"vector": _layout(f.vector), "sentence_vectors": _layout(f.sentence_vectors)}
    return {
        "doc_id": f.doc_id,
        "seq": seq,
        "story_id": record.story_id,
        "copy_of": record.copy_of,
        "copy_kind": record.copy_kind,
        "day": f.day,
        "vector": f.vector.tobytes(),
        "sentence_vectors": None if f.sentence_vectors is None else f.sentence_vectors.tobytes(),
        "features": features,
    }


def record_from_row(row: Any) -> DocRecord:
    """The inverse of :func:`doc_row` (``row`` has its keys as attributes, e.g. a SQLAlchemy row)."""
    features = row.features
    vector = _from_bytes(row.vector, features["vector"])
    sentences = None
    if row.sentence_vectors is not None:
        sentences = _from_bytes(row.sentence_vectors, features["sentence_vectors"])
    return DocRecord(_features_from_dict(features, vector, sentences), row.story_id, row.copy_of, row.copy_kind)


def story_row(index: StoryIndex, story_id: str) -> dict[str, Any]:
    story = index.stories[story_id]
    return {"id": story.id, "slot": story.slot, "first_day": story.first, "last_day": story.last}


def meta_row(index: StoryIndex) -> dict[str, Any]:
    """What is neither a document nor a story: the state version, the configuration, the pair statistics."""
    return {
        "version": STATE_VERSION,
        "config": asdict(index.config),
        "pairs": {k: [p.n, p.mean, p.m2] for k, p in index.background.pairs.items()},
    }


def from_rows(meta: Any, stories: Iterable[Any], docs: Iterable[Any]) -> StoryIndex:
    """An index from its meta row, its story rows (by slot) and its document rows (by ``seq``)."""
    if meta.version != STATE_VERSION:
        raise ValueError(f"unsupported story state version {meta.version!r}")
    records = [record_from_row(r) for r in docs]
    background = Background()
    for key, (n, mean, m2) in meta.pairs.items():
        background.pairs[key] = PairStats(n, mean, m2)
    for record in records[-RESERVOIR:]:  # every assignment observes its document: the reservoir is the last ones
        background.recent.append((record.story_id, record.features.language, record.features.vector))
    story_list = [(s.id, s.first_day, s.last_day) for s in stories]
    return _build(_config(meta.config), story_list, records, background)


def index_shell(meta: Any, slots: list[str], recent: Iterable[Any], clock: int | None) -> StoryIndex:
    """An index without stories yet, for a store that loads only the stories around the dates it clusters
    (:func:`extend_index`): the meta row, the ids of all stories by slot (new stories take the next slots), the
    rows (``story_id``, ``vector``, ``features``) of the last ``RESERVOIR`` documents in arrival order (the
    background's reservoir) and the clock (the latest day of any document)."""
    if meta.version != STATE_VERSION:
        raise ValueError(f"unsupported story state version {meta.version!r}")
    index = StoryIndex(_config(meta.config))
    for key, (n, mean, m2) in meta.pairs.items():
        index.background.pairs[key] = PairStats(n, mean, m2)
    for row in recent:
        vector = _from_bytes(row.vector, row.features["vector"])
        index.background.recent.append((row.story_id, row.features["language"], vector))
    index._slots = list(slots)
    size = len(index._centroids)
    while size <= len(slots):
        size *= 2
    index._centroids = np.zeros((size, index._dim), dtype=np.float32)
    index._clock = clock
    return index


def extend_index(
    index: StoryIndex,
    stories: Iterable[tuple[str, int, int | None, int | None]],
    records: Iterable[tuple[DocRecord, int | None]],
) -> None:
    """Add persisted stories (id, slot, first and last day) with all their documents to an index started by
    :func:`index_shell`, as :func:`_build` adds them: documents in arrival order, each with the day an undated one
    was filed under (the clock when it arrived). Sentence vectors older than what the index has pruned by now are
    dropped, as a fully loaded index would have dropped them."""
    bounds = list(stories)
    for story_id, slot, _first, _last in bounds:
        index.stories[story_id] = Story(id=story_id, slot=slot)
    clock = index._clock
    for record, filed in records:
        f = record.features
        day = f.day if f.day is not None else filed
        if index._pruned_before is not None and day is not None and day < index._pruned_before:
            f.sentence_vectors = None
        index._clock = filed if f.day is None else clock
        _add_record(index, record)
    index._clock = clock
    for story_id, _slot, first, last in bounds:
        index.stories[story_id].first, index.stories[story_id].last = first, last


def pruned_before(index: StoryIndex) -> int | None:
    """The day before which the index has dropped every document's sentence vectors (None: nothing pruned yet)."""
    return index._pruned_before


def save_index(index: StoryIndex, path: Path) -> None:
    data = json.dumps(to_state(index)).encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def load_index(path: Path) -> StoryIndex:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return from_state(json.loads(raw))
