"""Statistical named-entity tagger: a linear-chain CRF over BIO tags (PER, ORG, LOC, MISC).

The gazetteer and cue rules of the entity stage find names the knowledge base or the lexicons know; this tagger
finds and types the others from the sentence alone. It is trained by ``training/train_ner.py`` on the CoNLL-2002
``.train`` files (Dutch and Spanish together) and shipped as a small CRFsuite model (``data/ner_crf.model``).

Features are chosen to carry over to other Latin-script languages: word shape, capitalisation, affixes, sentence
position, neighbouring words and shapes, membership of the knowledge base's surface forms (countries, places,
organisations, people, demonyms) and of the per-language cue lists of ``lang/<code>/entities.yaml`` (organisation
and place words, roles, given names, speech verbs, place prepositions), and the ``simplemma`` lemma.

Use :func:`load_tagger` (built once per process) and :meth:`NerTagger.tag` (tokens -> typed spans with scores) or
:meth:`NerTagger.tag_text` (sentence text -> spans with character offsets).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite
import simplemma

from wirescope.kb import KnowledgeBase, load_kb
from wirescope.lang import SUPPORTED_LANGUAGES, load_lexicon
from wirescope.nlp.entity_typer import word_shape

DATA_DIR = Path(__file__).parent / "data"
MODEL_PATH = DATA_DIR / "ner_crf.model"
META_PATH = DATA_DIR / "ner_crf.json"
#: Bump when the features change: a model trained with other features must not be loaded.
FEATURE_VERSION = 2
#: Knowledge-base entry type -> CoNLL label used in gazetteer features.
KB_LABELS = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "PLACE": "LOC", "OTHER": "MISC"}
_MAX_GAZ_TOKENS = 5
#: Words and punctuation as separate tokens, as in CoNLL (numbers with separators and abbreviations kept whole).
_TOKEN_RE = re.compile(r"\d+(?:[.,:]\d+)*|(?:[^\W\d_]\.){2,}|[^\W_]+(?:[-'’][^\W_]+)*|\S", re.UNICODE)
_SENTENCE_PUNCT = frozenset('.:!?"“”«»—–-(')


@dataclass(frozen=True)
class TaggedSpan:
    """A typed name: tokens ``start``..``end`` (exclusive), label PER/ORG/LOC/MISC, and the smallest marginal
    probability of its tags (a confidence in [0, 1])."""

    start: int
    end: int
    label: str
    score: float


@dataclass(frozen=True)
class TextSpan:
    """A :class:`TaggedSpan` located in text by character offsets."""

    start: int
    end: int
    text: str
    label: str
    score: float


# ------------------------------------------------------------------------------------------------ resources


@dataclass(frozen=True)
class Cues:
    """Per-language cue words (``lang/<code>/entities.yaml``) used as features."""

    org: tuple[str, ...]
    place: tuple[str, ...]
    roles: frozenset[str]
    given: frozenset[str]
    speech: frozenset[str]
    place_preps: frozenset[str]


def _words(values: Iterable[Any] | None) -> list[str]:
    return [str(v).casefold() for v in values or []]


@lru_cache(maxsize=1)
def all_given_names() -> frozenset[str]:
    """Given names of every language's lexicon: names travel across languages."""
    lexicons = (load_lexicon(code, "entities") for code in SUPPORTED_LANGUAGES)
    return frozenset(w for lex in lexicons for w in _words(lex.get("given_names")))


@lru_cache(maxsize=32)
def cues(lang: str) -> Cues:
    lex = load_lexicon(lang, "entities") or {}
    function_words = set(_words(lex.get("stopwords"))) | set(_words(lex.get("connectors")))
    roles = {w for key in (lex.get("roles") or {}) for w in str(key).casefold().split()}
    return Cues(
        org=tuple(_words(lex.get("org_cues"))),
        place=tuple(_words(lex.get("place_cues"))),
        roles=frozenset(w for w in roles if len(w) > 3 and w not in function_words),
        given=all_given_names(),
        speech=frozenset(_words(lex.get("speech_verbs"))),
        place_preps=frozenset(_words(lex.get("place_preps"))),
    )


