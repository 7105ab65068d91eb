"""Inflected and context-dependent names (issue 3): Slavic case forms of KB names, apostrophe variants, organisation
metonyms, ministries of countries without a KB ministry; "the day before" phrases of the times stage.
Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from wirescope.model import Document, Entity, Sentence
from wirescope.nlp import entities, times


def _run(text: str, lang: str) -> list[Entity]:
    doc = Document(text=text, language=lang)
    doc.sentences = [Sentence(0, 0, len(text), lang)]
    return entities.run(doc).entities


def _mentioned(ents: list[Entity], entity_id: str) -> set[str]:
    found = [e for e in ents if e.id == entity_id]
    assert found, [(e.id, e.type, e.name) for e in ents]
    return {m.text for m in found[0].mentions}


@pytest.mark.parametrize(
    ("lang", "text", "entity_id", "surface"),
    [
        # Ukrainian locative and genitive of places the gazetteer does not index (direct lookup by stem + ending)
        ("uk", "Делегація прибула до Маріуполя пізно ввечері.", "place:701822", "Маріуполя"),
        ("uk", "Переговори тривали два дні в Женеві.", "place:2660646", "Женеві"),
        # a capital standing for its government, in the Ukrainian locative ("-і")
        ("uk", "У Москві ці заяви назвали провокацією.", "country:RUS", "Москві"),
        # Polish genitives of organisations and of a person
        ("pl", "Funkcjonariusze Straży Granicznej zatrzymali dwóch mężczyzn.", "org:POL-SG", "Straży Granicznej"),
        ("pl", "Najemnicy Grupy Wagnera opuścili obóz w nocy.", "org:WAGNER", "Grupy Wagnera"),
        ("pl", "Rzecznik Łukaszenki zaprzeczył tym doniesieniom.", "Q2866", "Łukaszenki"),
        # genitive of an adjective + noun name
        ("uk", "Волонтери Червоного Хреста привезли ліки.", "org:ICRC", "Червоного Хреста"),
        ("ru", "Сотрудники Красного Креста посетили лагерь.", "org:ICRC", "Красного Креста"),
        # CLDR writes the Ukrainian apostrophe as U+02BC, texts as ASCII "'" or U+2019
        ("uk", "Об'єднані Арабські Емірати запропонували посередництво.", "country:ARE", "Об'єднані Арабські Емірати"),
        ("uk", "Об’єднані Арабські Емірати запропонували посередництво.", "country:ARE", "Об’єднані Арабські Емірати"),
        ("ru", "Объединённые Арабские Эмираты выступили посредником.", "country:ARE", "Объединённые Арабские Эмираты"),
        ("en", "Aid convoys have not reached Darfur since March.", "site:darfur", "Darfur"),
    ],
)
def test_inflected_kb_names(lang: str, text: str, entity_id: str, surface: str) -> None:
    assert surface in _mentioned(_run(text, lang), entity_id)


def test_case_stem_keys_agree_across_cases() -> None:
    assert entities.stem_key("москві") == entities.stem_key("москва")
    assert entities.stem_key("granicznej") == entities.stem_key("graniczna")
    assert entities.stem_key("червоного") == entities.stem_key("червоний")
    assert entities.stem_key("emiratów") == entities.stem_key("emiraty")


def test_seat_of_institutions_is_the_organisation_named_in_the_document() -> None:
    with_eu = _run("La Unión Europea prepara nuevas sanciones y Bruselas espera un acuerdo el lunes.", "es")
    assert "Bruselas" in _mentioned(with_eu, "org:EU")
    assert not any(e.id == "country:BEL" for e in with_eu)
    without = _run("El primer ministro viajó a Bruselas para reunirse con el rey.", "es")
    assert not any(e.id == "org:EU" for e in without)


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        ("ru", "Накануне стороны обменялись проектами документа.", "Накануне"),
        ("uk", "Напередодні міністр зустрівся з послом.", "Напередодні"),
        ("fr", "La veille, les négociateurs avaient quitté la salle.", "La veille"),
        ("de", "Die Regierung hatte am Vortag neue Zölle angekündigt.", "am Vortag"),
        ("es", "El día anterior la comisión aprobó el informe.", "El día anterior"),
        ("en", "The convoy had crossed the border the previous day.", "the previous day"),
    ],
)
def test_day_before_the_anchor(lang: str, text: str, phrase: str) -> None:
    found = {(t.text, t.value) for t in times.extract(text, lang, date(2025, 3, 12))}
    assert (phrase, "2025-03-11") in found


@pytest.mark.parametrize(
    ("lang", "text", "entity_id", "surface"),
    [
        # a ministry word and the lower-case words naming its field are one name, in any case
        ("uk", "Заяву оприлюднило Міністерство оборони Росії ввечері.", "org:RUS-MOD", "Міністерство оборони"),
        ("ru", "Представители Министерства обороны России ушли.", "org:RUS-MOD", "Министерства обороны"),
        # curated sites whose adjective agrees with the noun ("Каспийском море" / "Каспийское море")
        ("ru", "Корабли провели учения в Каспийском море.", "site:caspian-sea", "Каспийском море"),
        ("ru", "Договор подписали в Федеральной службе по военно-техническому сотрудничеству.", "org:RUS-FSVTS",
         "Федеральной службе по военно-техническому сотрудничеству"),
    ],
)
def test_inflected_multiword_names(lang: str, text: str, entity_id: str, surface: str) -> None:
    assert any(surface in m for m in _mentioned(_run(text, lang), entity_id))


@pytest.mark.parametrize(
    ("lang", "text", "name", "country"),
    [
        ("ru", "Вчера МИД Ирана отверг эти обвинения.", "Ministry of Foreign Affairs of Iran", "IRN"),
        ("pl", "Wczoraj Ministerstwo obrony Białorusi nie skomentowało incydentu.", "Ministry of Defence of Belarus",
         "BLR"),
    ],
)
def test_ministry_without_kb_entry_is_named_after_its_country(lang: str, text: str, name: str, country: str) -> None:
    ministry = [e for e in _run(text, lang) if e.type == "ORGANIZATION" and e.name == name]
    assert ministry and ministry[0].country == country and ministry[0].id.startswith("nil:")


def test_english_forces_name_is_an_organisation() -> None:
    ents = _run("The Coastal Defence Forces said on Monday that the convoy had turned back.", "en")
    assert [e.type for e in ents if e.name == "Coastal Defence Forces"] == ["ORGANIZATION"]


def test_official_of_an_international_organisation_acts_for_it_at_the_article_date() -> None:
    text = "Ursula von der Leyen a averti Pékin lundi."

    def person(year: int) -> Entity:
        doc = Document(text=text, language="fr", published=datetime(year, 5, 6, tzinfo=UTC))
        doc.sentences = [Sentence(0, 0, len(text), "fr")]
        return next(e for e in entities.run(doc).entities if e.type == "PERSON")

    in_commission = person(2024)
    assert in_commission.country is None and in_commission.sector == "IGO"
    assert person(2017).country == "DEU"  # then a German minister


@pytest.mark.parametrize(
    ("lang", "text", "word"),
    [
        ("it", "Ieri il Governo ha annunciato nuove misure.", "Governo"),  # a collective noun without its country
        ("es", "El secretario de Estado de Estados Unidos, Marco Rubio, habló ayer.", "Estado"),  # a word of a role
        ("fr", "Le secrétaire d'État Paul Renard a quitté la réunion.", "État"),
    ],
)
def test_generic_capitalised_words_are_no_names(lang: str, text: str, word: str) -> None:
    assert not any(m.text == word for e in _run(text, lang) for m in e.mentions)


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("ru", "Россия поставит партию истребителей Су-57 до конца года.", "Су-57"),
        ("pl", "Dwa śmigłowce Mi-8 przeleciały nad rzeką.", "Mi-8"),
        ("uk", "Україна отримала винищувачі F-16 від партнерів.", "F-16"),
    ],
)
def test_named_military_aircraft_after_their_noun_are_other(lang: str, text: str, name: str) -> None:
    assert [e.type for e in _run(text, lang) if e.name == name] == ["OTHER"]


def test_country_name_inside_a_longer_unspaced_place_name_is_not_the_country() -> None:
    ents = _run("漁船は日本海で操業していた。", "ja")
    assert "日本海" in _mentioned(ents, "site:sea-of-japan")
    assert not any(e.id == "country:JPN" for e in ents)
    assert "日本" in _mentioned(_run("日本政府は声明を出した。", "ja"), "country:JPN")
