from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from tests.stories.conftest import make_features

from wirescope.stories import StoryIndex, load_index, save_index

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
