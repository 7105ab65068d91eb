"""Country adjectives of ASEAN and South American states (data/demonyms.yaml), inflected per language: an event
coder reads "Cambodian troops" or "tropas peruanas" as that country's actors. Forms written for these tests."""

from __future__ import annotations

import pytest

from wirescope.kb import load_kb


@pytest.mark.parametrize(
    ("form", "lang", "code"),
    [
        ("Thai", "en", "THA"), ("Cambodian", "en", "KHM"), ("Malaysians", "en", "MYS"), ("Filipino", "en", "PHL"),
        ("thailändska", "sv", "THA"), ("Cambodjaanse", "nl", "KHM"), ("philippinischen", "de", "PHL"),
        ("péruviennes", "fr", "PER"), ("paraguayenne", "fr", "PRY"), ("tropas", "es", None),
        ("peruanas", "es", "PER"), ("cileni", "it", "CHL"), ("uruguaia", "pt", "URY"),
    ],
)
def test_demonym_resolves_to_its_country(form: str, lang: str, code: str | None) -> None:
    assert load_kb().demonym(form, lang) == code
