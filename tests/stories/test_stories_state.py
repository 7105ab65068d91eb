from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from tests.stories.conftest import make_features

from wirescope.stories import DocFeatures, StoryIndex, from_state, load_index, save_index, to_state
from wirescope.stories.state import doc_row, from_rows, meta_row, story_row

D0 = date(2023, 7, 10)


def test_saved_index_continues_like_the_original(tmp_path: Path) -> None:
    first_half = [make_features(f"d{i}", i % 3, D0 + timedelta(days=i % 4), ("en", "sv")[i % 2], [f"k{i % 3}"])
                  for i in range(12)]
    second_half = [make_features(f"e{i}", i % 4, D0 + timedelta(days=3 + i % 3), "de", [f"k{i % 4}"])
                   for i in range(8)]
    original = StoryIndex()
    for f in first_half:
        original.assign_features(f)
    path = tmp_path / "stories.json.gz"
    save_index(original, path)
    restored = load_index(path)
    assert restored.order == original.order
    members = {s: st.members for s, st in original.stories.items()}
    assert {s: st.members for s, st in restored.stories.items()} == members
    a = [original.assign_features(f) for f in second_half]
    b = [restored.assign_features(f) for f in second_half]
    assert [(x.story_id, x.copy_of, x.score) for x in a] == [(x.story_id, x.copy_of, x.score) for x in b]


def _stream() -> tuple[list[DocFeatures], list[DocFeatures]]:
    first = [make_features(f"d{i}", i % 3, D0 + timedelta(days=2 * i), ("en", "sv")[i % 2], [f"k{i % 3}"])
             for i in range(14)]
    later = [make_features(f"e{i}", i % 4, D0 + timedelta(days=20 + i % 3), "de", [f"k{i % 4}"]) for i in range(8)]
    return first, later


def test_rows_restore_the_same_index_as_the_json_state() -> None:
    first, later = _stream()
    original = StoryIndex()
    for f in first:
        original.assign_features(f)
    stories = [SimpleNamespace(**story_row(original, s)) for s in original.stories]
    docs = [SimpleNamespace(**doc_row(original.docs[d], seq)) for seq, d in enumerate(original.order)]
    meta = SimpleNamespace(**json.loads(json.dumps(meta_row(original))))
    restored = from_rows(meta, stories, docs)
    reference = from_state(to_state(original))
    assert restored.order == reference.order
    pruned = [d for d in original.order if original.docs[d].features.sentence_vectors is None]
    assert pruned and [d for d in restored.order if restored.docs[d].features.sentence_vectors is None] == pruned
    assert [(s, lang) for s, lang, _ in restored.background.recent] == [
        (s, lang) for s, lang, _ in reference.background.recent
    ]
    assert all(
        np.array_equal(a, b)
        for (_, _, a), (_, _, b) in zip(restored.background.recent, reference.background.recent, strict=True)
    )
    a = [reference.assign_features(f) for f in later]
    b = [restored.assign_features(f) for f in later]
    assert [(x.story_id, x.copy_of, x.score) for x in a] == [(x.story_id, x.copy_of, x.score) for x in b]


def test_rows_refuse_another_state_version() -> None:
    index = StoryIndex()
    meta = SimpleNamespace(**(meta_row(index) | {"version": 99}))
    with pytest.raises(ValueError, match="version 99"):
        from_rows(meta, [], [])
