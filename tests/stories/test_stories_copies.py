"""Translation and reprint detection with the real embedding model, on articles written for this test."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from wirescope.model import Document
from wirescope.stories import StoryIndex, from_state, to_state
from wirescope.stories.copies import align, is_copy
from wirescope.stories.features import KEPT_SENTENCES

EN = Document(
    title="Dock workers in Rotterdam strike over automation plans",
    text=(
        "Dock workers in Rotterdam strike over automation plans\n\n"
        "Thousands of dock workers in the port of Rotterdam stopped work on Monday in protest against plans "
        "to automate container terminals. The union says up to two thousand jobs are at risk over the next five "
        "years. Port operators argue that automation is needed to compete with Antwerp and Hamburg. Dozens of "
        "ships were waiting at anchor off the coast by the evening. Talks between the union and the employers are "
        "scheduled for Thursday."
    ),
    language="en",
    published=datetime(2024, 3, 4, tzinfo=UTC),
)
DE = Document(
    title="Hafenarbeiter in Rotterdam streiken gegen Automatisierungspläne",
    text=(
        "Hafenarbeiter in Rotterdam streiken gegen Automatisierungspläne\n\n"
        "Tausende Hafenarbeiter im Rotterdamer Hafen haben am Montag aus Protest gegen Pläne zur Automatisierung "
        "der Containerterminals die Arbeit niedergelegt. Die Gewerkschaft sagt, dass in den nächsten fünf Jahren "
        "bis zu zweitausend Arbeitsplätze gefährdet sind. Die Hafenbetreiber argumentieren, dass die "
        "Automatisierung nötig sei, um mit Antwerpen und Hamburg zu konkurrieren. Am Abend lagen Dutzende Schiffe "
        "vor der Küste vor Anker. Gespräche zwischen der Gewerkschaft und den Arbeitgebern sind für Donnerstag "
        "angesetzt."
    ),
    language="de",
    published=datetime(2024, 3, 5, tzinfo=UTC),
)
FR = Document(
    title="Grève dans le port de Rotterdam",
    text=(
        "Grève dans le port de Rotterdam\n\n"
        "Le premier port d'Europe tourne au ralenti. Les dockers néerlandais refusent la robotisation des "
        "terminaux, qui menace selon eux leur métier. Les armateurs redoutent des retards en chaîne pour les "
        "importations vers l'Allemagne. Le gouvernement appelle les deux parties au dialogue."
    ),
    language="fr",
    published=datetime(2024, 3, 5, tzinfo=UTC),
)


def test_translation_is_marked_and_an_independent_report_is_not(embed) -> None:  # type: ignore[no-untyped-def]
    index = StoryIndex()
    en, de, fr = (Document(d.text, title=d.title, language=d.language, published=d.published) for d in (EN, DE, FR))
    first = index.assign(en, embed)
    translated = index.assign(de, embed)
    independent = index.assign(fr, embed)
    assert translated.story_id == first.story_id == independent.story_id
    assert (translated.copy_of, translated.copy_kind) == (en.id, "translation")
    assert de.translation_of == en.id and de.duplicate_of is None
    assert independent.copy_of is None and fr.translation_of is None


def test_lightly_edited_reprint_is_a_duplicate(embed) -> None:  # type: ignore[no-untyped-def]
    index = StoryIndex()
    en = Document(EN.text, title=EN.title, language="en", published=EN.published)
    edited = EN.text.replace("on Monday", "on Monday morning").replace(EN.title, "Rotterdam port strike")
    reprint = Document(edited, title="Rotterdam port strike", language="en", published=DE.published, source="wire")
    index.assign(en, embed)
    result = index.assign(reprint, embed)
    assert (result.copy_of, result.copy_kind) == (en.id, "duplicate")
    assert reprint.duplicate_of == en.id


def test_align_counts_mutual_best_matches_above_the_threshold() -> None:
    eye = np.eye(4, dtype=np.float32)
    shuffled = eye[[2, 0, 1]]  # three of four sentences, in another order
    alignment = align(eye, shuffled, threshold=0.9)
    assert alignment.matched == 3 and alignment.share == 0.75 and alignment.count_ratio == 0.75
    assert is_copy(alignment, min_share=0.7, min_count_ratio=0.7)
    assert not is_copy(align(eye, shuffled * 0.5, threshold=0.9), min_share=0.7, min_count_ratio=0.7)


class _Counting:
    """The embedding function, counting the texts it is given (its output is the model's)."""

    def __init__(self, embed) -> None:  # type: ignore[no-untyped-def]
        self.embed = embed
        self.texts: list[str] = []

    def __call__(self, texts):  # type: ignore[no-untyped-def]
        self.texts.extend(texts)
        return self.embed(texts)


def _copy(doc: Document) -> Document:
    return Document(doc.text, title=doc.title, language=doc.language, published=doc.published)


def test_only_the_lead_is_embedded_until_a_copy_is_possible(embed) -> None:  # type: ignore[no-untyped-def]
    index = StoryIndex()
    counting = _Counting(embed)
    en, de, fr = _copy(EN), _copy(DE), _copy(FR)
    index.assign(en, counting)
    assert len(counting.texts) == 1 + KEPT_SENTENCES  # title and lead (the story vector) and one more sentence
    assert index.docs[en.id].features.sentence_count == 5
    counting.texts.clear()
    index.assign(de, counting)
    # the two leads align, so both documents' other sentences are embedded, once
    assert len(set(counting.texts)) == len(counting.texts) == 1 + KEPT_SENTENCES + 2 + 2
    assert de.translation_of == en.id
    counting.texts.clear()
    index.assign(fr, counting)
    # an independent report: its lead aligns with neither, so nothing more is embedded
    assert fr.translation_of is None and len(counting.texts) == 1 + KEPT_SENTENCES


PT_EN = Document(
    title="Flooding closes schools across northern Portugal",
    text=(
        "Heavy rain flooded dozens of villages in northern Portugal on Tuesday, forcing the authorities to close more "
        "than two hundred schools and to evacuate several hospitals near the river Douro. Firefighters rescued an "
        "elderly couple from the roof of their house in Peso da Régua. The weather service expects more rain until "
        "Friday. The prime minister promised emergency funds for the affected towns. Train services between Porto "
        "and the Spanish border were suspended."
    ),
    language="en",
    published=datetime(2024, 11, 5, tzinfo=UTC),
)
PT_ES = Document(
    title="Las inundaciones cierran escuelas en el norte de Portugal",
    text=(
        "Fuertes lluvias inundaron el martes decenas de pueblos del norte de Portugal. Las autoridades cerraron más "
        "de doscientas escuelas y evacuaron varios hospitales cerca del río Duero. Los bomberos rescataron a una "
        "pareja de ancianos del tejado de su casa en Peso da Régua. El servicio meteorológico prevé más lluvia "
        "hasta el viernes. El primer ministro prometió fondos de emergencia para las localidades afectadas. Se "
        "suspendieron los trenes entre Oporto y la frontera española."
    ),
    language="es",
    published=datetime(2024, 11, 5, tzinfo=UTC),
)


def test_translation_that_splits_the_first_sentence(embed) -> None:  # type: ignore[no-untyped-def]
    """The leads are offset by one sentence: the sentence kept after the lead still finds its translation."""
    index = StoryIndex()
    en, es = _copy(PT_EN), _copy(PT_ES)
    index.assign(en, embed)
    assert index.assign(es, embed).copy_kind == "translation" and es.translation_of == en.id


def test_text_of_a_document_from_an_earlier_run_is_read_back_to_align_all(embed) -> None:  # type: ignore[no-untyped-def]
    """The index is saved and loaded between the two: the original kept a few sentence vectors and no text."""
    first = StoryIndex()
    en = _copy(EN)
    first.assign(en, embed)
    restored, bare = from_state(to_state(first)), from_state(to_state(first))
    kept = bare.docs[en.id].features
    assert kept.sentence_vectors is not None and len(kept.sentence_vectors) == KEPT_SENTENCES and kept.lazy is None
    restored.load_document = {en.id: en}.get  # what a store's load_document gives back
    de = _copy(DE)
    assert restored.assign(de, embed).copy_of == en.id and de.translation_of == en.id
    assert restored.docs[en.id].features.complete
    # without its text the earlier document is not compared: its few sentences are too little evidence
    assert bare.assign(_copy(DE), embed).copy_of is None and not bare.docs[en.id].features.complete
    assert restored.assign(_copy(FR), embed).copy_of is None
