"""Knowledge base lookups across languages and scripts (src/wirescope/kb/base.py with the shipped data)."""

from __future__ import annotations

from datetime import date

import pytest

from wirescope.kb import KnowledgeBase, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.mark.parametrize(
    ("surface", "lang"),
    [("Poetin", "nl"), ("Putin", "sv"), ("Poutine", "fr"), ("Путин", "ru"), ("Путін", "uk"), ("푸틴", "ko"),
     ("普京", "zh"), ("بوتين", "ar"), ("Wladimir Putin", "de")],
)
def test_putin_in_every_script(kb: KnowledgeBase, surface: str, lang: str) -> None:
    assert kb.lookup(surface, lang)[0].wikidata == "Q7747"


@pytest.mark.parametrize("surface", ["Shoigu", "Schoigu", "Choïgou", "Sjojgu", "Sjojgoe", "Шойгу", "쇼이구"])
def test_shoigu_transliterations(kb: KnowledgeBase, surface: str) -> None:
    entries = kb.lookup(surface)
    assert entries and entries[0].name == "Sergei Shoigu"
    assert entries[0].country == "RUS"


@pytest.mark.parametrize(
    "surface", ["Zelensky", "Selenskyj", "Zelenski", "Zelenskyj", "Zelenskij", "Зеленський", "젤렌스키"]
)
def test_zelensky_transliterations(kb: KnowledgeBase, surface: str) -> None:
    assert kb.lookup(surface)[0].wikidata == "Q3874799"


@pytest.mark.parametrize("surface", ["Kim Jong Un", "Kim Jong-un", "Kim Jong-eun", "김정은", "Ким Чен Ын"])
def test_kim_jong_un_forms(kb: KnowledgeBase, surface: str) -> None:
    assert kb.lookup(surface)[0].wikidata == "Q56226"


@pytest.mark.parametrize(
    ("surface", "lang", "code"),
    [("DVK", "nl", "PRK"), ("КНДР", "ru", "PRK"), ("DPRK", "en", "PRK"), ("Noord-Korea", "nl", "PRK"),
     ("Nordkorea", "sv", "PRK"), ("북한", "ko", "PRK"), ("VS", "nl", "USA"), ("USA", "sv", "USA"),
     ("Verenigde Staten", "nl", "USA"), ("Wit-Rusland", "nl", "BLR"), ("Oekraïne", "nl", "UKR"), ("Kina", "sv", "CHN"),
     ("Russische Federatie", "nl", "RUS"), ("ROK", "en", "KOR"), ("UK", "en", "GBR")],
)
def test_country_names_and_abbreviations(kb: KnowledgeBase, surface: str, lang: str, code: str) -> None:
    countries = [e for e in kb.lookup(surface, lang) if e.type == "COUNTRY"]
    assert countries and countries[0].country == code


def test_abbreviations_are_strict_and_case_sensitive(kb: KnowledgeBase) -> None:
    assert not [e for e in kb.lookup("VS", "en") if e.id == "country:USA"]  # English "vs" is not the US
    assert not kb.lookup("us", "en")  # the pronoun
    assert kb.lookup("US", "en")[0].id == "country:USA"
    assert not kb.lookup("dvk", "nl")


@pytest.mark.parametrize(
    ("surface", "lang", "code"),
    [("Moskou", "nl", "RUS"), ("Moskva", "sv", "RUS"), ("Kremlin", "en", "RUS"), ("Кремль", "ru", "RUS"),
     ("Pyongyang", "en", "PRK"), ("Washington", "nl", "USA"), ("Pentagon", "sv", "USA"), ("Witte Huis", "nl", "USA"),
     ("Peking", "sv", "CHN"), ("Kiev", "nl", "UKR"), ("Kyiv", "en", "UKR"), ("Blue House", "en", "KOR")],
)
def test_metonyms_are_flagged(kb: KnowledgeBase, surface: str, lang: str, code: str) -> None:
    metonyms = [m for m in kb.matches(surface, lang) if m.is_metonym]
    assert metonyms and metonyms[0].entry.id == f"country:{code}"


