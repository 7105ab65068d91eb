"""Entity stage tests on sentences written for these tests, against the shipped knowledge base."""

from __future__ import annotations

import pytest
import yaml
from tests.conftest import require_shared

from wirescope.model import Document, Entity, Sentence
from wirescope.nlp import entities


def _run(text: str, lang: str) -> list[Entity]:
    doc = Document(text=text, language=lang)
    doc.sentences = [Sentence(0, 0, len(text), lang)]
    return entities.run(doc).entities


def _by_id(ents: list[Entity], entity_id: str) -> Entity:
    found = [e for e in ents if e.id == entity_id]
    assert found, [(e.id, e.name) for e in ents]
    return found[0]


def test_swedish_genitives_and_demonyms() -> None:
    ents = _run("Rysslands president talade om USA:s planer, och ryska diplomater besökte FN:s högkvarter.", "sv")
    rus = _by_id(ents, "country:RUS")
    assert {m.text for m in rus.mentions} >= {"Rysslands", "ryska"}
    assert {m.text for m in _by_id(ents, "country:USA").mentions} == {"USA:s"}
    assert any(e.type == "ORGANIZATION" and "FN:s" in {m.text for m in e.mentions} for e in ents)
    actors = [e for e in ents if e.role in {"diplomat", "diplomats"} and e.id.startswith("actor:")]
    assert actors and actors[0].country == "RUS" and actors[0].sector == "DIP"


def test_dutch_role_gives_unknown_person_country_and_role() -> None:
    text = "Gisteren sprak de ambassadeur van Noord-Korea in Moskou, Pak Chol Min, met journalisten."
    ents = _run(text, "nl")
    person = next(e for e in ents if e.name == "Pak Chol Min")
    assert person.type == "PERSON"
    assert person.role == "ambassador" and person.country == "PRK" and person.sector == "DIP"
    assert person.id.startswith("nil:person:")


def test_english_surname_resolves_to_full_name_in_document() -> None:
    text = ("The analyst Maria Hollander of the Baltic Policy Institute spoke on Monday. "
            "Hollander said the talks had stalled.")
    doc = Document(text=text, language="en")
    doc.sentences = [Sentence(0, 0, 75, "en"), Sentence(1, 76, len(text), "en")]
    ents = entities.run(doc).entities
    person = next(e for e in ents if e.name == "Maria Hollander")
    assert [m.text for m in person.mentions] == ["Maria Hollander", "Hollander"]
    assert person.role == "analyst"
    assert any(e.type == "ORGANIZATION" and e.name == "Baltic Policy Institute" for e in ents)


def test_vessel_name_is_not_a_person_nor_a_kb_leader() -> None:
    text = "The navy launched the submarine Hero Pak Song Il while Kim Jong Un watched."
    ents = _run(text, "en")
    kim = _by_id(ents, "Q56226")
    assert [m.text for m in kim.mentions] == ["Kim Jong Un"]
    assert not any(e.type == "PERSON" and "Pak Song Il" in e.name for e in ents)


def test_german_role_and_metonym() -> None:
    ents = _run("Der Kreml erklärte, der russische Verteidigungsminister habe Pjöngjang besucht.", "de")
    assert "Kreml" in {m.text for m in _by_id(ents, "country:RUS").mentions}
    assert any(e.role == "defence minister" and e.country == "RUS" and e.sector == "MIL" for e in ents)
    assert "Pjöngjang" in {m.text for m in _by_id(ents, "country:PRK").mentions}


def test_french_elision_and_transliterated_name() -> None:
    ents = _run("Le président Vladimir Poutine a parlé de l'Ukraine avec des diplomates chinois.", "fr")
    assert _by_id(ents, "Q7747").name == "Vladimir Putin"
    assert "l'Ukraine" in {m.text for m in _by_id(ents, "country:UKR").mentions}


def test_russian_cases() -> None:
    ents = _run("Посол России встретился с Ким Чен Ыном, а Путина в Пхеньяне не было.", "ru")
    assert {m.text for m in _by_id(ents, "Q7747").mentions} == {"Путина"}
    assert {m.text for m in _by_id(ents, "Q56226").mentions} == {"Ким Чен Ыном"}
    assert "России" in {m.text for m in _by_id(ents, "country:RUS").mentions}


def test_korean_particles() -> None:
    ents = _run("김정은이 러시아의 대통령 푸틴과 만났다.", "ko")
    assert {m.text for m in _by_id(ents, "Q56226").mentions} == {"김정은이"}
    assert {m.text for m in _by_id(ents, "country:RUS").mentions} == {"러시아의"}
    putin = _by_id(ents, "Q7747")
    assert putin.mentions[0].text.startswith("푸틴")


def test_mentions_carry_offsets_and_sentence() -> None:
    text = "Putin met Xi Jinping."
    for ent in _run(text, "en"):
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text and m.sentence == 0


@pytest.mark.parametrize("name", ["gold.yaml"])
def test_seed_entity_recall(name: str) -> None:
    seeds = require_shared("seeds")
    from wirescope.pipeline import Pipeline

    gold = yaml.safe_load((seeds / name).read_text(encoding="utf-8"))
    pipeline = Pipeline(["language", "segment", "entities"])
    found = total = 0
    for item in gold["documents"]:
        doc = pipeline(Document(text=(seeds / item["file"]).read_text(encoding="utf-8")))
        for g in item["entities"]:
            total += 1
            code = g.get("code")
            surfaces = set(g["surface"])
            found += any(
                e.type == g["type"] and (e.country == code if code else bool({m.text for m in e.mentions} & surfaces))
                for e in doc.entities
            )
        for not_person in item.get("not_persons", []):
            assert not any(e.type == "PERSON" and any(m.text == not_person for m in e.mentions) for e in doc.entities)
    assert found / total >= 0.85


