"""Role and common nouns written with a capital before a person name are not part of the name.

Sentences written for these tests; the names are invented unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from wirescope.model import Document, Entity
from wirescope.nlp import entities
from wirescope.pipeline import Pipeline

_PIPELINE = Pipeline(["segment", "entities"])


def _persons(text: str, lang: str) -> set[str]:
    doc = _PIPELINE(Document(text=text, language=lang))
    return {e.name for e in doc.entities if e.type == "PERSON"}


def _entities(text: str, lang: str) -> list[Entity]:
    return _PIPELINE(Document(text=text, language=lang)).entities


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # a sentence-initial role noun found by its agent ending, not listed anywhere
        ("nl", "Verdediger Olga Carmona maakte in de tweede helft het enige doelpunt.", "Olga Carmona"),
        ("nl", "Middenvelder Femke Hoekstra Visser werd uitgeroepen tot beste speelster.", "Femke Hoekstra Visser"),
        # a compound whose head is a title ("-leider")
        ("nl", "Oppositieleider Marieke Dekker reageerde woedend op het voorstel.", "Marieke Dekker"),
        ("de", "Stürmerin Alexandra Popp traf in der ersten Halbzeit zweimal.", "Alexandra Popp"),
        # German capitalises every noun: the role noun sticks inside a sentence too
        ("de", "Am Montag sagte Oppositionsführerin Katrin Albers, die Regierung habe versagt.", "Katrin Albers"),
        ("de", "Nach dem Spiel lobte Trainer Holger Brandt seine Mannschaft.", "Holger Brandt"),
        ("en", "Striker Harriet Collins scored twice before the break.", "Harriet Collins"),
        ("en", "Coach Gareth Millward praised the young squad.", "Gareth Millward"),
        ("en", "Prosecutor Janet Okafor filed the charges on Friday.", "Janet Okafor"),
        ("es", "Entrenadora Lucía Romero Vidal celebró el título con la plantilla.", "Lucía Romero Vidal"),
        ("es", "Delantera Carla Mendoza falló un penalti en la segunda parte.", "Carla Mendoza"),
        ("sv", "Anfallaren Stina Lindqvist gjorde två mål i andra halvlek.", "Stina Lindqvist"),
        ("sv", "Förbundskapten Peter Gerhardsson var nöjd med insatsen.", "Peter Gerhardsson"),
        ("sv", "Oppositionsledaren Maja Holmberg kritiserade regeringen hårt.", "Maja Holmberg"),
        ("fr", "Attaquante Eugénie Le Sommer a marqué le premier but.", "Eugénie Le Sommer"),
        ("fr", "Entraîneur Hervé Ravel était satisfait de son équipe.", "Hervé Ravel"),
        ("it", "Allenatore Marco Bellini ha lodato la squadra dopo la partita.", "Marco Bellini"),
        ("pt", "Treinador Rui Almeida elogiou a equipa depois do jogo.", "Rui Almeida"),
        ("pl", "Trener Marek Nowicki był zadowolony z gry zespołu.", "Marek Nowicki"),
        ("ru", "Тренер Сергей Ломов остался доволен игрой команды.", "Сергей Ломов"),
    ],
)
def test_role_noun_before_a_name_is_dropped(lang: str, text: str, name: str) -> None:
    persons = _persons(text, lang)
    assert name in persons, persons
    role = text.split()[0].casefold() if lang != "de" else ""
    assert not any(p.split()[0].casefold() == role for p in persons), persons


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # surnames that are common words stay: only a leading word is ever dropped
        ("nl", "Aanvoerder Luuk de Jong scoorde twee keer.", "Luuk de Jong"),
        ("en", "Defender Thomas Baker was injured in the first half.", "Thomas Baker"),
        ("de", "Verteidiger Jonas Fischer traf per Kopfball.", "Jonas Fischer"),
        ("sv", "Försvararen Anna Smed Fischer skadades i matchen.", "Anna Smed Fischer"),
        ("es", "Portavoz Ana Herrero Pastor dijo que el Gobierno estudia la propuesta.", "Ana Herrero Pastor"),
    ],
)
def test_common_word_surnames_are_kept(lang: str, text: str, name: str) -> None:
    assert name in _persons(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # a given name that is also an agent noun, with nothing left to make a full name
        ("es", "Clemente Ruiz criticó la decisión del Gobierno.", "Clemente Ruiz"),
        ("en", "Hunter Caldwell said the plan would fail.", "Hunter Caldwell"),
        # the same word written with a capital inside another sentence: part of the name
        ("es", "Clemente Ruiz Ortega criticó la decisión. La jueza citó a Clemente Ruiz Ortega.",
         "Clemente Ruiz Ortega"),
        ("en", "Hunter Stockton Caldwell spoke first. Reporters asked Hunter Stockton Caldwell again.",
         "Hunter Stockton Caldwell"),
    ],
)
def test_name_words_that_look_like_role_nouns_are_kept(lang: str, text: str, name: str) -> None:
    assert name in _persons(text, lang)


def test_kb_given_name_that_is_a_common_word_is_kept() -> None:
    """"Kim" is a Swedish and German word, and a token of KB people's names: never dropped."""
    for lang, text in (
        ("sv", "Kim Jong Un besökte fabriken på måndagen."),
        ("de", "Kim Jong Un besuchte am Montag die Fabrik."),
    ):
        kim = [e for e in _entities(text, lang) if e.id == "Q56226"]
        assert kim and kim[0].mentions[0].text == "Kim Jong Un"


