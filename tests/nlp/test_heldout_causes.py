"""evaluation/heldout.py --causes: why a gold event was missed."""

from __future__ import annotations

from evaluation.heldout import MISS_CAUSES, miss_cause
from tests.nlp.test_events import make_doc

from wirescope.model import Document
from wirescope.nlp import events


def _doc() -> Document:
    doc = make_doc("Japan imposed sanctions on Iran on Monday.", "en",
                   {"Japan": ("COUNTRY", "JPN"), "Iran": ("COUNTRY", "IRN")})
    doc.events = events.extract_events(doc, use_classifier=False)
    assert [(e.event, [a.code for a in e.actor]) for e in doc.events] == [("SANCTION", ["JPN"])]
    return doc


def test_each_single_field_mismatch_names_its_cause() -> None:
    doc = _doc()
    gold = {"category": ["SANCTION"], "actor": ["JPN"], "recipient": ["IRN"]}
    assert miss_cause(doc, gold | {"category": ["ACCUSE"]}) == "found with another category"
    assert miss_cause(doc, gold | {"recipient": ["JPN"]}) == "found with another recipient"
    assert miss_cause(doc, gold | {"actor": ["IRN"]}) == "found with another actor"
    assert miss_cause(doc, gold | {"date": "1999-01-01"}) == "found with another date"


def test_an_argument_the_entity_stage_lacks_comes_first() -> None:
    doc = _doc()
    assert miss_cause(doc, {"category": ["SANCTION"], "actor": ["FRA"], "recipient": ["IRN"]}) == MISS_CAUSES[0]
    assert miss_cause(doc, {"category": ["SANCTION"], "actor": ["JPN"], "recipient": ["CHN"]}) == MISS_CAUSES[1]


def test_nothing_close_is_a_missed_event() -> None:
    doc = _doc()
    gold = {"category": ["CONSULT"], "actor": ["IRN"], "recipient": ["JPN"], "date": "1999-01-01"}
    assert miss_cause(doc, gold) == MISS_CAUSES[-1]
