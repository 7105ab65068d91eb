"""The cross-lingual event classifier: lexicon signals, the shipped model file, and its cross-lingual reading."""

from __future__ import annotations

import numpy as np
import pytest

from wirescope import plover
from wirescope.nlp import event_classifier, events
from wirescope.nlp.embed import DIM, embed_passages

N = event_classifier.N_CATEGORIES


def _category(signals: np.ndarray, block: int) -> set[str]:
    return {plover.CATEGORIES[i] for i in np.flatnonzero(signals[block : block + N])}


def _cues(signals: np.ndarray) -> set[str]:
    return {k for k, v in zip(event_classifier.SIGNAL_CUES, signals[N:], strict=True) if v}


def test_signals_layout() -> None:
    s = event_classifier.lexicon_signals(["SANCTION", "ASSAULT"], [True] + [False] * 6)
    assert s.shape == (event_classifier.SIGNAL_DIM,)
    assert _category(s, 0) == {"SANCTION", "ASSAULT"}
    assert _cues(s) == {"negation"}
    assert not event_classifier.lexicon_signals([], [False] * 7).any()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Japan suspended economic aid to the government."),
        ("fr", "Le Japon a suspendu son aide économique au gouvernement."),
    ],
)
def test_signals_read_triggers_with_their_governing_words(lang: str, text: str) -> None:
    """'suspended aid' is a sanction, not aid: the signals carry the composed category."""
    s = events.lexicon_features(text, lang)
    assert "SANCTION" in _category(s, 0)
    assert "AID" not in _category(s, 0)
    assert "reduce" in _cues(s)


def test_signals_mark_cues_and_read_refusal() -> None:
    """'will not accept' is a refusal (REJECT), flagged with the negation and future cues."""
    s = events.lexicon_features("Iran will not accept the demands and warned of retaliation.", "en")
    assert {"negation", "future"} <= _cues(s)
    assert {"REJECT", "THREATEN"} <= _category(s, 0) and "AGREE" not in _category(s, 0)


@pytest.fixture(scope="module")
def model() -> event_classifier.EventClassifier:
    clf = event_classifier.load()
    if clf is None:
        pytest.fail("the classifier model file must ship with the package")
    return clf


def test_model_file_is_small_versioned_and_consistent(model: event_classifier.EventClassifier) -> None:
    assert event_classifier.MODEL_PATH.stat().st_size < 200_000
    assert model.version.count(".") == 2
    assert model.labels == (*plover.CATEGORIES, event_classifier.NONE)
    for head in (model.category, model.penta):
        assert head.uses_lexicon
        assert head.weights.shape[0] == DIM + event_classifier.SIGNAL_DIM
        assert 0.05 <= head.temperature <= 20.0


@pytest.mark.parametrize(
    ("category", "texts"),
    [
        ("ASSAULT", [("en", "Rebels attacked an army base near the border and killed six soldiers."),
                     ("fr", "Des rebelles ont attaqué une base de l'armée près de la frontière et tué six soldats."),
                     ("ru", "Повстанцы атаковали военную базу у границы и убили шесть солдат.")]),
        ("CONSULT", [("en", "The foreign ministers of both countries met in Geneva for talks on trade."),
                     ("es", "Los ministros de Exteriores de ambos países se reunieron en Ginebra para negociar."),
                     ("sv", "De två ländernas utrikesministrar möttes i Genève för samtal om handel.")]),
    ],
)
def test_category_head_reads_several_languages(
    model: event_classifier.EventClassifier, category: str, texts: list[tuple[str, str]]
) -> None:
    emb = embed_passages([t for _, t in texts])
    hits = np.stack([events.lexicon_features(t, lang) for lang, t in texts])
    probs = model.predict_proba(emb, hits)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert [model.labels[i] for i in probs.argmax(axis=1)] == [category] * len(texts)
    conflict = 4 if category == "ASSAULT" else 1
    assert model.predict_pentaclass(emb, hits).tolist() == [conflict] * len(texts)


def test_trigger_scored_by_its_composed_category() -> None:
    """A classifier sure of SANCTION must not veto the trigger 'aid' in 'suspended aid' (it composes to SANCTION)."""
    text = "Japan suspended economic aid to the government."
    lex, tokens = events.get_lexicon("en"), events.tokenize(text, 0, "en")
    (trig,) = [t for t in events.find_triggers(lex, tokens, text, 0) if t.category == "AID"]
    cues = {k: events._cue_spans(lex, k, tokens, text, 0) for k in ("negation", "reduce", "lift", "obligation")}
    labels = (*plover.CATEGORIES, event_classifier.NONE)
    probs = np.zeros(len(labels))
    probs[labels.index("SANCTION")] = 0.9
    assert events._trigger_probability(trig, tokens, cues, probs, labels) == pytest.approx(0.9)
    probs[labels.index("SANCTION")], probs[labels.index("NONE")] = 0.0, 0.9
    assert events._trigger_probability(trig, tokens, cues, probs, labels) == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        ("en", "Pakistan agreed to lift the embargo on Congo.", {"Pakistan": "PAK", "Congo": "COG"}),
        ("es", "Pakistán aceptó levantar el embargo contra el Congo.", {"Pakistán": "PAK", "Congo": "COG"}),
    ],
)
def test_shipped_classifier_scores_a_contested_sentence_whose_main_event_stays_surest(
    model: event_classifier.EventClassifier, lang: str, text: str, names: dict[str, str]
) -> None:
    """An agreement to lift an embargo reads as AGREE and CONCEDE: the classifier (embedding the sentence)
    scores the readings, so their confidences are its own and not the uncontested one, and the agreement, the
    main clause's act, stays the surest."""
    from tests.nlp.test_events import make_doc

    doc = make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()})
    contexts = [c for c in (events._sentence_context(doc, s) for s in doc.sentences) if c is not None]
    assert [c.contested for c in contexts] == [True]
    evs = events.extract_events(doc)
    assert evs[0].event == "AGREE"
    assert max(evs, key=lambda e: e.confidence) is evs[0]
    assert evs[0].confidence != events.UNCONTESTED_CONFIDENCE
    assert events.MIN_CONFIDENCE - events.SUBORDINATE_MARGIN <= min(e.confidence for e in evs) <= 1.0
