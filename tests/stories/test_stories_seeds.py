"""The two seed articles (one topic, two stories a year apart) end in separate stories."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml

from wirescope.model import Document
from wirescope.stories import StoryIndex


def test_seed_articles_end_in_two_separate_stories(seeds_dir: Path, embed) -> None:  # type: ignore[no-untyped-def]
    meta = yaml.safe_load((seeds_dir / "gold.yaml").read_text(encoding="utf-8"))["documents"]
    index = StoryIndex()
    stories = []
    for entry in meta:
        published = datetime.fromisoformat(str(entry["published"])).replace(tzinfo=UTC)
        text = (seeds_dir / entry["file"]).read_text(encoding="utf-8")
        doc = Document(text, title=entry["title"], language=entry["language"], published=published)
        stories.append(index.assign(doc, embed).story_id)
    assert len(stories) == 2 and stories[0] != stories[1]
