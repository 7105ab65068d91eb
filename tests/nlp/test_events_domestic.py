"""Events stage beyond the seeds (issue 5, held-out failures): ignored phrases, trigger words inside names,
domestic events with same-country recipients, Slavic genitives after the verb and headline dating; on sentences
written for these tests, in several languages."""

from __future__ import annotations

import pytest
from tests.nlp.test_events import codes, lexicon_events, make_doc

from wirescope.nlp import events

# (language, sentence, the ignored phrase's trigger word): "declined to comment" is no rejection
IGNORED = [
    ("en", "Russia declined to comment on the report about Iran.", "declined"),
    ("de", "Russland lehnte einen Kommentar zu dem Bericht über Iran ab.", "lehnte"),
    ("fr", "La Russie a refusé de commenter les informations sur l'Iran.", "refusé"),
    ("es", "Rusia se negó a comentar el informe sobre Irán.", "se negó"),
    ("it", "La Russia ha rifiutato di commentare il rapporto sull'Iran.", "rifiutato"),
    ("pt", "A Rússia recusou-se a comentar o relatório sobre o Irão.", "recusou-se"),
    ("ru", "Россия отказалась комментировать сообщения об Иране.", "отказалась"),
    ("uk", "Росія відмовилася коментувати повідомлення про Іран.", "відмовилася"),
    ("pl", "Rosja odmówiła komentarza w sprawie Iranu.", "odmówiła"),
    ("sv", "Ryssland vägrade att kommentera uppgifterna om Iran.", "vägrade"),
    ("nl", "Rusland weigerde commentaar te geven op het bericht over Iran.", "weigerde"),
]


def _trigger_texts(code: str, sentence: str) -> list[str]:
    lex = events.get_lexicon(code)
    found = events.find_triggers(lex, events.tokenize(sentence, 0, code), sentence, 0)
    return [sentence[t.start : t.end] for t in found]


@pytest.mark.parametrize(("code", "sentence", "word"), IGNORED)
def test_ignored_phrase_is_no_event(code: str, sentence: str, word: str) -> None:
    assert word in _trigger_texts(code, sentence)  # the lexicon alone reads a rejection
    first, second = sentence.split()[0], None
    for cand in ("Iran", "Irán", "Irão", "Иране", "Іран", "Iranu", "l'Iran", "sull'Iran"):
        if cand in sentence:
            second = cand
            break
    assert second is not None
    doc = make_doc(sentence, code, {first: ("COUNTRY", "RUS"), second: ("COUNTRY", "IRN")})
    assert [e for e in lexicon_events(doc) if e.event == "REJECT"] == []


def test_rejection_without_ignored_phrase_is_kept() -> None:
    doc = make_doc("Russia declined the invitation from Iran.", "en",
                   {"Russia": ("COUNTRY", "RUS"), "Iran": ("COUNTRY", "IRN")})
    assert any(e.event == "REJECT" and codes(e.actor) == {"RUS"} for e in lexicon_events(doc))


def test_trigger_inside_a_name_is_dropped() -> None:
    text = "The Popular Support Front met Sudan's army in Jeddah."
    doc = make_doc(text, "en", {"Popular Support Front": ("ORGANIZATION", "Popular Support Front"),
                                "Sudan": ("COUNTRY", "SDN")})
    found = lexicon_events(doc)
    assert all(e.event != "SUPPORT" for e in found)
    assert any(e.event == "CONSULT" for e in found)

