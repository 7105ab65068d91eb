"""Demonym inflection rules (src/wirescope/kb/demonyms.py)."""

from __future__ import annotations

from wirescope.kb.base import KnowledgeBase
from wirescope.kb.demonyms import inflect


def test_first_matching_rule_wins() -> None:
    rules = [["ico", ["ico", "ica", "ici", "iche"]], ["o", ["o", "a", "i", "e"]], ["", [""]]]
    assert inflect("britannico", rules) == ["britannico", "britannica", "britannici", "britanniche"]
    assert inflect("russo", rules) == ["russo", "russa", "russi", "russe"]
    assert inflect("belga", rules) == ["belga"]


def test_explicit_paradigm_and_prefixes() -> None:
    assert inflect("turc|turque|turcs|turques", [["", ["", "s"]]]) == ["turc", "turque", "turcs", "turques"]
    assert inflect("روسي", [["ي", ["ي", "ية"]]], ["", "ال"]) == ["روسي", "روسية", "الروسي", "الروسية"]


def test_a_form_claimed_by_two_countries_is_ambiguous() -> None:
    kb = KnowledgeBase()
    kb.add_demonym("georgian", "en", "GEO")
    kb.add_demonym("georgian", "en", "USA")
    kb.add_demonym("russian", "en", "RUS")
    assert kb.demonym("Georgian", "en") is None
    assert kb.demonym("Russian", "en") == "RUS"
    assert dict(kb.demonym_forms("en")) == {"russian": "RUS"}