def test_role_noun_is_dropped_in_a_title_case_headline() -> None:
    text = "Defender Olivia Grant Seals Title For Spain\n\nOlivia Grant scored the only goal of the final."
    persons = _persons(text, "en")
    assert "Olivia Grant" in persons and not any(p.startswith("Defender") for p in persons)


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("nl", "Zangeres Lotte van Buren trad zaterdag op in Utrecht.", "Lotte van Buren"),
        ("nl", "Schrijver Daan Hoogendijk kreeg de prijs.", "Daan Hoogendijk"),
        ("de", "Die Mannschaft jubelte, als Nationalspielerin Jana Kessler traf.", "Jana Kessler"),
        ("de", "Schriftsteller Konrad Albers las am Abend aus seinem Buch.", "Konrad Albers"),
        ("en", "Campaigner Ruth Ellery handed in the petition.", "Ruth Ellery"),
        ("es", "Goleadora Nerea Soto Marín marcó dos goles.", "Nerea Soto Marín"),
        ("sv", "Författaren Ingrid Karlsson fick priset.", "Ingrid Karlsson"),
        ("fr", "Chanteuse Léa Morvan a ouvert le concert.", "Léa Morvan"),
    ],
)
def test_unlisted_agent_noun_is_dropped_by_its_ending(lang: str, text: str, name: str) -> None:
    """Role nouns in no lexicon list, found by the language's agent-noun endings or a title as compound head."""
    word = next(w for w in text.split() if w[:1].isupper() and w not in {"Die"}).casefold()
    rules = entities.lang_rules(lang)
    assert word not in rules.titles and entities._single_role(word, lang) is None  # not listed anywhere
    persons = _persons(text, lang)
    assert name in persons and not any(word in p.casefold().split() for p in persons), persons


@pytest.mark.parametrize(
    ("text", "not_person", "kept"),
    [
        # German capitalises every noun: a noun right after an article does not start a name
        ("Putin sagte, Russland werde beim Bau von Satelliten helfen.", "Bau von Satelliten", None),
        ("Die Ermittler fanden die Segeljacht von Rostock im Hafen.", "Segeljacht von Rostock", None),
        ("Die Minister trafen sich im Hauptquartier des Bündnisses in Brüssel.", "Hauptquartier des Bündnisses", None),
        # ... but the name after it stays, and a given name after an article is still a name
        ("Das Lob kam vom Nationalspieler Jonas Brenner.", "Nationalspieler Jonas Brenner", "Jonas Brenner"),
        ("Gestern traf sich der Sohn Malte Rehberg mit Anwälten.", "Sohn Malte Rehberg", "Malte Rehberg"),
        ("Am Abend sprach die Ursula von der Leyen.", "Ursula", "Ursula von der Leyen"),
        # a time, not a name
        ("Das Gericht hatte die Auslieferung Anfang November gebilligt.", "Anfang November", None),
    ],
)
def test_german_noun_after_article_does_not_start_a_name(text: str, not_person: str, kept: str | None) -> None:
    persons = _persons(text, "de")
    assert not_person not in persons, persons
    if kept is not None:
        assert kept in persons, persons


def test_german_name_after_a_place_noun_is_a_place() -> None:
    ents = _entities("Die Jacht lag tagelang vor der Insel Bornholm vor Anker.", "de")
    assert ("PLACE", "Bornholm") in {(e.type, e.name) for e in ents}
    assert not any(e.type == "PERSON" for e in ents)


def test_demonym_of_two_words_is_a_country_not_a_person() -> None:
    text = "The minister met North Korean leader Kim Jong Un on Tuesday."
    ents = _entities(text, "en")
    prk = [e for e in ents if e.id == "country:PRK"]
    assert prk and [m.text for m in prk[0].mentions] == ["North Korean"]
    assert not any(e.type == "PERSON" and e.name == "North Korean" for e in ents)


def test_title_word_inside_an_organisation_name_is_kept() -> None:
    text = "Aid came from the United Nations High Commissioner for Refugees and from Coach Ana de Vries."
    ents = _entities(text, "en")
    names = {e.name for e in ents}
    assert "High Commissioner for Refugees" in names, names
    assert "Ana de Vries" in {e.name for e in ents if e.type == "PERSON"}


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # the holder of a title is a person even when a surname looks like a place ("Berg") or a firm
        ("sv", "Åklagaren Lena Berg yrkade på fängelse för båda.", "Lena Berg"),
        ("en", "On Sunday the coach Ana Lindqvist named her squad.", "Ana Lindqvist"),
        ("de", "Nach dem Spiel sprach Kapitänin Jana Berg mit Reportern.", "Jana Berg"),
    ],
)
def test_name_after_a_title_is_a_person(lang: str, text: str, name: str) -> None:
    assert name in _persons(text, lang)
