"""The PLOVER 2.0 schema module: categories, classes, legacy names, JSON records."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from wirescope import plover
from wirescope.model import ActorRef, Document, Event, Sentence


def test_sixteen_categories_with_classes_and_scores() -> None:
    assert len(plover.CATEGORIES) == 16
    assert set(plover.CATEGORIES) == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
    for name in plover.CATEGORIES:
        quad = plover.quadclass(name)
        assert quad in (1, 2, 3, 4)
        # cooperation scores positive, conflict negative
        assert (plover.intensity(name) > 0) == (quad in (1, 2))


@pytest.mark.parametrize(("category", "penta"), [
    ("CONSULT", 1), ("AGREE", 1), ("CONCEDE", 2), ("AID", 2), ("RETREAT", 2), ("REQUEST", 3), ("ACCUSE", 3),
    ("THREATEN", 3), ("PROTEST", 4), ("ASSAULT", 4), (None, 0),
])
def test_pentaclass_follows_cameo_roots(category: str | None, penta: int) -> None:
    assert plover.pentaclass(category) == penta


def test_legacy_names_map_to_2_0() -> None:
    assert plover.normalize_category("DEMAND") == "REQUEST"
    assert plover.normalize_category("disapprove") == "ACCUSE"
    assert plover.normalize_category("INVESTIGATE") == "ACCUSE"
    assert plover.normalize_category("FIGHT") == "ASSAULT"
    assert plover.normalize_category("DOCUMENT") is None


def test_modes_come_from_the_manual() -> None:
    assert plover.is_valid_mode("CONSULT", "visit")
    assert plover.is_valid_mode("ASSAULT", "heavy-weapons")
    assert not plover.is_valid_mode("CONSULT", "heavy-weapons")
    assert plover.intensity("ASSAULT", "beat") > plover.intensity("ASSAULT", "heavy-weapons")


def _doc_with_event(date: str | None) -> tuple[Document, Event]:
    text = "Norway sent aid to Sudan."
    doc = Document(text=text, language="en", published=datetime(2024, 5, 2, tzinfo=UTC))
    doc.sentences = [Sentence(0, 0, len(text), "en")]
    event = Event(id="ev1", event="AID", actor=[ActorRef("Norway", "NOR")], recipient=[ActorRef("Sudan", "SDN")],
                  mode="humanitarian", date=date, event_text="sent", event_start=7, event_end=11, future=True,
                  intensity=7.4, quadclass=2)
    return doc, event


def test_record_has_required_fields_and_provenance() -> None:
    doc, event = _doc_with_event("2024-05-01")
    record = plover.to_plover_record(event, doc)
    assert plover.missing_required(record) == []
    assert record["date"] == "2024-05-01"
    assert record["event"] == ["AID"]
    assert record["source"][0]["code"] == "NOR" and record["recipient"][0]["code"] == "SDN"
    assert "future" in record["context"]
    assert record["text"] == doc.text and record["text_info"]["start"] == 0
    assert record["quad_code"] == 2


def test_record_date_falls_back_to_publication() -> None:
    doc, event = _doc_with_event(None)
    assert plover.to_plover_record(event, doc)["date"] == "2024-05-02"
    record = plover.to_plover_record(event, doc)
    record["source"] = []
    assert plover.missing_required(record) == ["source"]


def test_records_of_a_document() -> None:
    doc, event = _doc_with_event("2024-05-01")
    doc.events = [event]
    [record] = plover.to_plover_records(doc)
    assert record["id"] == f"{doc.id}-ev1" and record["event_text"] == ["sent"]
