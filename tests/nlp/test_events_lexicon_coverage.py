"""Trigger lemmas the PLOVER 2.0 manual's category definitions name (surrender, demolition, hacking, roads blocked
by protesters, complaints, approval, willingness, ...) in the en/de/fr/es event lexicons, on sentences written for
these tests: the category each lexicon must find, and the readings it must not give (a longer phrase wins over the
shorter trigger inside it; ambiguous forms such as the month "March" or "in order to" trigger nothing)."""

from __future__ import annotations

import pytest

from wirescope.nlp import events


def categories(code: str, sentence: str) -> set[str]:
    """Categories of the lexicon triggers one language's lexicon finds in a sentence."""
    lex = events.get_lexicon(code)
    return {t.category for t in events.find_triggers(lex, events.tokenize(sentence, 0, code), sentence, 0)}


# (language, sentence, category that must be found, categories that must not be)
CASES = [
    # RETREAT: surrender, giving up weapons, ceding territory, repatriation, access for third parties
    ("en", "Two hundred militiamen surrendered to the army on Monday.", "RETREAT", ()),
    ("en", "The province was ceded to its neighbour under the treaty.", "RETREAT", ()),
    ("en", "The government allowed aid workers into the northern districts.", "RETREAT", ()),
    ("de", "Die Kämpfer legten die Waffen nieder und ergaben sich.", "RETREAT", ()),
    ("fr", "Les rebelles ont déposé les armes après la reddition de leur chef.", "RETREAT", ()),
    ("es", "Los guerrilleros se rindieron ante el ejército.", "RETREAT", ()),
    # COERCE: demolition of homes, hacking, restrictions, bans, cutting off utilities
    ("en", "Bulldozers demolished a dozen houses near the checkpoint.", "COERCE", ()),
    ("en", "The group hacked the ministry's servers last week.", "COERCE", ()),
    ("en", "The authorities cut off electricity to the besieged district.", "COERCE", ()),
    ("de", "Die Regierung verhängte neue Einschränkungen für Journalisten.", "COERCE", ()),
    ("fr", "Le ministère a interdit le parti d'opposition.", "COERCE", ()),
    ("es", "El gobierno prohibió las reuniones de la oposición.", "COERCE", ()),
    # PROTEST: blocking roads is an obstruction, not a refusal (the longer phrase wins over "block*")
    ("en", "Farmers blocked roads around the capital with tractors.", "PROTEST", ("REJECT",)),
    ("de", "Bauern blockierten die Autobahn mit Traktoren.", "PROTEST", ("REJECT",)),
    ("fr", "Des chauffeurs ont bloqué les routes menant au port.", "PROTEST", ("REJECT",)),
    ("es", "Los vecinos bloquearon las carreteras de acceso a la mina.", "PROTEST", ("REJECT",)),
    # CONCEDE: calling off a strike and declaring a ceasefire are concessions, not a cancellation
    ("en", "The union called off its week-long strike on Friday.", "CONCEDE", ("SANCTION",)),
    ("en", "The militia declared a unilateral ceasefire in the south.", "CONCEDE", ()),
    ("es", "La milicia declaró una tregua de tres días.", "CONCEDE", ()),
    # ACCUSE: complaints and formal protests are accusations, not demonstrations
    ("en", "Vienna lodged a formal protest with the embassy.", "ACCUSE", ("PROTEST",)),
    ("en", "The minister complained about the delays at the border.", "ACCUSE", ()),
    ("es", "La cancillería envió una nota de protesta a la embajada.", "ACCUSE", ("PROTEST",)),
    ("de", "Das Außenministerium übergab eine Protestnote.", "ACCUSE", ("PROTEST",)),
    # SUPPORT / AGREE: approval and willingness
    ("en", "Parliament approved the new border agreement.", "SUPPORT", ()),
    ("fr", "Le Sénat a approuvé la réforme constitutionnelle.", "SUPPORT", ()),
    ("en", "The rebels said they were willing to return to the talks.", "AGREE", ()),
    # REQUEST: pressure; ASSAULT: abduction; MOBILIZE: alert
    ("en", "Donors are pressuring the government to hold elections.", "REQUEST", ()),
    ("es", "Los donantes presionan al gobierno para convocar elecciones.", "REQUEST", ()),
    ("en", "Gunmen kidnapped three engineers near the dam.", "ASSAULT", ()),
    ("de", "Unbekannte entführten zwei Mitarbeiter einer Hilfsorganisation.", "ASSAULT", ()),
    ("en", "The navy was put on alert after the incident.", "MOBILIZE", ()),
    ("fr", "L'armée a été placée en état d'alerte.", "MOBILIZE", ()),
]


@pytest.mark.parametrize(("code", "sentence", "wanted", "unwanted"), CASES)
def test_category_found(code: str, sentence: str, wanted: str, unwanted: tuple[str, ...]) -> None:
    found = categories(code, sentence)
    assert wanted in found, found
    assert not found & set(unwanted), found


# ambiguous forms the completion deliberately left out: they must stay untriggered
QUIET = [
    ("en", "The report was published in March in order to inform voters."),
    ("en", "The company's chief executive said computer hackers were a concern."),
    ("fr", "Le marché de la capitale a rouvert ses portes aux clients."),
    ("es", "El presidente rindió homenaje a los bomberos."),
]


@pytest.mark.parametrize(("code", "sentence"), QUIET)
def test_ambiguous_forms_trigger_nothing(code: str, sentence: str) -> None:
    assert categories(code, sentence) == set()
