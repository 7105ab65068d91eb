"""The pure parts of the dashboard: highlight segments over overlapping annotations, and chart geometry."""

from __future__ import annotations

from wirescope.model import Claim, Document, Entity, Event, Mention, Speaker
from wirescope.web.charts import colour, intensity_line, world_map
from wirescope.web.highlight import marks_of, segments

TEXT = "Chile and Peru signed a treaty on Monday, the minister said."


def _doc() -> Document:
    doc = Document(TEXT)
    doc.entities = [
        Entity("country:CHL", "COUNTRY", "Chile", mentions=[Mention("Chile", 0, 5, 0)]),
        Entity("country:PER", "COUNTRY", "Peru", mentions=[Mention("Peru", 10, 14, 0)]),
    ]
    doc.events = [Event("ev1", "AGREE", event_text="signed", event_start=15, event_end=21)]
    doc.claims = [Claim("c0", Speaker("the minister"), "assert", "indirect", TEXT[:40], 0, 40, 0)]
    return doc


def test_segments_rebuild_the_text_and_link_the_innermost_record() -> None:
    parts = segments(TEXT, marks_of(_doc()))
    assert "".join(p.text for p in parts) == TEXT
    chile = next(p for p in parts if p.text == "Chile")
    assert chile.href == "/entities/country:CHL" and chile.kinds == ["entity", "claim"]
    signed = next(p for p in parts if p.text == "signed")
    assert signed.href == "#event-ev1" and signed.kinds == ["event", "claim"]
    tail = parts[-1]
    assert tail.text == ", the minister said." and tail.href is None and tail.kinds == []


def test_annotations_outside_the_text_are_dropped() -> None:
    doc = _doc()
    doc.entities.append(Entity("x", "OTHER", "x", mentions=[Mention("x", 50, 500, 0)]))
    assert all(m.end <= len(TEXT) for m in marks_of(doc))


def test_colour_runs_from_conflict_to_cooperation() -> None:
    assert colour(-10) == "#c0392b" and colour(10) == "#278b57" and colour(0) == "#969696"
    assert colour(-50) == colour(-10)


def test_intensity_line_puts_cooperation_above_the_zero_line() -> None:
    chart = intensity_line([
        {"day": "2024-01-01", "count": 1, "intensity_mean": 5.0},
        {"day": "2024-01-02", "count": 2, "intensity_mean": -5.0},
    ])
    first, second = chart.points
    assert first.y < chart.zero < second.y and first.x < second.x
    assert chart.path.startswith("M") and "L" in chart.path


def test_world_map_places_points_by_longitude_and_latitude() -> None:
    event = {"category": "CONSULT", "date": None, "intensity": 0.0, "document_id": "d", "event_id": "e"}
    world = world_map([event | {"event_loc": {"lat": 0, "lon": 0}}, event | {"event_loc": {"lat": 60, "lon": 90}}])
    centre, north_east = world.points
    assert (centre.x, centre.y) == (world.width / 2, world.height / 2)
    assert north_east.x > centre.x and north_east.y < centre.y
