"""The blind held-out gold (evaluation/data/heldout-blind/gold.yaml, scored by ``evaluation.heldout --set blind``) is
well formed: it parses with the loader the evaluation uses, names article files that exist and whose first line is
the gold title, uses PLOVER 2.0 categories and modes, and every surface form, time text and event actor it
declares can be found in its article or its entity list. The extraction system is not run here."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from evaluation.heldout import SETS, load_gold

from wirescope.model import ENTITY_TYPES
from wirescope.plover import CATEGORIES, CATEGORY_INFO

FOLDER = SETS["blind"]
DOCUMENTS = load_gold(FOLDER / "gold.yaml")
#: modes the gold convention adds to the manual's per-category modes (../shared/seeds/gold.yaml header)
NOTE_MODES = {"reported", "denied", "hypothetical", "future", "historical", "retaliation"}
ISO_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?(/\d{4}(-\d{2}(-\d{2})?|-W\d{2})?)?$")


def iso_values(value: Any) -> list[str]:
    """A gold date or time value (a date, a string or a list of them) as ISO strings."""
    values = value if isinstance(value, list) else [value]
    return [v.isoformat() if isinstance(v, date) else str(v) for v in values]


def by_file(entry: dict[str, Any]) -> str:
    return str(entry["file"])


def test_six_documents_in_six_languages_all_test_split() -> None:
    assert len(DOCUMENTS) == 6
    assert sorted(d["language"] for d in DOCUMENTS) == ["de", "en", "nl", "pl", "pt", "sv"]
    assert {d["split"] for d in DOCUMENTS} == {"test"}


@pytest.mark.parametrize("entry", DOCUMENTS, ids=by_file)
def test_document_file_exists_and_matches_gold(entry: dict[str, Any]) -> None:
    path = FOLDER / entry["file"]
    assert path.is_file()
    assert re.fullmatch(rf"{entry['language']}-[a-z0-9-]+\.txt", entry["file"])
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == entry["title"]
    assert isinstance(entry["published"], date)
    for ent in entry["entities"]:
        assert ent["type"] in ENTITY_TYPES, ent
        if ent["type"] == "COUNTRY":
            assert re.fullmatch(r"[A-Z]{3}", ent["code"]), ent
        missing = [s for s in ent["surface"] if s not in text]
        assert not missing, (ent["name"], missing)
    for time in entry["times"]:
        assert time["text"] in text, time
        assert all(ISO_VALUE.match(v) for v in iso_values(time["value"])), time


@pytest.mark.parametrize("entry", DOCUMENTS, ids=by_file)
def test_events_use_plover_categories_and_declared_actors(entry: dict[str, Any]) -> None:
    events = entry["events"]
    assert len({e["id"] for e in events}) == len(events)
    codes = {e["code"] for e in entry["entities"] if "code" in e}
    names = {e["name"] for e in entry["entities"]}
    for event in events:
        assert event["category"] and set(event["category"]) <= set(CATEGORIES), event["id"]
        mode = event.get("mode")
        if mode is not None:
            allowed = NOTE_MODES.union(*(CATEGORY_INFO[c].modes for c in event["category"]))
            assert mode in allowed, (event["id"], mode)
        assert event["actor"] and event["recipient"], event["id"]
        for ref in event["actor"] + event["recipient"]:
            # a country code of the document's entities, or a named actor; "European Union" is an accepted
            # alternative for the European Commission's president
            assert ref in codes or ref in names or ref == "European Union", (event["id"], ref)
        if "date" in event:
            assert all(ISO_VALUE.match(v) for v in iso_values(event["date"])), event["id"]
