"""Events stage: acts that did not happen (demanded, refused, threatened), coordinated verbs, plain passives,
Korean particles, pronoun subjects, pair phrases ("both sides"), answered accusations and attacks, the date of an
undated lead, and trigger words for diplomatic and maritime acts in several languages (issue 5).
Sentences written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tests.nlp.test_events import codes, lexicon_events, make_doc, make_doc_of

from wirescope.model import Document, Entity, Event, Mention, Sentence, TimeExpression
from wirescope.nlp import events

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


@pytest.mark.parametrize(
    ("lang", "sentences", "person", "category", "recipient"),
    [
        ("en", ["Poland's president Andrzej Duda spoke to reporters in Warsaw.", "He accused Russia of sabotage."],
         "Andrzej Duda", "ACCUSE", "RUS"),
        ("nl", ["De Poolse president Andrzej Duda sprak in Warschau.", "Hij riep Rusland op tot kalmte."],
         "Andrzej Duda", "REQUEST", "RUS"),
    ],
)
def test_a_sentence_initial_pronoun_is_the_person_before(lang: str, sentences: list[str], person: str,
                                                          category: str, recipient: str) -> None:
    ents = {person: ("PERSON", "POL"), "Russia": ("COUNTRY", "RUS"), "Rusland": ("COUNTRY", "RUS")}
    evs = [e for e in lexicon_events(make_doc_of(sentences, lang, ents)) if e.sentence == 1]
    assert found(evs, category, "POL", recipient)


def test_no_pronoun_referent_without_a_person_before() -> None:
    doc = make_doc_of(["The weather was cold.", "He accused Russia of sabotage."], "en",
                      {"Russia": ("COUNTRY", "RUS")})
    assert not lexicon_events(doc)


def test_a_rejection_answers_the_accusation_against_the_rejecter() -> None:
    doc = make_doc_of(["Poland accused Russia of sabotage on Monday.", "Russia rejected the accusations."], "en",
                      ENTITIES["en"])
    evs = lexicon_events(doc)
    events._answer_rejections(evs)
    rejections = [e for e in evs if e.event == "REJECT"]
    assert rejections and codes(rejections[0].actor) == {"RUS"} and codes(rejections[0].recipient) == {"POL"}


@pytest.mark.parametrize(
    ("lang", "sentence", "category", "absent"),
    [
        ("ko", "필리핀 정부는 중국에 항의했다.", "ACCUSE", "PROTEST"),
    ],
)
def test_a_formal_protest(lang: str, sentence: str, category: str, absent: str) -> None:
    """항의 is a formal protest, not a march."""
    evs = events_of(lang, sentence)
    assert any(e.event == category for e in evs) and not any(e.event == absent for e in evs)


def test_reaching_an_agreement_is_agree() -> None:
    assert found(events_of("pt", "O Brasil e a Rússia chegaram a um acordo sobre o comércio."), "AGREE", "BRA",
                 "RUS")


def test_an_oblique_article_marks_no_subject() -> None:
    doc = make_doc("Die Ministerin dankte am Montag den polnischen Behörden.", "de",
                   {"polnischen Behörden": ("ORGANIZATION", "POL")})
    assert not any("POL" in codes(e.actor) for e in lexicon_events(doc))


def test_korean_clause_after_a_comma_has_its_own_subject() -> None:
    doc = make_doc("일본은 필리핀에 구호물자를 보냈으며, 유엔은 국제사회에 지원을 호소했다.", "ko",
                   {"일본은": ("COUNTRY", "JPN"), "필리핀에": ("COUNTRY", "PHL"),
                    "유엔은": ("ORGANIZATION", "United Nations")})
    requests = [e for e in lexicon_events(doc) if e.event == "REQUEST"]
    assert requests and codes(requests[0].actor) == {"United Nations"}


def test_the_subject_stands_before_a_closed_relative_clause() -> None:
    doc = make_doc("Germany, which chairs the group with Poland, accused Russia of sabotage.", "en", ENTITIES["en"])
    accusations = [e for e in lexicon_events(doc) if e.event == "ACCUSE"]
    assert accusations and codes(accusations[0].actor) == {"DEU"} and codes(accusations[0].recipient) == {"RUS"}


@pytest.mark.parametrize(
    ("lang", "sentence", "entities"),
    [
        ("en", "The treaty was signed by the foreign ministers of Poland on Monday.",
         {"Poland": ("COUNTRY", "POL"), "Germany": ("COUNTRY", "DEU")}),
        ("pt", "O tratado foi firmado pelos chanceleres do Brasil na segunda-feira.",
         {"Brasil": ("COUNTRY", "BRA")}),
    ],
)
def test_a_passive_agent_behind_its_head_noun(lang: str, sentence: str, entities: dict[str, tuple[str, str]]
                                              ) -> None:
    """"signed by the foreign ministers of Poland": Poland is the agent, not a plain passive's patient."""
    evs = lexicon_events(make_doc(sentence, lang, entities))
    assert any(e.event == "SUPPORT" and codes(e.actor) == {entities[next(iter(entities))][1]} for e in evs)


