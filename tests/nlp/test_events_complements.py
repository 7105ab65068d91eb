"""Events stage: acts that did not happen (demanded, refused, threatened), coordinated verbs, plain passives,
Korean particles, and trigger words for diplomatic and maritime acts in several languages (issue 5).
Sentences written for these tests."""

from __future__ import annotations

import pytest
from tests.nlp.test_events import codes, lexicon_events, make_doc

from wirescope.model import Event

ENTITIES = {
    "en": {"Russia": ("COUNTRY", "RUS"), "Poland": ("COUNTRY", "POL"), "Polish": ("COUNTRY", "POL"),
           "Germany": ("COUNTRY", "DEU"), "EU": ("ORGANIZATION", "European Union")},
    "sv": {"Ryssland": ("COUNTRY", "RUS"), "Polen": ("COUNTRY", "POL"), "polska": ("COUNTRY", "POL"),
           "Finland": ("COUNTRY", "FIN")},
    "nl": {"Rusland": ("COUNTRY", "RUS"), "Polen": ("COUNTRY", "POL"), "Russische": ("COUNTRY", "RUS"),
           "Duitsland": ("COUNTRY", "DEU")},
    "de": {"Russland": ("COUNTRY", "RUS"), "Polen": ("COUNTRY", "POL"), "Deutschland": ("COUNTRY", "DEU"),
           "russischen": ("COUNTRY", "RUS"), "Kenia": ("COUNTRY", "KEN"), "Haiti": ("COUNTRY", "HTI")},
    "fr": {"France": ("COUNTRY", "FRA"), "russe": ("COUNTRY", "RUS"), "Russie": ("COUNTRY", "RUS")},
    "pt": {"Brasil": ("COUNTRY", "BRA"), "russo": ("COUNTRY", "RUS"), "Rússia": ("COUNTRY", "RUS")},
    "ko": {"일본과": ("COUNTRY", "JPN"), "미국도": ("COUNTRY", "USA"), "필리핀에": ("COUNTRY", "PHL"),
           "필리핀": ("COUNTRY", "PHL"), "중국": ("COUNTRY", "CHN")},
}


def events_of(lang: str, sentence: str) -> list[Event]:
    return lexicon_events(make_doc(sentence, lang, ENTITIES[lang]))


def found(evs: list[Event], category: str, actor: str, recipient: str | None) -> bool:
    return any(e.event == category and actor in codes(e.actor)
               and (recipient is None or recipient in codes(e.recipient)) for e in evs)


@pytest.mark.parametrize(
    ("lang", "sentence", "category", "absent"),
    [
        ("en", "Germany demanded that Russia withdraw its troops from the border.", "REQUEST", "RETREAT"),
        ("en", "Russia refused to release the Polish fishermen.", "REJECT", "RETREAT"),
        ("en", "Poland rejected the accusations made by Russia.", "REJECT", "ACCUSE"),
        ("en", "Russia threatened to halt trade with Poland.", "THREATEN", "COOPERATE"),
        ("sv", "Polen krävde att Ryssland släpper fartyget omedelbart.", "REQUEST", "RETREAT"),
        ("nl", "Duitsland eiste dat Rusland de gevangenen vrijlaat en riep Polen op tot kalmte.", "REQUEST",
         "RETREAT"),
        ("de", "Ein Gericht in Polen hatte die Auslieferung an Deutschland abgelehnt.", "REJECT", "COOPERATE"),
    ],
)
def test_a_governed_act_is_no_event(lang: str, sentence: str, category: str, absent: str) -> None:
    """"Demanded that X withdraw" is a demand by the speaker, not a withdrawal by X."""
    evs = events_of(lang, sentence)
    assert any(e.event == category for e in evs)
    assert not any(e.event == absent for e in evs)


def test_a_coordinated_act_keeps_its_own_category() -> None:
    evs = events_of("en", "Russia rejected the proposal and attacked Poland.")
    assert found(evs, "REJECT", "RUS", None) and found(evs, "ASSAULT", "RUS", "POL")


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Russia accused Poland of spying and threatened countermeasures."),
        ("sv", "Ryssland krävde att Polen släpper fartyget och hotade med motåtgärder."),
    ],
)
def test_a_coordinated_verb_takes_the_first_verbs_object(lang: str, sentence: str) -> None:
    evs = events_of(lang, sentence)
    threats = [e for e in evs if e.event == "THREATEN"]
    assert threats and codes(threats[0].actor) == {"RUS"} and codes(threats[0].recipient) == {"POL"}


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Two Polish sailors were arrested in the port."),
        ("sv", "Tre polska sjömän har gripits i hamnen."),
    ],
)
def test_a_plain_passive_has_no_actor(lang: str, sentence: str) -> None:
    """The subject of a passive with no agent is acted on: it is not the actor."""
    assert not any("POL" in codes(e.actor) for e in events_of(lang, sentence))


