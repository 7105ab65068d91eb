"""``embed_ahead``: a worker embeds what story clustering reads, so the clustering driver embeds nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.nlp.test_embed import TEXT, embedded  # noqa: F401 (the fixture)

from wirescope.model import Document
from wirescope.pipeline import Pipeline
from wirescope.stories import StoryIndex
from wirescope.stories.features import KEPT_SENTENCES, embed_ahead


def test_after_embed_ahead_story_assignment_embeds_nothing(embedded: list[str]) -> None:  # noqa: F811
    doc = Document(TEXT, language="en", title=TEXT.split("\n")[0], published=datetime(2024, 5, 6, tzinfo=UTC))
    doc = Pipeline(["language", "segment"])(doc)
    embed_ahead(doc)
    ahead = list(embedded)
    assert ahead == [doc.sentence_text(i) for i in range(1 + KEPT_SENTENCES)]  # the headline and the lead
    StoryIndex().assign(doc)
    assert embedded == ahead