def test_a_retaliation_answers_the_attack() -> None:
    doc = make_doc_of(["Russian troops shelled a Polish border post on Monday.", "Polish troops returned fire."],
                      "en", {"Russian": ("COUNTRY", "RUS"), "Polish": ("COUNTRY", "POL")})
    evs = lexicon_events(doc)
    events._answer_rejections(evs)
    answer = [e for e in evs if e.sentence == 1 and e.event == "ASSAULT"]
    assert answer and codes(answer[0].actor) == {"POL"} and codes(answer[0].recipient) == {"RUS"}


def test_an_attack_two_sentences_later_answers_nothing() -> None:
    doc = make_doc_of(["Russian troops shelled a Polish border post on Monday.", "The weather was cold.",
                       "Polish troops returned fire."], "en",
                      {"Russian": ("COUNTRY", "RUS"), "Polish": ("COUNTRY", "POL")})
    evs = lexicon_events(doc)
    events._answer_rejections(evs)
    assert all(not e.recipient for e in evs if e.sentence == 2)


@pytest.mark.parametrize(
    ("lang", "sentences", "category"),
    [
        ("en", ["Russia and Poland clashed on Monday.", "Russia said Poland had started it.",
                "The UN urged both sides to show restraint."], "REQUEST"),
        ("fr", ["La Russie et la Pologne se sont affrontées lundi.", "La Russie accuse la Pologne.",
                "L'ONU a appelé les deux pays au calme."], "REQUEST"),
        ("de", ["Russland und Polen lieferten sich am Montag Gefechte.", "Russland beschuldigte Polen.",
                "Die UNO rief beide Seiten zur Zurückhaltung auf."], "REQUEST"),
    ],
)
def test_a_pair_phrase_names_the_two_parties(lang: str, sentences: list[str], category: str) -> None:
    ents = {"Russia": ("COUNTRY", "RUS"), "Poland": ("COUNTRY", "POL"), "Russie": ("COUNTRY", "RUS"),
            "Pologne": ("COUNTRY", "POL"), "Russland": ("COUNTRY", "RUS"), "Polen": ("COUNTRY", "POL"),
            "UN": ("ORGANIZATION", "United Nations"), "ONU": ("ORGANIZATION", "United Nations"),
            "UNO": ("ORGANIZATION", "United Nations")}
    evs = [e for e in lexicon_events(make_doc_of(sentences, lang, ents)) if e.sentence == 2 and e.event == category]
    assert evs and codes(evs[0].actor) == {"United Nations"} and codes(evs[0].recipient) == {"RUS", "POL"}


def test_a_pair_phrase_needs_two_parties_before() -> None:
    doc = make_doc_of(["It rained in Warsaw.", "The UN urged both sides to show restraint."], "en",
                      {"UN": ("ORGANIZATION", "United Nations")})
    assert all(not e.recipient for e in lexicon_events(doc))


def _lead_doc(day: str) -> Document:
    """A headline, an undated lead and a sentence dated ``day`` ("on Tuesday"), published 2025-10-15."""
    head = "Poland expels Russian diplomats"
    lead = "Poland has declared two Russian diplomats persona non grata."
    third = "They must leave within a week, the ministry said on Tuesday."
    text = f"{head}\n\n{lead} {third}"
    doc = Document(text=text, language="en", published=datetime(2025, 10, 15, tzinfo=UTC))
    starts = [0, len(head) + 2, len(head) + 3 + len(lead)]
    doc.sentences = [Sentence(i, a, a + len(t), "en") for i, (a, t) in enumerate(zip(starts, [head, lead, third],
                                                                                    strict=True))]
    for surface, code in (("Poland", "POL"), ("Russian", "RUS")):
        mentions = [Mention(surface, i, i + len(surface), 0) for i in range(len(text)) if text.startswith(surface, i)]
        for m in mentions:
            m.sentence = next(x.index for x in doc.sentences if x.start <= m.start < x.end)
        doc.entities.append(Entity(id=f"test:{surface}", type="COUNTRY", name=surface, country=code,
                                   mentions=mentions))
    at = text.index("on Tuesday")
    doc.times = [TimeExpression("on Tuesday", at, at + 10, day, day, day, "day", None, 2)]
    return doc


def test_an_undated_lead_takes_the_day_of_the_next_sentence() -> None:
    lead = [e for e in lexicon_events(_lead_doc("2025-10-14")) if e.sentence == 1 and e.event == "SANCTION"]
    assert lead and lead[0].date == "2025-10-14"


def test_an_undated_lead_keeps_publication_for_an_old_day() -> None:
    lead = [e for e in lexicon_events(_lead_doc("2025-09-02")) if e.sentence == 1 and e.event == "SANCTION"]
    assert lead and lead[0].date != "2025-09-02"
