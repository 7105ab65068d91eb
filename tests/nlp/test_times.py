"""Tests of the ``times`` stage: the whole written test set per language (95% threshold), seeds, and targeted
cases (no false dates, unresolved without anchor, offsets, event dating)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType

import pytest
from tests.conftest import require_shared

from wirescope.model import Document, Sentence
from wirescope.nlp import times

ROOT = Path(__file__).resolve().parents[2]
ANCHOR = date(2023, 9, 14)  # a Thursday


def _evaluation() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluation_times", ROOT / "evaluation" / "times.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluation_times"] = module
    spec.loader.exec_module(module)
    return module


EVAL = _evaluation()


def values(text: str, lang: str, anchor: date | None = ANCHOR) -> list[str | None]:
    return [t.value for t in times.extract(text, lang, anchor)]


@pytest.mark.parametrize("code", EVAL.languages())
def test_written_test_set(code: str) -> None:
    errors: list[str] = []
    accuracy = EVAL.score(EVAL.load_cases(code), EVAL.wirescope_system, False, errors)
    assert accuracy >= 0.95, "\n".join(errors)


@pytest.mark.parametrize("code", EVAL.languages())
def test_test_set_has_forty_items(code: str) -> None:
    assert len(EVAL.load_cases(code)) >= 40


def test_seed_gold_times() -> None:
    require_shared("seeds", "gold.yaml")
    errors: list[str] = []
    assert EVAL.seed_accuracy(False, errors) >= 0.9, "\n".join(errors)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nu is het tijd om te handelen.", "nl"),
        ("The minister may resign if the vote fails.", "en"),
        ("May I ask a question?", "en"),
        ("Turnout reached 20 000 and inflation was 3,5 percent.", "en"),
        ("More than 2000 soldiers and 1999 vehicles took part.", "en"),
        ("Il a été très actif.", "fr"),
        ("El mar estaba tranquilo.", "es"),
    ],
)
def test_no_false_dates(text: str, lang: str) -> None:
    assert times.extract(text, lang, ANCHOR) == []


def test_relative_expressions_unresolved_without_anchor() -> None:
    text = "Yesterday the talks resumed; they will end in September. It began on 9 May 2019."
    found = times.extract(text, "en", None)
    by_text = {t.text: t for t in found}
    assert by_text["Yesterday"].value is None and by_text["Yesterday"].anchor is None
    assert by_text["September"].value is None and by_text["September"].interval_start is None
    assert by_text["9 May 2019"].value == "2019-05-09"  # absolute dates need no anchor


def test_offsets_and_interval() -> None:
    text = "Exporten föll i juni i år."
    (t,) = times.extract(text, "sv", ANCHOR)
    assert text[t.start : t.end] == t.text == "juni i år"
    assert (t.value, t.interval_start, t.interval_end, t.precision, t.anchor) == (
        "2023-06", "2023-06-01", "2023-06-30", "month", "2023-09-14"
    )


def test_week_value_and_weekday_conventions() -> None:
    assert values("De två ledarna möts denna vecka.", "sv") == ["2023-W37"]
    assert values("He met the envoy on Tuesday.", "en") == ["2023-09-12"]
    assert values("They will meet on Tuesday.", "en") == ["2023-09-19"]
    assert values("Last Thursday the vote failed.", "en") == ["2023-09-07"]


def test_since_duration_and_ranges() -> None:
    (since,) = times.extract("Sanktionerna gäller sedan 2006.", "sv", ANCHOR)
    assert (since.kind, since.value, since.interval_start) == ("since", "2006", "2006-01-01")
    assert since.interval_end == "2023-09-14"
    (dur,) = times.extract("Meer dan twee jaar lang was de grens dicht.", "nl", ANCHOR)
    assert (dur.kind, dur.value, dur.interval_start) == ("duration", "P2Y", None)
    assert values("In de jaren 1990 en 2000 groeide de handel.", "nl") == ["1990/2009"]
    assert values("From the late 1940s until 1991 it was an ally.", "en") == ["1947/1991"]


def test_nested_offset_keeps_the_embedded_date() -> None:
    found = times.extract("The month after the invasion in February last year, aid arrived.", "en", ANCHOR)
    assert [t.value for t in found] == ["2022-03", "2022-02"]


def test_stage_uses_publication_date_and_sentences() -> None:
    text = "Gisteren sprak de minister. Vandaag reist hij af."
    doc = Document(text=text, language="nl", published=datetime(2022, 8, 25, tzinfo=UTC))
    doc.sentences = [Sentence(0, 0, 27, "nl"), Sentence(1, 28, len(text), "nl")]
    times.run(doc)
    assert [(t.value, t.sentence) for t in doc.times] == [("2022-08-24", 0), ("2022-08-25", 1)]
    assert all(t.provenance and t.provenance.stage == "times" for t in doc.times)


def test_date_for_span_prefers_clause_then_sentence_then_publication() -> None:
    text = "On Tuesday the army attacked, and in 2019 they signed a deal. Later they met again."
    doc = Document(text=text, language="en", published=datetime(2023, 9, 14, tzinfo=UTC))
    doc.sentences = [Sentence(0, 0, 61, "en"), Sentence(1, 62, len(text), "en")]
    times.run(doc)
    attacked = text.index("attacked")
    signed = text.index("signed")
    met = text.index("met")
    assert times.date_for_span(doc, attacked, attacked + 8)[0] == "2023-09-12"
    assert times.date_for_span(doc, signed, signed + 6)[0] == "2019"
    assert times.date_for_span(doc, met, met + 3) == ("2023-09-14", "2023-09-14", "2023-09-14", "inferred")
    doc.published = None
    assert times.date_for_span(doc, met, met + 3) == (None, None, None, None)


def test_offsets_survive_normalised_digits_and_cjk() -> None:
    text = "بدأت الحرب في ٢٤ فبراير ٢٠٢٢ حسب المصادر."
    (t,) = times.extract(text, "ar", ANCHOR)
    assert text[t.start : t.end] == t.text == "٢٤ فبراير ٢٠٢٢" and t.value == "2022-02-24"
    (k,) = times.extract("수출은 올해 6월 감소했다.", "ko", ANCHOR)
    assert (k.text, k.value) == ("올해 6월", "2023-06")


def test_sentence_in_a_language_without_rules_uses_the_document_language() -> None:
    text = "Mötet hölls i tisdags."
    doc = Document(text=text, language="sv", published=datetime(2023, 9, 14, tzinfo=UTC))
    doc.sentences = [Sentence(0, 0, len(text), "no")]
    times.run(doc)
    assert [t.value for t in doc.times] == ["2023-09-12"]


def test_names_that_look_like_times() -> None:
    assert values("De Morgen meldt dat de minister morgen vertrekt.", "nl") == ["2023-09-15"]
    assert values("Plácido Domingo cantó el domingo por la mañana.", "es") == ["2023-09-10"]
    assert values("USA Today reported the deal.", "en") == []


def test_reporting_verb_keeps_weekday_in_the_past() -> None:
    assert values("He said on Tuesday that he will resign.", "en") == ["2023-09-12"]
    assert values("The leaders will meet on Tuesday.", "en") == ["2023-09-19"]


def test_spelled_out_decades() -> None:
    assert values("Eind jaren tachtig viel de muur.", "nl") == ["1987/1989"]
    assert values("In the nineties and in his eighties he wrote.", "en") == ["1990/1999"]
    assert values("В девяностые годы экономика упала.", "ru") == ["1990/1999"]