@pytest.mark.parametrize(
    ("text", "lang", "surface", "code"),
    [
        ("Volgens de krant zijn veel Amerikanen bezorgd over de handel.", "nl", "Amerikanen", "USA"),
        ("Under mötet kritiserade kineserna förslaget hårt.", "sv", "kineserna", "CHN"),
        ("Viele Amerikaner reisen im Sommer nach Europa.", "de", "Amerikaner", "USA"),
    ],
)
def test_nationality_nouns_resolve_to_country(text: str, lang: str, surface: str, code: str) -> None:
    ents = _run(text, lang)
    assert surface in {m.text for m in _by_id(ents, f"country:{code}").mentions}


def test_unknown_names_in_image_credits_are_dropped() -> None:
    text = "Greta Lindqvist talade i Stockholm. (Foto: Erik Holmgren, CC BY-SA 3.0, via Flickr Media)"
    names = {e.name for e in _run(text, "sv")}
    assert "Greta Lindqvist" in names
    assert not names & {"Erik Holmgren", "Flickr Media"}


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Den nya fregatten ”Hjälte Chon Myong Hak” sjösattes i hamnen igår.", "sv", "Chon Myong Hak"),
        ("Gisteren zei Dr Miriam Oosterhuis van de universiteit dat het plan faalt.", "nl", "Miriam Oosterhuis"),
        ("On Monday Comrade Ri Kwang Son said the new factory was ready.", "en", "Ri Kwang Son"),
    ],
)
def test_titles_are_not_glued_into_names(text: str, lang: str, name: str) -> None:
    names = {e.name for e in _run(text, lang)}
    assert name in names, names
    assert not any(n.endswith(name) and n != name for n in names), names


def test_vessel_named_after_a_person_is_not_a_person() -> None:
    ents = _run("Den nya fregatten ”Hjälte Chon Myong Hak” sjösattes i hamnen igår.", "sv")
    vessel = next(e for e in ents if e.name == "Chon Myong Hak")
    assert vessel.type == "OTHER"


def test_ministry_short_form_resolves_to_the_ministry_of_the_country_in_context() -> None:
    text = ("Volgens het ministerie van Buitenlandse Zaken van Noord-Korea is de sanctie onwettig. Het Russische "
            "ministerie van Buitenlandse Zaken sprak dat tegen.")
    ids = {e.id for e in _run(text, "nl")}
    assert {"org:PRK-MFA", "org:RUS-MFA"} <= ids
    assert not any(i.startswith("nil:organization") for i in ids), ids
    german = {e.id for e in _run("Das chinesische Außenministerium wies die Kritik am Montag zurück.", "de")}
    assert "org:CHN-MFA" in german


def test_ministry_short_form_without_country_stays_unresolved() -> None:
    ids = {e.id for e in _run("Een woordvoerder van Buitenlandse Zaken wilde niet reageren.", "nl")}
    assert not any(i.endswith("-MFA") for i in ids), ids


def test_abbreviation_definition_makes_place_name_the_organisation() -> None:
    text = ("Moskou erkende Donetsk en Lugansk (DNR/LNR) als staten. "
            "Later bezocht een delegatie Lugansk opnieuw.")
    doc = Document(text=text, language="nl")
    end = text.index(".") + 1
    doc.sentences = [Sentence(0, 0, end, "nl"), Sentence(1, end + 1, len(text), "nl")]
    ents = entities.run(doc).entities
    assert {m.text for m in _by_id(ents, "org:LPR").mentions} == {"Lugansk", "LNR"}
    assert "Donetsk" in {m.text for m in _by_id(ents, "org:DPR").mentions}
    assert not any(e.type == "PLACE" and e.name in {"Luhansk", "Donetsk"} for e in ents)


def test_place_name_without_definition_stays_a_place() -> None:
    ents = _run("De trein naar Lugansk vertrok met vertraging.", "nl")
    assert any(e.type == "PLACE" and e.name == "Luhansk" for e in ents), [(e.id, e.name) for e in ents]


def test_hyphenated_korean_given_name_is_one_name_not_a_country() -> None:
    ents = _run("Nordkoreas ambassadör i Ryssland, Sin Hong-chol, talade på torsdagen.", "sv")
    person = next(e for e in ents if e.name == "Sin Hong-chol")
    assert person.type == "PERSON" and person.country == "PRK"
    assert "country:CHN" not in {e.id for e in ents}


def test_ministry_keeps_its_country_apart_and_beats_a_homonym() -> None:
    spanish = _run("El Ministerio de Asuntos Exteriores de China protestó el lunes.", "es")
    ministry = next(e for e in spanish if e.type == "ORGANIZATION")
    assert ministry.id == "org:CHN-MFA" and ministry.mentions[0].text == "Ministerio de Asuntos Exteriores de China"
    swedish = _run("Enligt UD har tre svenskar gripits.", "sv")
    short = next(e for e in swedish if "UD" in {m.text for m in e.mentions})
    assert short.type == "ORGANIZATION" and short.country == "SWE"


def test_ministry_inside_a_role_phrase_is_the_ministry_of_the_role_country() -> None:
    text = "Gisteren zei de Russische minister van Buitenlandse Zaken in Moskou dat de gesprekken doorgaan."
    ents = _run(text, "nl")
    assert not any(e.id.startswith("nil:organization") for e in ents), [(e.id, e.name) for e in ents]
    assert {e.id for e in ents if e.type == "ORGANIZATION"} <= {"org:RUS-MFA"}
