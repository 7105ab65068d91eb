"""Language identification per document and per sentence, restricted to the supported languages.

``py3langid`` (fast, good on longer text) decides first; ``lingua`` (slower, much better on short text) is
consulted when the text is short or py3langid is not confident. Both are restricted to
``SUPPORTED_LANGUAGES``; lingua's detector is built once, lazily. When neither is confident the answer is
None: a wrong label is worse than no label.

The stage labels the document. Sentences only exist after the ``segment`` stage, which calls
:func:`label_sentences`; when sentences are already there (a custom stage order), this stage labels them
too. ``Document.languages`` is the share of sentence characters per language, so a Swedish article that quotes
an English paragraph shows both. An explicit ``doc.language`` (``--lang``) is kept for the document; sentences
are still labelled on their own evidence.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache
from typing import Any

from wirescope.lang import SUPPORTED_LANGUAGES
from wirescope.model import Document

NAME = "language"
VERSION = "1.0"

#: below this many characters py3langid is unreliable and lingua decides
SHORT_TEXT = 40
#: py3langid probability below which the text counts as ambiguous
LANGID_CONFIDENT = 0.9
#: lingua confidence a label needs when it is the only evidence
LINGUA_CONFIDENT = 0.5
#: fewer letters than this: no label at all ("12:30", "—")
MIN_LETTERS = 3
#: a sentence keeps the document's language unless another one is this many times more likely
SWITCH_RATIO = 3.0
#: py3langid probability (over all its languages) above which text counts as an unsupported language
UNSUPPORTED_CONFIDENT = 0.9
#: a text of fewer words (a name, a byline, one word) keeps the document's language whenever that is plausible
MIN_WORDS_TO_SWITCH = 3


def _langid(restricted: bool = True) -> Any:
    """py3langid over the supported languages, or (``restricted=False``) over all 97 of its languages."""
    return _restricted_langid() if restricted else _full_langid()


@cache
def _full_langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _restricted_langid() -> Any:
    """Built on the full identifier's arrays (~80 MiB, loaded once): adds only the supported languages' columns."""
    from py3langid.langid import LanguageIdentifier

    full = _full_langid()
    identifier = LanguageIdentifier(full.nb_ptc, full.nb_pc, full.nb_classes, full.tk_nextmove, full.tk_output,
                                    norm_probs=True, tk_row=full.tk_row)
    identifier.set_languages(list(SUPPORTED_LANGUAGES))
    return identifier


def supported_identifier() -> Any:
    """The process's py3langid identifier over the supported languages (shared by the stages that need one)."""
    return _langid(True)


def is_unsupported_language(text: str) -> bool:
    """True when ``text`` is confidently in a language wirescope does not support (Finnish, Danish, Farsi...).

    The restricted models would otherwise name the nearest supported language (Finnish as Swedish).
    """
    if len(text.strip()) < SHORT_TEXT:
        return False
    lang, probability = _langid(restricted=False).classify(text)
    return lang not in SUPPORTED_LANGUAGES and probability >= UNSUPPORTED_CONFIDENT


@lru_cache(maxsize=1)
def _lingua() -> Any:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def _letters(text: str) -> int:
    """Letters, where one CJK or Hangul character (a syllable or a word) counts as two."""
    return sum(2 if ch >= "\u2e80" else 1 for ch in text if ch.isalpha())


def language_scores(text: str) -> dict[str, float]:
    """Probability per supported language (only the plausible ones), or {} when there is too little text."""
    if _letters(text) < MIN_LETTERS:
        return {}
    if len(text.strip()) >= SHORT_TEXT:
        ranked = _langid().rank(text)
        if ranked and ranked[0][1] >= LANGID_CONFIDENT:
            return {lang: float(p) for lang, p in ranked[:3] if p > 0.01}
    values = _lingua().compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values if v.value > 0.01}


def detect(text: str, prior: str | None = None) -> str | None:
    """The language of ``text``; None when undeterminable or in a language wirescope does not support.

    With a ``prior`` (the document's language), the prior wins unless another language is clearly more likely:
    short quotes and names are weak evidence against the language around them.
    """
    scores = language_scores(text)
    if not scores or is_unsupported_language(text):
        return None
    best, best_score = max(scores.items(), key=lambda kv: kv[1])
    weak_evidence = prior in scores and (
        scores[prior] * SWITCH_RATIO >= best_score or len(text.split()) < MIN_WORDS_TO_SWITCH
    )
    if prior is not None and best != prior and weak_evidence:
        return prior
    if best_score >= LINGUA_CONFIDENT:
        return best
    return prior if prior in scores else None


def label_sentences(doc: Document) -> Document:
    """Set ``Sentence.language`` for every sentence and ``doc.languages`` as the share of characters."""
    prior = doc.language
    chars: Counter[str] = Counter()
    for sentence in doc.sentences:
        text = doc.text[sentence.start : sentence.end]
        sentence.language = detect(text, prior)
        if sentence.language:
            chars[sentence.language] += sentence.end - sentence.start
    total = sum(chars.values())
    if total:
        doc.languages = {lang: round(n / total, 4) for lang, n in chars.most_common()}
    elif doc.language:
        doc.languages = {doc.language: 1.0}
    return doc


def run(doc: Document) -> Document:
    """Label the document (unless ``--lang`` set it) and its sentences, if it already has any."""
    if doc.language is None:
        doc.language = detect(doc.text)
    if doc.sentences:
        label_sentences(doc)
    elif doc.language:
        doc.languages = {doc.language: 1.0}
    return doc
