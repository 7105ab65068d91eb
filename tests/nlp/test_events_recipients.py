"""Recipients named without a name (issue 5): "his counterpart" is the other state of the story, and the
antecedent of a relative pronoun in the dative ("to whom", "яким") is the recipient of its clause's act.
Sentences written for these tests."""

from __future__ import annotations

import pytest
from tests.nlp.test_events import codes, lexicon_events, make_doc_of

from wirescope.model import Event

ENTITIES = {
    "Chile": ("COUNTRY", "CHL"), "Chili": ("COUNTRY", "CHL"), "Chilean": ("COUNTRY", "CHL"),
    "Peru": ("COUNTRY", "PER"), "Pérou": ("COUNTRY", "PER"), "péruvien": ("COUNTRY", "PER"),
    "chilien": ("COUNTRY", "CHL"), "Lima": ("PLACE", "PER"), "Santiago": ("PLACE", "CHL"),
    "Bolivia": ("COUNTRY", "BOL"),
    "Бразилія": ("COUNTRY", "BRA"), "Аргентина": ("COUNTRY", "ARG"), "Аргентині": ("COUNTRY", "ARG"),
}


def _first(events: list[Event], category: str) -> Event:
    found = [e for e in events if e.event == category]
    assert found, f"no {category} in {[e.event for e in events]}"
    return found[0]


@pytest.mark.parametrize(("lang", "sentences", "category"), [
    ("en", ["Chile and Peru held talks in Santiago on the border dispute.",
            "Peru said on Monday that Lima wants a quick settlement.",
            "The Chilean minister urged his counterpart to reopen the crossings."], "REQUEST"),
    ("fr", ["Le Chili et le Pérou ont discuté du différend frontalier.",
            "Le Pérou veut un règlement rapide, a indiqué Lima.",
            "Le ministre chilien a demandé à son homologue de rouvrir les postes frontières."], "REQUEST"),
])
def test_counterpart_is_the_other_state_of_the_story(lang: str, sentences: list[str], category: str) -> None:
    ev = _first(lexicon_events(make_doc_of(sentences, lang, ENTITIES)), category)
    assert codes(ev.actor) == {"CHL"}
    assert codes(ev.recipient) == {"PER"}


def test_counterpart_with_its_own_adjective_is_not_guessed() -> None:
    """"son homologue péruvien": the adjective is the mention; the counterpart noun adds nothing."""
    sentences = ["Le Chili et la Bolivie ont discuté du différend frontalier.",
                 "La Bolivie veut un règlement rapide, a indiqué La Paz, et la Bolivie attend.",
                 "Le ministre chilien a demandé à son homologue péruvien de rouvrir les postes frontières."]
    ev = _first(lexicon_events(make_doc_of(sentences, "fr", ENTITIES)), "REQUEST")
    assert codes(ev.recipient) == {"PER"}


def test_counterpart_without_a_story_is_no_recipient() -> None:
    """No state is mentioned twice before: the counterpart is not guessed."""
    ev = _first(lexicon_events(make_doc_of(["The Chilean minister urged his counterpart to reopen the crossings."],
                                            "en", ENTITIES)), "REQUEST")
    assert codes(ev.actor) == {"CHL"} and not ev.recipient


def test_dative_relative_antecedent_is_the_recipient() -> None:
    sentence = "Це була Бразилія, якій Аргентина подякувала."
    ev = _first(lexicon_events(make_doc_of([sentence], "uk", ENTITIES)), "SUPPORT")
    assert codes(ev.actor) == {"ARG"}
    assert codes(ev.recipient) == {"BRA"}


def test_nominative_relative_keeps_its_antecedent_as_actor() -> None:
    """"Бразилія, яка подякувала Аргентині": the relative pronoun is the subject, its antecedent the actor."""
    sentence = "Це була Бразилія, яка подякувала Аргентині."
    ev = _first(lexicon_events(make_doc_of([sentence], "uk", ENTITIES)), "SUPPORT")
    assert codes(ev.actor) == {"BRA"}
    assert codes(ev.recipient) == {"ARG"}


def test_dative_relative_in_english() -> None:
    ev = _first(lexicon_events(make_doc_of(["It was Chile, to whom Bolivia expressed support."],
                                            "en", ENTITIES)), "SUPPORT")
    assert codes(ev.actor) == {"BOL"}
    assert codes(ev.recipient) == {"CHL"}


KO_ENTITIES = {"칠레": ("COUNTRY", "CHL"), "페루": ("COUNTRY", "PER"), "볼리비아": ("COUNTRY", "BOL"),
               "페루 외교부": ("ORGANIZATION", "PER")}


def test_verb_final_clause_without_subject_is_the_speakers_act() -> None:
    """"...에 지원을 제공하기로 했다고 X가 밝혔다": the quoted decision has no subject; the speaker after it acts."""
    ev = _first(lexicon_events(make_doc_of(["칠레에 의료 지원을 제공하기로 했다고 페루 외교부가 밝혔다."], "ko",
                                           KO_ENTITIES)), "AID")
    assert codes(ev.actor) == {"PER"}
    assert codes(ev.recipient) == {"CHL"}


def test_verb_final_clause_with_its_own_subject_keeps_it() -> None:
    sentence = "페루는 칠레에 의료 지원을 제공하기로 했다고 볼리비아 언론이 전했다."
    ev = _first(lexicon_events(make_doc_of([sentence], "ko", KO_ENTITIES)), "AID")
    assert codes(ev.actor) == {"PER"}
    assert codes(ev.recipient) == {"CHL"}


def test_mediator_acts_between_the_parties_of_the_story() -> None:
    sentences = ["Chile and Peru resumed talks in Santiago on Monday.",
                 "Peru said the border dispute with Chile could be settled within a year.",
                 "Bolivia mediated the talks."]
    ents = {**ENTITIES, "Brazil": ("COUNTRY", "BRA")}
    mediation = [e for e in lexicon_events(make_doc_of(sentences, "en", ents)) if e.mode == "third-party"]
    assert mediation and codes(mediation[0].actor) == {"BOL"}
    assert codes(mediation[0].recipient) == {"CHL", "PER"}


def test_mediator_without_a_story_has_no_guessed_parties() -> None:
    mediation = [e for e in lexicon_events(make_doc_of(["Bolivia mediated the talks."], "en", ENTITIES))
                 if e.mode == "third-party"]
    assert mediation and not mediation[0].recipient


DE_ENTITIES = {"Österreich": ("COUNTRY", "AUT"), "polnischen": ("COUNTRY", "POL"), "Ungarn": ("COUNTRY", "HUN")}


def test_inserted_clause_does_not_part_subject_and_final_verb() -> None:
    """A relative clause between a subject and its clause-final participle (verb-second German) does not put
    the subject out of reach."""
    sentence = ("Österreich hat einen polnischen Bürger, der seit dem vergangenen Jahr wegen eines schweren Betrugs "
                "in mehreren Ländern gesucht worden war, an Ungarn ausgeliefert.")
    ev = _first(lexicon_events(make_doc_of([sentence], "de", DE_ENTITIES)), "COOPERATE")
    assert codes(ev.actor) == {"AUT"}
    assert codes(ev.recipient) == {"HUN"}