def test_a_capital_is_also_a_place(kb: KnowledgeBase) -> None:
    kinds = {(m.entry.type, m.kind) for m in kb.matches("Moskou", "nl")}
    assert ("PLACE", "alt") in kinds and ("COUNTRY", "metonym") in kinds


@pytest.mark.parametrize(
    ("word", "lang", "code"),
    [("ryska", "sv", "RUS"), ("ryskt", "sv", "RUS"), ("nordkoreanska", "sv", "PRK"), ("Russische", "nl", "RUS"),
     ("Noord-Koreaanse", "nl", "PRK"), ("russischen", "de", "RUS"), ("russes", "fr", "RUS"), ("rusas", "es", "RUS"),
     ("российского", "ru", "RUS"), ("русскую", "ru", "RUS"), ("американських", "uk", "USA"), ("러시아의", "ko", "RUS"),
     ("sovjetisk", "sv", "SUN"), ("chinesa", "pt", "CHN"), ("rosyjskiej", "pl", "RUS"), ("الروسية", "ar", "RUS")],
)
def test_demonyms(kb: KnowledgeBase, word: str, lang: str, code: str) -> None:
    assert kb.demonym(word, lang) == code


def test_demonym_unknown_word(kb: KnowledgeBase) -> None:
    assert kb.demonym("fotboll", "sv") is None


@pytest.mark.parametrize(
    ("surface", "lang"), [("NAVO", "nl"), ("OTAN", "fr"), ("НАТО", "ru"), ("나토", "ko"), ("NATO", "sv")]
)
def test_nato(kb: KnowledgeBase, surface: str, lang: str) -> None:
    assert kb.lookup(surface, lang)[0].id == "org:NATO"


@pytest.mark.parametrize(
    ("surface", "lang"),
    [("FN", "sv"), ("VN", "nl"), ("Verenigde Naties", "nl"), ("ONU", "fr"), ("UNO", "de"), ("ООН", "ru"),
     ("유엔", "ko"), ("الأمم المتحدة", "ar")],
)
def test_united_nations(kb: KnowledgeBase, surface: str, lang: str) -> None:
    assert kb.lookup(surface, lang)[0].id == "org:UN"


def test_news_agencies_have_sector_and_country(kb: KnowledgeBase) -> None:
    tass = kb.lookup("ТАСС")[0]
    assert (tass.sector, tass.country) == ("MED", "RUS")
    assert kb.lookup("KCNA")[0].country == "PRK"
    assert kb.lookup("연합뉴스")[0].id == "org:YONHAP"


@pytest.mark.parametrize(("code", "name"), [("SUN", "Soviet Union"), ("SU", "Soviet Union"), ("810", "Soviet Union"),
                                           ("DDR", "East Germany"), ("YUG", "Yugoslavia"), ("CSK", "Czechoslovakia")])
def test_former_states(kb: KnowledgeBase, code: str, name: str) -> None:
    entry = kb.country(code)
    assert entry is not None and entry.name == name and entry.extra["former"]


def test_former_state_names(kb: KnowledgeBase) -> None:
    assert kb.lookup("Sovjetunionen", "sv")[0].id == "country:SUN"
    assert kb.lookup("СССР", "ru")[0].id == "country:SUN"


def test_country_codes(kb: KnowledgeBase) -> None:
    assert kb.country("KP") is kb.country("PRK") is kb.country("408")
    assert kb.country("408") is not None


def test_office_date_ranges(kb: KnowledgeBase) -> None:
    assert [e.name for e in kb.office_holder("defence_minister", "RUS", date(2020, 6, 1))] == ["Sergei Shoigu"]
    assert [e.name for e in kb.office_holder("defence_minister", "RUS", "2024-06-01")] == ["Andrei Belousov"]
    assert [e.wikidata for e in kb.office_holder("head_of_state", "USA", "2018-03-01")] == ["Q22686"]
    assert [e.wikidata for e in kb.office_holder("head_of_government", "RUS", "2010-01-01")] == ["Q7747"]