@dataclass(frozen=True)
class Gazetteer:
    """Knowledge-base surface forms of one language: normalised form -> CoNLL labels, and the demonyms."""

    forms: dict[str, frozenset[str]]
    demonyms: frozenset[str]
    max_tokens: int


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def build_gazetteer(kb: KnowledgeBase, lang: str) -> Gazetteer:
    forms: dict[str, set[str]] = {}
    longest = 1
    for key, entry_id in kb.surface_forms(lang, types=KB_LABELS):
        n = len(key.split())
        if n > _MAX_GAZ_TOKENS:
            continue
        longest = max(longest, n)
        forms.setdefault(key, set()).add(KB_LABELS[kb.entries[entry_id].type])
    demonyms = frozenset(form for form, _ in kb.demonym_forms(lang))
    return Gazetteer({k: frozenset(v) for k, v in forms.items()}, demonyms, longest)


@lru_cache(maxsize=32)
def gazetteer(lang: str) -> Gazetteer:
    """Gazetteer of the default knowledge base for ``lang`` (built once, ~1.5 s)."""
    return build_gazetteer(load_kb(), lang)


# ------------------------------------------------------------------------------------------------ features


@lru_cache(maxsize=1 << 17)
def _lemma(word: str, lang: str) -> str:
    try:
        return str(simplemma.lemmatize(word, lang)).casefold()
    except ValueError:
        return word


def cue_in(word: str, words: tuple[str, ...]) -> bool:
    """A cue word at the start of a (compound) word, or a long one at its end ("Rekenkamer", "Handelsbank")."""
    return any(word.startswith(c) or (len(c) >= 5 and word.endswith(c)) for c in words)


@lru_cache(maxsize=1 << 17)
def _word_features(word: str, lang: str) -> tuple[str, ...]:
    """Features of a token on its own (cached: the same words recur)."""
    low = _norm(word)
    c = cues(lang)
    feats = [f"w={low}", f"sh={word_shape(word)}", f"len={min(len(word), 8)}"]
    feats += [f"p{n}={low[:n]}" for n in (1, 2, 3, 4) if len(low) > n]
    feats += [f"s{n}={low[-n:]}" for n in (1, 2, 3, 4) if len(low) > n]
    if word[:1].isupper():
        feats.append("title")
    if word.isupper() and len(word) > 1:
        feats.append("upper")
    if any(ch.isdigit() for ch in word):
        feats.append("digit")
    if "-" in word:
        feats.append("hyphen")
    if word.isalpha():
        lemma = _lemma(low, lang)
        feats.append(f"lem={lemma}")
        if word[:1].isupper() and simplemma.is_known(low, lang):
            feats.append("common_cap")
    if low in c.given:
        feats.append("cue=given")
    if low in c.roles:
        feats.append("cue=role")
    if low in c.speech:
        feats.append("cue=speech")
    if low in c.place_preps:
        feats.append("cue=place_prep")
    if len(low) > 2 and cue_in(low, c.org):
        feats.append("cue=org")
    if len(low) > 2 and cue_in(low, c.place):
        feats.append("cue=place")
    return tuple(feats)


def _gazetteer_tags(tokens: Sequence[str], gaz: Gazetteer) -> list[list[str]]:
    """BIO gazetteer labels per token from longest matches of capitalised spans (several labels when ambiguous)."""
    out: list[list[str]] = [[] for _ in tokens]
    low = [_norm(t) for t in tokens]
    i = 0
    while i < len(tokens):
        if not (tokens[i][:1].isupper() or tokens[i][:1].isdigit()):
            i += 1
            continue
        for n in range(min(gaz.max_tokens, len(tokens) - i), 0, -1):
            labels = gaz.forms.get(" ".join(low[i : i + n]))
            if labels:
                for label in labels:
                    out[i].append(f"B-{label}")
                    for j in range(i + 1, i + n):
                        out[j].append(f"I-{label}")
                i += n
                break
        else:
            if low[i] in gaz.demonyms:
                out[i].append("B-DEM")
            i += 1
    return out


