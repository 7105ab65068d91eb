"""One embedding per sentence per document, shared by the stages (``sentence_vectors``), with the real model."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import numpy as np
import pytest
from numpy.typing import NDArray

from wirescope.model import Document
from wirescope.nlp import embed
from wirescope.pipeline import Pipeline
from wirescope.stories import StoryIndex

TEXT = (
    "Police detain dozens after protest in Lima\n\n"
    "Police arrested forty protesters in Lima on Monday after a march against the new mining law. "
    "The interior ministry said the demonstrators had blocked a highway for six hours. "
    "Peru's ombudsman called for the release of those detained. "
    "Organisers announced another march for Friday."
)


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts given to the model from now on (a counting wrapper: the vectors are the model's)."""
    texts: list[str] = []
    inner = embed.embed_passages
    inner(["warm-up"])

    def counting(batch: Sequence[str]) -> NDArray[np.float32]:
        texts.extend(batch)
        return inner(batch)

    monkeypatch.setattr(embed, "embed_passages", counting)
    yield texts


def test_sentence_vectors_embeds_each_sentence_once(embedded: list[str]) -> None:
    doc = Pipeline(["language", "segment"])(Document(TEXT, language="en"))
    first = embed.sentence_vectors(doc, [2, 1])
    again = embed.sentence_vectors(doc, [1, 3, 2])
    assert embedded == [doc.sentence_text(1), doc.sentence_text(2), doc.sentence_text(3)]
    assert np.array_equal(again[[2, 0]], first)
    assert np.allclose(again[1], embed.model().passage([doc.sentence_text(3)])[0], atol=1e-5)
    assert embed.sentence_vectors(doc, []).shape == (0, embed.DIM)


def test_story_stage_reuses_what_the_events_stage_embedded(embedded: list[str]) -> None:
    doc = Document(TEXT, language="en", title=TEXT.split("\n")[0], published=datetime(2024, 5, 6, tzinfo=UTC))
    doc = Pipeline(["language", "segment", "entities", "times", "events"])(doc)
    by_events = list(embedded)
    assert doc.sentence_text(1) in by_events  # the lead's arrest: a trigger sentence the classifier reads
    StoryIndex().assign(doc)
    by_stories = embedded[len(by_events) :]
    assert len(set(embedded)) == len(embedded)  # no sentence embedded twice
    story_vector = {doc.sentence_text(i) for i in range(3)}  # the headline and the two lead sentences
    assert set(by_stories) == story_vector - set(by_events)
