"""The CRF named-entity tagger (nlp/ner_tagger) on sentences written for these tests."""

from __future__ import annotations

import json
import time

import pytest

from wirescope.model import Document
from wirescope.nlp import entities, ner_tagger
from wirescope.pipeline import Pipeline


@pytest.fixture(scope="module")
def tagger() -> ner_tagger.NerTagger:
    loaded = ner_tagger.load_tagger()
    assert loaded is not None, "ner_crf.model is missing: run .venv/bin/python -m training.train_ner"
    return loaded


def _labelled(tagger: ner_tagger.NerTagger, sentence: str, lang: str) -> dict[str, str]:
    return {s.text: s.label for s in tagger.tag_text(sentence, lang)}


def test_model_loads_with_expected_version(tagger: ner_tagger.NerTagger) -> None:
    meta = json.loads(ner_tagger.META_PATH.read_text(encoding="utf-8"))
    assert meta["feature_version"] == ner_tagger.FEATURE_VERSION
    assert tagger.version == meta["version"]
    assert tagger.version.startswith(f"{ner_tagger.FEATURE_VERSION}.")
    assert sorted(meta["languages"]) == ["es", "nl"]
    assert ner_tagger.MODEL_PATH.stat().st_size < 5_000_000


def test_dutch_person_and_place(tagger: ner_tagger.NerTagger) -> None:
    found = _labelled(tagger, "Burgemeester Pieter Verbeke opende dinsdag in Kortrijk een nieuwe brug.", "nl")
    assert found.get("Pieter Verbeke") == "PER"
    assert found.get("Kortrijk") == "LOC"
    assert "Burgemeester" not in found


def test_spanish_person_organisation_place(tagger: ner_tagger.NerTagger) -> None:
    sentence = "La ministra Carmen Olivares Ruiz visitó ayer la sede de Telefónica en Valladolid."
    found = _labelled(tagger, sentence, "es")
    assert found.get("Carmen Olivares Ruiz") == "PER"
    assert found.get("Telefónica") == "ORG"
    assert found.get("Valladolid") == "LOC"


def test_spans_and_scores(tagger: ner_tagger.NerTagger) -> None:
    tokens = ["Gisteren", "sprak", "Anneke", "de", "Wit", "in", "Gent", "."]
    spans = tagger.tag(tokens, "nl")
    assert all(0.0 <= s.score <= 1.0 and 0 <= s.start < s.end <= len(tokens) for s in spans)
    assert ("Gent", "LOC") in {(" ".join(tokens[s.start : s.end]), s.label) for s in spans}
    assert tagger.tag([], "nl") == []


def test_offsets_point_into_the_text(tagger: ner_tagger.NerTagger) -> None:
    text = "Volgens Marieke Janssens, woordvoerster van de gemeente Leuven, komt er geen nieuwe regel."
    for span in tagger.tag_text(text, "nl", offset=100):
        assert text[span.start - 100 : span.end - 100] == span.text


def test_bio_spans() -> None:
    assert ner_tagger.bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG"),
    ]


def test_tagging_is_cheap(tagger: ner_tagger.NerTagger) -> None:
    sentences = [
        f"De {word} minister Jan Peeters ontmoette op {day} in Brussel de directeur van de Nationale Bank ."
        for word in ("Belgische", "Nederlandse", "Franse") for day in ("maandag", "dinsdag", "woensdag")
    ]
    tagger.tag_text(sentences[0], "nl")
    start = time.process_time()
    for sentence in sentences * 10:
        tagger.tag_text(sentence, "nl")
    assert (time.process_time() - start) / (len(sentences) * 10) < 0.002  # target < 1 ms; slack for shared CPUs


def test_entity_stage_types_an_unknown_surname_as_person() -> None:
    """Through the hook in the entity stage: a name no lexicon knows, typed by the tagger."""
    assert "nl" in entities.TAGGER_LANGS
    text = "Wethouder Joris Vermeulen verdedigde het plan. Vermeulen zei dat de brug in Aalst er komt."
    doc = Pipeline(["language", "segment", "entities"])(Document(text=text, language="nl"))
    persons = {e.name for e in doc.entities if e.type == "PERSON"}
    assert any("Vermeulen" in name for name in persons)