def test_a_passive_with_its_agent_is_coded() -> None:
    evs = events_of("en", "Two Polish sailors were arrested by Russia in the port.")
    assert found(evs, "COERCE", "RUS", "POL")


def test_a_progressive_is_not_a_passive() -> None:
    evs = events_of("en", "Poland said it was suspending the agreement with Russia.")
    assert found(evs, "SANCTION", "POL", "RUS")


def test_a_future_auxiliary_is_not_a_passive() -> None:
    evs = events_of("de", "Kenia wird im nächsten Jahr Polizisten nach Haiti schicken.")
    assert found(evs, "AID", "KEN", "HTI")


def test_a_new_clause_after_comma_and_keeps_its_subject() -> None:
    evs = events_of("en", "The EU imposed new sanctions last year, and Poland has tightened its controls.")
    sanctions = [e for e in evs if e.event == "SANCTION"]
    assert sanctions and "POL" not in codes(sanctions[0].recipient)


def test_korean_particles_written_inside_mentions() -> None:
    """"일본과 미국도": the particle 과 joins Japan and the US into one actor; 에 marks the recipient."""
    evs = events_of("ko", "일본과 미국도 필리핀에 구호물자를 보냈다.")
    aid = [e for e in evs if e.event == "AID"]
    assert aid and codes(aid[0].actor) == {"JPN", "USA"} and codes(aid[0].recipient) == {"PHL"}


def test_korean_recipient_alone_is_no_actor() -> None:
    assert not events_of("ko", "필리핀에 인도적 지원을 제공하기로 했다.")


@pytest.mark.parametrize(
    ("lang", "sentence", "category", "actor", "recipient"),
    [
        ("en", "Poland summoned the Russian ambassador on Monday.", "ACCUSE", "POL", "RUS"),
        ("sv", "Finland kallade upp Rysslands ambassadör i går.", "ACCUSE", "FIN", "RUS"),
        ("de", "Deutschland bestellte den russischen Botschafter ein.", "ACCUSE", "DEU", "RUS"),
        ("fr", "La France a convoqué l'ambassadeur russe lundi.", "ACCUSE", "FRA", "RUS"),
        ("ko", "필리핀 정부는 중국 대사를 초치했다.", "ACCUSE", "PHL", "CHN"),
        ("nl", "Duitsland heeft een Russische diplomaat tot persona non grata verklaard.", "SANCTION", "DEU",
         "RUS"),
        ("pt", "O Brasil declarou um diplomata russo persona non grata.", "SANCTION", "BRA", "RUS"),
        ("en", "The Polish coast guard boarded a Russian tanker.", "COERCE", "POL", "RUS"),
        ("sv", "Finland bordade ett ryskt fartyg i går.", "COERCE", "FIN", None),
        ("fr", "La France a arraisonné un navire russe.", "COERCE", "FRA", "RUS"),
        ("en", "Germany thanked Poland for its help.", "SUPPORT", "DEU", "POL"),
        ("nl", "Duitsland bedankte Polen voor de hulp.", "SUPPORT", "DEU", "POL"),
        ("de", "Polen dankte Deutschland für die Hilfe.", "SUPPORT", "POL", "DEU"),
        ("de", "Russland warf Deutschland vor, die Ermittlungen zu behindern.", "ACCUSE", "RUS", "DEU"),
        ("de", "Polen lieferte den Verdächtigen an Deutschland aus.", "COOPERATE", "POL", "DEU"),
    ],
)
def test_diplomatic_and_maritime_triggers(lang: str, sentence: str, category: str, actor: str,
                                          recipient: str | None) -> None:
    assert found(events_of(lang, sentence), category, actor, recipient)


def test_a_named_alliance_is_no_act() -> None:
    """"the alliance" names an organisation; forming one is the act."""
    assert not events_of("en", "Poland said the alliance stands behind Germany.")
    assert found(events_of("en", "Poland and Germany formed an alliance in 1991."), "COOPERATE", "POL", "DEU")