def test_roles_of_a_person_on_a_date(kb: KnowledgeBase) -> None:
    medvedev = kb.lookup("Medvedev")[0]
    assert [o["role"] for o in kb.roles_of(medvedev.id, "2010-01-01")] == ["head_of_state"]
    assert [o["role"] for o in kb.roles_of(medvedev.id, "2015-01-01")] == ["head_of_government"]


def test_place_disambiguation_by_context_and_population(kb: KnowledgeBase) -> None:
    moscow = kb.resolve_place("Moscow", "en")
    assert moscow is not None and moscow.country == "RUS"
    moscow_idaho = kb.resolve_place("Moscow", "en", context_countries=["USA"])
    assert moscow_idaho is not None and moscow_idaho.country == "USA"
    assert moscow_idaho.extra["population"] < moscow.extra["population"]


def test_places_have_coordinates_and_sites(kb: KnowledgeBase) -> None:
    pyongyang = kb.resolve_place("Pyongyang", "en")
    assert pyongyang is not None and pyongyang.lat is not None and 38 < pyongyang.lat < 40
    names = {e.name for e in kb.places_in("PRK")}
    assert "Yongbyon Nuclear Scientific Research Center" in names
    assert kb.lookup("Vostochny")[0].country == "RUS"
    assert kb.lookup("Panmunjom")[0].type == "PLACE"


def test_surface_forms_are_language_scoped(kb: KnowledgeBase) -> None:
    sv = dict(kb.surface_forms("sv"))
    assert sv.get("ryssland") == "country:RUS"
    assert "rusland" not in sv  # Dutch name, not offered to the Swedish gazetteer
    assert "putin" in sv  # people's names are language-neutral


def test_coverage_table(kb: KnowledgeBase) -> None:
    table = kb.coverage_table()
    for lang in ("en", "sv", "nl", "de", "fr", "es", "it", "pt", "ru", "uk", "pl", "ko", "ja", "zh", "ar"):
        assert table[lang]["COUNTRY"] > 200, lang
        assert table[lang]["DEMONYM"] > 60, lang
    assert table["*"]["PERSON"] > 1000
    assert table["ko"]["PERSON"] > 100  # Hangul names of people
    assert table["ru"]["PERSON"] > 200  # Cyrillic names of people
    assert table["ko"]["PERSON"] < table["en"]["PERSON"]


@pytest.mark.parametrize(
    ("surface", "lang", "entry_id"),
    [("Europa", "nl", "region:150"), ("Afrika", "sv", "region:002"), ("Oost-Azië", "nl", "region:030"),
     ("Mellanöstern", "sv", "region:middle-east"), ("한반도", "ko", "region:korean-peninsula")],
)
def test_regions(kb: KnowledgeBase, surface: str, lang: str, entry_id: str) -> None:
    entry = kb.lookup(surface, lang)[0]
    assert entry.id == entry_id and entry.type == "PLACE"


@pytest.mark.parametrize(
    ("surface", "name"),
    [("Sergej Lavrof", "Sergey Lavrov"), ("Mishoustine", "Mikhail Mishustin"), ("Kim Jong Oen", "Kim Jong Un"),
     ("Lavrov Sergej", "Sergey Lavrov"), ("Stoltenbergh", "Jens Stoltenberg")],
)
def test_fuzzy_lookup_finds_unconventional_spellings(kb: KnowledgeBase, surface: str, name: str) -> None:
    assert kb.lookup_fuzzy(surface)[0][0].name == name


@pytest.mark.parametrize("surface", ["Kim Kun Ok", "Kim", "Ankit Panda"])
def test_fuzzy_lookup_does_not_force_a_match(kb: KnowledgeBase, surface: str) -> None:
    assert kb.lookup_fuzzy(surface) == []
