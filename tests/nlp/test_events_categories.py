"""Category confusions found on the held-out dev set (issue 5): a verb coordinated with an earlier one across a
clause keeps its own act (not only the first verb's category is coded), an accusation called unfounded is
rejected (not an accusation), and reduced tariffs or sanctions are eased (CONCEDE, not SANCTION). Sentences
written for these tests."""

from __future__ import annotations

import pytest
from tests.nlp.test_events import codes, lexicon_events, make_doc

COUNTRIES = {
    "Chile": ("COUNTRY", "CHL"), "Peru": ("COUNTRY", "PER"), "Norway": ("COUNTRY", "NOR"),
    "Sudan": ("COUNTRY", "SDN"), "Chad": ("COUNTRY", "TCD"), "Bolivia": ("COUNTRY", "BOL"),
    "Canada": ("COUNTRY", "CAN"), "Mexico": ("COUNTRY", "MEX"),
}


def _events(text: str, lang: str, entities: dict[str, tuple[str, str]]) -> dict[str, list[set[str]]]:
    """category -> [actor codes, recipient codes] of the first event of that category."""
    out: dict[str, list[set[str]]] = {}
    for ev in lexicon_events(make_doc(text, lang, entities)):
        out.setdefault(ev.event, [codes(ev.actor), codes(ev.recipient)])
    return out


def test_coordinated_verb_after_a_participle_clause_keeps_its_act() -> None:
    text = ("Chile's navy rejected the claims, saying the vessel had stayed in its own waters for weeks, "
            "and accused Peru of staging the incident.")
    found = _events(text, "en", COUNTRIES | {"Chile's": ("COUNTRY", "CHL")})
    assert found["REJECT"][0] == {"CHL"}
    assert found.get("ACCUSE") == [{"CHL"}, {"PER"}]


def test_coordinated_verb_after_a_relative_clause_takes_the_first_subject() -> None:
    text = ("Norway's envoy, who chaired the first round in Oslo, telephoned Sudan and Chad on Friday "
            "and urged them to keep talking.")
    found = _events(text, "en", COUNTRIES | {"Norway's": ("COUNTRY", "NOR")})
    assert found["CONSULT"] == [{"NOR"}, {"SDN", "TCD"}]
    assert found.get("REQUEST") == [{"NOR"}, {"SDN", "TCD"}]


def test_coordinated_nouns_are_no_second_verb() -> None:
    # the subject is too far from "cooperation" for the noun to find it: only a second verb would share it
    text = ("Bolivia, whose delegation arrived in Oslo on Sunday, promised to gradually expand the "
            "technical dialogue and cooperation of its customs offices with Peru.")
    found = _events(text, "en", COUNTRIES)
    assert "AGREE" in found
    assert "COOPERATE" not in found


@pytest.mark.parametrize(("lang", "text", "entities"), [
    ("en", "Chile called the accusations made by Peru baseless.", {"Chile": ("COUNTRY", "CHL"),
                                                                   "Peru": ("COUNTRY", "PER")}),
    ("nl", "Chili noemde de beschuldigingen van Peru ongegrond.", {"Chili": ("COUNTRY", "CHL"),
                                                                  "Peru": ("COUNTRY", "PER")}),
    ("de", "Chile nannte die Vorwürfe aus Peru haltlos.", {"Chile": ("COUNTRY", "CHL"), "Peru": ("COUNTRY", "PER")}),
    ("es", "Chile calificó de infundadas las acusaciones de Perú.", {"Chile": ("COUNTRY", "CHL"),
                                                                     "Perú": ("COUNTRY", "PER")}),
    ("pl", "Chile nazwało zarzuty Peru bezpodstawnymi.", {"Chile": ("COUNTRY", "CHL"), "Peru": ("COUNTRY", "PER")}),
    ("ru", "Чили назвало обвинения Перу беспочвенными.", {"Чили": ("COUNTRY", "CHL"), "Перу": ("COUNTRY", "PER")}),
])
def test_accusation_called_unfounded_is_rejected(lang: str, text: str, entities: dict[str, tuple[str, str]]
                                                 ) -> None:
    found = _events(text, lang, entities)
    assert found.get("REJECT") == [{"CHL"}, {"PER"}]
    assert "ACCUSE" not in found  # the accusation noun is the object of the rejection, no act of its own


@pytest.mark.parametrize(("lang", "text", "entities"), [
    ("en", "Canada agreed to cut tariffs on steel from Mexico.", COUNTRIES),
    ("pt", "O Chile comprometeu-se a reduzir as tarifas sobre o aço do Peru.", {"Chile": ("COUNTRY", "CHL"),
                                                                                 "Peru": ("COUNTRY", "PER")}),
    ("fr", "Le Chili va réduire les sanctions contre le Pérou.", {"Chili": ("COUNTRY", "CHL"),
                                                                  "Pérou": ("COUNTRY", "PER")}),
])
def test_reduced_tariffs_or_sanctions_are_eased(lang: str, text: str, entities: dict[str, tuple[str, str]]) -> None:
    found = _events(text, lang, entities)
    assert "CONCEDE" in found
    assert "SANCTION" not in found


def test_imposed_tariffs_stay_a_sanction() -> None:
    found = _events("Canada imposed new tariffs on steel from Mexico.", "en", COUNTRIES)
    assert found.get("SANCTION") == [{"CAN"}, {"MEX"}]
    assert "CONCEDE" not in found


@pytest.mark.parametrize(("lang", "text", "entities"), [
    ("en", "Chile's investigators arrived in Peru on Monday.", {"Chile's": ("COUNTRY", "CHL"),
                                                               "Peru": ("COUNTRY", "PER")}),
    ("de", "Chiles Ermittler reisten am Montag nach Peru.", {"Chiles": ("COUNTRY", "CHL"), "Peru": ("COUNTRY", "PER")}),
    ("de", "Chile hat den Mann dem Ermittlungsrichter in Peru vorgeführt.", {"Chile": ("COUNTRY", "CHL"),
                                                                            "Peru": ("COUNTRY", "PER")}),
])
def test_investigators_are_people_not_an_accusation(lang: str, text: str, entities: dict[str, tuple[str, str]]
                                                    ) -> None:
    assert "ACCUSE" not in _events(text, lang, entities)


def test_an_investigation_stays_an_accusation() -> None:
    found = _events("Chile opened an investigation into Peru's fishing fleet.", "en",
                    {"Chile": ("COUNTRY", "CHL"), "Peru's": ("COUNTRY", "PER")})
    assert found.get("ACCUSE") == [{"CHL"}, {"PER"}]


def test_a_military_strike_is_no_walkout() -> None:
    found = _events("Chile's navy denied carrying out the strike on the port in Peru.", "en",
                    {"Chile's": ("COUNTRY", "CHL"), "Peru": ("COUNTRY", "PER")})
    assert "PROTEST" not in found
    assert "ASSAULT" in found


def test_a_labour_strike_stays_a_protest() -> None:
    found = _events("Dock workers in Chile went on strike on Monday.", "en", {"Chile": ("COUNTRY", "CHL")})
    assert "PROTEST" in found