def lowercase_words(tokens: Iterable[str]) -> set[str]:
    """Words written in lower case in a document: a capitalised token among them is less likely a name."""
    return {_norm(t) for t in tokens if t[:1].islower()}


def sentence_features(
    tokens: Sequence[str], lang: str, gaz: Gazetteer | None = None, lowercase: Collection[str] = frozenset()
) -> list[list[str]]:
    """CRF features of every token of a sentence; ``lowercase``: the document's :func:`lowercase_words`."""
    gaz = gaz if gaz is not None else gazetteer(lang)
    words = [_word_features(t, lang) for t in tokens]
    low = [_norm(t) for t in tokens]
    shapes = [word_shape(t) for t in tokens]
    gaz_tags = _gazetteer_tags(tokens, gaz)
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *words[i]]
        feats += [f"gz={g}" for g in gaz_tags[i]]
        if i == 0 or tokens[i - 1] in _SENTENCE_PUNCT:
            feats.append("initial")
        if tokens[i][:1].isupper() and low[i] in lowercase:
            feats.append("lc_seen")
        feats.append("cap3=" + "".join("X" if 0 <= j < n and tokens[j][:1].isupper() else "x" for j in (i - 1, i + 1)))
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                feats.append(f"w{d}={low[j]}")
                if abs(d) == 1:
                    feats.append(f"sh{d}={shapes[j]}")
                    feats += [f"{d}:{f}" for f in words[j] if f.startswith("cue=") or f == "title"]
                    feats += [f"{d}gz={g}" for g in gaz_tags[j]]
            else:
                feats.append(f"w{d}=<pad>")
        if i > 0:
            feats.append(f"w-1|w={low[i - 1]}|{low[i]}")
        if i + 1 < n:
            feats.append(f"w|w+1={low[i]}|{low[i + 1]}")
        out.append(feats)
    return out


# ------------------------------------------------------------------------------------------------ tagging


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of BIO tags; an I- without a B- starts a span."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            out.append((start, i, label))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, label = i, tag[2:]
    return out


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) with punctuation as separate tokens, as the model was trained."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


class NerTagger:
    """A loaded CRF model. Not thread-safe (CRFsuite's tagger keeps state): one instance per thread."""

    def __init__(self, model_path: Path, meta: dict[str, Any]) -> None:
        self.meta = meta
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))

    @property
    def version(self) -> str:
        return str(self.meta["version"])

    def tag(self, tokens: Sequence[str], lang: str, lowercase: Collection[str] = frozenset()) -> list[TaggedSpan]:
        """Typed spans of a tokenised sentence; ``lowercase``: words seen in lower case in its document."""
        if not tokens:
            return []
        tags = self._tagger.tag(sentence_features(tokens, lang, lowercase=lowercase))
        out = []
        for start, end, label in bio_spans(tags):
            score = min(self._tagger.marginal(tags[i], i) for i in range(start, end))
            out.append(TaggedSpan(start, end, label, score))
        return out

    def tag_text(
        self, text: str, lang: str, offset: int = 0, lowercase: Collection[str] = frozenset()
    ) -> list[TextSpan]:
        """Typed spans of a sentence given as text; offsets are shifted by ``offset`` (the sentence start)."""
        toks = tokenize(text)
        return [
            TextSpan(offset + toks[s.start][1], offset + toks[s.end - 1][2],
                     text[toks[s.start][1] : toks[s.end - 1][2]], s.label, s.score)
            for s in self.tag([t for t, _, _ in toks], lang, lowercase)
        ]


@lru_cache(maxsize=1)
def load_tagger() -> NerTagger | None:
    """The shipped model, or None when it is missing or was trained with other features."""
    if not (MODEL_PATH.is_file() and META_PATH.is_file()):
        return None
    meta = json.loads(META_PATH.read_text(encoding="utf-8"))
    if meta.get("feature_version") != FEATURE_VERSION:
        return None
    return NerTagger(MODEL_PATH, meta)


__all__ = [
    "FEATURE_VERSION", "NerTagger", "TaggedSpan", "TextSpan", "all_given_names", "bio_spans", "cue_in", "load_tagger",
    "lowercase_words", "sentence_features", "tokenize",
]
