"""Consistency of the shipped KB data files (src/wirescope/kb/data)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from wirescope.kb import KnowledgeBase, load_kb
from wirescope.kb.base import DATA_DIR
from wirescope.lang import SUPPORTED_LANGUAGES


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb(places=False)


def _known_code(kb: KnowledgeBase, code: str | None) -> bool:
    return code is None or kb.get(code) is not None or kb.get(f"country:{code}") is not None


def test_entry_countries_exist(kb: KnowledgeBase) -> None:
    unknown = [(e.id, e.country) for e in kb.entries.values() if not _known_code(kb, e.country)]
    assert unknown == []


def test_offices_are_well_formed(kb: KnowledgeBase) -> None:
    problems = []
    for entry in kb.entries.values():
        for office in entry.extra.get("offices", ()):
            start, end = office.get("start") or "", office.get("end") or ""
            if start and end and end[: len(start)] < start[: len(end)]:
                problems.append((entry.name, office))
            if not _known_code(kb, office.get("country")):
                problems.append((entry.name, office))
            for day in (start, end):
                if day and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", day):
                    problems.append((entry.name, office))
    assert problems == []


def test_one_holder_per_main_office_per_day(kb: KnowledgeBase) -> None:
    """Overlapping holders of a national office point at a wrong date (hand-over days excepted)."""
    for day in (f"{year}-{month}-15" for year in range(2014, 2026) for month in ("02", "05", "08", "11")):
        for role in ("head_of_state", "head_of_government", "foreign_minister", "defence_minister"):
            by_country: dict[str, list[str]] = {}
            for entry in kb.office_holder(role, None, day):
                for office in kb.roles_of(entry.id, day):
                    if office["role"] == role and office.get("end") != day:  # the hand-over day has two
                        by_country.setdefault(office["country"], []).append(entry.name)
            clashes = {c: names for c, names in by_country.items() if len(names) > 1}
            assert clashes == {}, (day, role)


def test_wikidata_ids_and_people_ids(kb: KnowledgeBase) -> None:
    people = [e for e in kb.entries.values() if e.type == "PERSON"]
    assert len(people) >= 300
    for person in people:
        assert person.wikidata is None or re.fullmatch(r"Q\d+", person.wikidata)
        assert person.id == person.wikidata or person.id.startswith("person:")


def test_sites_have_coordinates(kb: KnowledgeBase) -> None:
    sites = [e for e in kb.entries.values() if e.id.startswith("site:")]
    assert len(sites) >= 40
    for site in sites:
        assert site.lat is not None and -90 <= site.lat <= 90, site.id
        assert site.lon is not None and -180 <= site.lon <= 180, site.id


def test_demonyms_cover_sixty_countries_in_every_language(kb: KnowledgeBase) -> None:
    for lang in SUPPORTED_LANGUAGES:
        codes = {code for _, code in kb.demonym_forms(lang)}
        assert len(codes) >= 60, (lang, len(codes))


def test_every_country_has_a_name_in_every_language(kb: KnowledgeBase) -> None:
    for lang in SUPPORTED_LANGUAGES:
        named = {ref.entry_id for ref in kb.aliases(lang) if ref.lang == lang and ref.entry_id.startswith("country:")}
        assert len(named) >= 240, (lang, len(named))


# -- people: identifiers and coverage of the main offices -------------------------------------------------------
#: The G20 member states, plus the countries the analysts follow closely.
G20 = ("ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU",
       "TUR", "USA", "ZAF")
WATCHED = (*G20, "PRK", "UKR", "BLR", "IRN", "ISR")
#: Presidential systems: the head of state also heads the government, there is no separate office.
PRESIDENTIAL = {"ARG", "BRA", "IDN", "MEX", "USA", "ZAF"}
COVERAGE_DAY = "2026-11-23"
#: One day per quarter over the last decade.
DECADE = [f"{year}-{month}-15" for year in range(2016, 2027) for month in ("01", "04", "07", "10")]
ORG_LEADERS = (("secretary_general", "org:UN"), ("secretary_general", "org:NATO"), ("commission_president", "org:EU"),
               ("european_council_president", "org:EU"), ("high_representative", "org:EU"))


def _main_roles(country: str, day: str) -> list[str]:
    roles = ["head_of_state", "foreign_minister", "defence_minister"]
    if country not in PRESIDENTIAL and not (country == "TUR" and day >= "2018-07-09"):
        roles.append("head_of_government")
    return roles


def test_people_qids_are_well_formed_and_unique() -> None:
    """Checked on the file itself: two entries with one QID would silently merge into one KB entry."""
    with (DATA_DIR / "people.yaml").open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    qids = [str(e.get("wikidata") or e["id"]) for e in raw if str(e.get("wikidata") or e.get("id", "")).startswith("Q")]
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in qids)
    assert [q for q, n in Counter(qids).items() if n > 1] == []
    assert len(qids) >= 60
    names = Counter(e["name"] for e in raw)
    assert [n for n, count in names.items() if count > 1] == []


def test_every_office_has_a_country_and_a_start(kb: KnowledgeBase) -> None:
    incomplete = [(e.name, o) for e in kb.entries.values() if e.type == "PERSON"
                  for o in e.extra.get("offices", ()) if not o.get("country") or not o.get("start")]
    assert incomplete == []


@pytest.mark.parametrize("country", WATCHED)
def test_main_offices_are_filled_today(kb: KnowledgeBase, country: str) -> None:
    empty = [role for role in _main_roles(country, COVERAGE_DAY) if not kb.office_holder(role, country, COVERAGE_DAY)]
    assert empty == []


@pytest.mark.parametrize("country", WATCHED)
def test_main_offices_are_covered_over_the_decade(kb: KnowledgeBase, country: str) -> None:
    """At most two quarter days per office without a holder (vacancies and acting holders we leave out)."""
    gaps: dict[str, list[str]] = {}
    for day in DECADE:
        for role in _main_roles(country, day):
            if not kb.office_holder(role, country, day):
                gaps.setdefault(role, []).append(day)
    assert {role: days for role, days in gaps.items() if len(days) > 2} == {}


def test_un_nato_and_eu_leaders_are_covered(kb: KnowledgeBase) -> None:
    for role, org in ORG_LEADERS:
        for day in (*DECADE, COVERAGE_DAY):
            assert len(kb.office_holder(role, org, day)) == 1, (role, org, day)
