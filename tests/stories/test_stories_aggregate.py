from __future__ import annotations

from wirescope.model import ActorRef, Claim, Document, Event, Speaker
from wirescope.stories import aggregate


def _event(category: str, actor: str, recipient: str) -> Event:
    return Event(id=f"{category}-{actor}", event=category, actor=[ActorRef(actor, actor)],
                 recipient=[ActorRef(recipient, recipient)], date="2024-06-19")


def _claim(speaker: str) -> Claim:
    return Claim(id=speaker, speaker=Speaker(speaker, entity_id=speaker), stance="assert", quote="direct",
                 text="...", start=0, end=3, sentence=0)


def test_events_and_claims_of_a_translation_count_once_and_all_sources_stay() -> None:
    original = Document("Original report.", id="orig", events=[_event("AGREE", "RUS", "PRK")], claims=[_claim("Q1")])
    translation = Document("Übersetzung.", id="trans", translation_of="orig",
                           events=[_event("AGREE", "RUS", "PRK")], claims=[_claim("Q1")])
    independent = Document("Another report.", id="other", events=[_event("AGREE", "RUS", "PRK")])
    result = aggregate([translation, original, independent])
    assert sorted(result.sources) == ["orig", "other", "trans"]
    assert [doc for doc, _ in result.events] == ["orig", "other"]  # the independent report is a second source
    assert [doc for doc, _ in result.claims] == ["orig"]
    assert result.groups == {"orig": ["trans"]}


def test_copy_adds_an_event_its_original_lacks() -> None:
    original = Document("Original.", id="orig", events=[_event("AGREE", "RUS", "PRK")])
    reprint = Document("Reprint.", id="rep", duplicate_of="orig",
                       events=[_event("AGREE", "RUS", "PRK"), _event("THREATEN", "USA", "PRK")])
    result = aggregate([original, reprint])
    assert [(doc, e.event) for doc, e in result.events] == [("orig", "AGREE"), ("rep", "THREATEN")]
