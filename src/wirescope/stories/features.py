"""What the story clusterer reads out of a Document: one vector for title + lead, sentence vectors, entity keys,
event signatures, the publication day.

Features are computed once per document (the embedding is the expensive part) and are all the clusterer needs, so
the benchmark can feed synthetic features and measure the clustering cost alone.

Embedding is most of the cost, so a document's features hold the vectors of a few body sentences only: the lead
(which the story vector needs anyway), the next sentence and those an earlier stage already embedded
(``Document.embeddings``, see ``wirescope.nlp.embed.sentence_vectors``). The other body sentences are embedded on demand
(:class:`LazySentences`), when copy detection finds another document that could be a translation or reprint of
this one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from wirescope.model import Document, Event

Embedder = Callable[[Sequence[str]], NDArray[np.float32]]

LEAD_SENTENCES = 2
#: body sentences always embedded for copy detection (with those other stages embedded): one more than the lead, as
#: a translation may split or merge the lead's sentences
KEPT_SENTENCES = 3
MAX_SENTENCES = 40
MAX_ENTITY_KEYS = 10
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_LATIN = (
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
    "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i", "e", "g",
)
_CYRILLIC = str.maketrans(dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ", _LATIN, strict=True)))


@dataclass
class DocFeatures:
    """The clustering signals of one document. ``day`` is the publication date as a day ordinal (None: unknown)."""

    doc_id: str
    language: str
    day: int | None
    vector: NDArray[np.float32]
    sentence_vectors: NDArray[np.float32] | None = None
    entity_keys: dict[str, float] = field(default_factory=dict)  # key -> weight (share of mentions)
    entity_labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (display name, type)
    event_signatures: frozenset[str] = frozenset()
    event_categories: tuple[str, ...] = ()
    content_hash: str = ""
    title: str = ""
    source: str | None = None
    #: body sentences of the document (up to MAX_SENTENCES); ``sentence_vectors`` may hold only some of them
    sentence_count: int = 0
    #: the rest embedded on demand; kept in memory only (an index loaded from a store has none)
    lazy: LazySentences | None = field(default=None, repr=False, compare=False)

    @property
    def complete(self) -> bool:
        """Whether ``sentence_vectors`` holds every body sentence (up to MAX_SENTENCES)."""
        return self.sentence_vectors is not None and len(self.sentence_vectors) >= self.sentence_count

    def complete_vectors(self) -> bool:
        """Embed the body sentences not embedded yet, when the text is at hand; whether the vectors are complete."""
        if not self.complete and self.sentence_vectors is not None and self.lazy is not None:
            self.sentence_vectors = self.lazy.vectors()
        if self.complete:
            self.lazy = None
        return self.complete

    def drop_sentences(self) -> None:
        self.sentence_vectors = None
        self.lazy = None


@dataclass
class LazySentences:
    """Body sentences of which only some are embedded (by position); the others are embedded once, on demand."""

    texts: list[str]
    known: dict[int, NDArray[np.float32]]
    embed: Embedder | None = None
    _vectors: NDArray[Any] | None = field(default=None, repr=False)

    def vectors(self) -> NDArray[Any]:
        """Every sentence's vector, in order (float16, as kept for alignment)."""
        if self._vectors is None:
            todo = [i for i in range(len(self.texts)) if i not in self.known]
            new = dict(zip(todo, _embed([self.texts[i] for i in todo], self.embed), strict=True))
            self._vectors = np.stack([self.known[i] if i in self.known else new[i] for i in range(len(self.texts))])
            self._vectors = self._vectors.astype(np.float16)
        return self._vectors


def _embed(texts: Sequence[str], embed: Embedder | None) -> NDArray[np.float32]:
    """``embed``, or the embedding model (looked up at call time, so a benchmark's counting wrapper sees it)."""
    if embed is not None:
        return embed(texts)
    from wirescope.nlp import embed as model

    return model.embed_passages(texts)


def day_of(published: datetime | date | None) -> int | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date().toordinal()
    return published.toordinal()


def split_sentences(doc: Document) -> list[str]:
    """The document's sentences (from the segment stage when it ran, otherwise a punctuation split)."""
    if doc.sentences:
        return [doc.sentence_text(s.index).strip() for s in doc.sentences if doc.sentence_text(s.index).strip()]
    body = doc.text
    if doc.title and body.lstrip().startswith(doc.title):
        body = body.lstrip()[len(doc.title) :]
    parts = (p.strip() for line in body.splitlines() for p in _SENTENCE_END.split(line))
    return [p for p in parts if p]


def _fold(text: str) -> str:
    """Case-folded, accent-free, Cyrillic transliterated: the form names are compared in across scripts."""
    text = text.casefold().translate(_CYRILLIC)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def salient_keys(
    sentences: Sequence[str], limit: int = MAX_ENTITY_KEYS
) -> tuple[dict[str, float], dict[str, tuple[str, str]]]:
    """Fallback entity keys when no entity stage ran: capitalised words that do not open a sentence.

    Folded and cut to five characters so that inflected (``Putins``) and transliterated (``Путин``) forms meet.
    """
    counts: Counter[str] = Counter()
    labels: dict[str, tuple[str, str]] = {}
    for sentence in sentences:
        for i, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if i == 0 or len(word) < 3 or not word[0].isupper():
                continue
            key = "tok:" + _fold(word)[:5]
            counts[key] += 1
            labels.setdefault(key, (word, "OTHER"))
    weights = _top_weights(counts, limit)
    return weights, {k: labels[k] for k in weights}


def _top_weights(counts: Counter[str], limit: int) -> dict[str, float]:
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    total = float(sum(c for _, c in top)) or 1.0
    return {k: c / total for k, c in top}


def entity_keys(doc: Document, limit: int = MAX_ENTITY_KEYS) -> tuple[dict[str, float], dict[str, tuple[str, str]]]:
    """Resolved entity ids weighted by mention count, with display names; NIL ids are used as they come."""
    counts: Counter[str] = Counter()
    labels: dict[str, tuple[str, str]] = {}
    for entity in doc.entities:
        key = entity.id or "name:" + _fold(entity.name)
        counts[key] += max(1, len(entity.mentions))
        labels.setdefault(key, (entity.name, entity.type))
    weights = _top_weights(counts, limit)
    return weights, {k: labels[k] for k in weights}


def _actor_code(refs: Sequence[object]) -> str:
    codes = sorted({getattr(r, "code", None) or getattr(r, "entity_id", None) or "" for r in refs} - {""})
    return "+".join(codes)


def event_signature(event: Event, with_date: bool = True) -> str:
    """category | actors | recipients [| day]: two reports of one event share it whatever their language."""
    parts = [event.event, _actor_code(event.actor), _actor_code(event.recipient)]
    if with_date:
        parts.append((event.date or "")[:10])
    return "|".join(parts)


def event_signatures(doc: Document) -> frozenset[str]:
    events = [e for e in doc.events if not e.negated and not e.hypothetical and not e.historical]
    return frozenset(event_signature(e) for e in events) | frozenset(event_signature(e, False) for e in events)


def normalise(vector: NDArray[np.float32]) -> NDArray[np.float32]:
    norm = float(np.linalg.norm(vector))
    return (vector / norm).astype(np.float32) if norm > 0 else vector.astype(np.float32)


def _layout(doc: Document) -> tuple[str, int | None, list[tuple[int | None, str]]]:
    """The title (the document's, else its first sentence), the headline's sentence index and the body sentences
    (:func:`_split`)."""
    sentences = split_sentences(doc)
    title = (doc.title or (sentences[0] if sentences else doc.text[:200])).strip()
    return (title, *_split(doc, title))


def _split(doc: Document, title: str) -> tuple[int | None, list[tuple[int | None, str]]]:
    """The headline's sentence index (None: not a sentence of the text) and the body sentences (sentence index,
    text; up to MAX_SENTENCES): the headline is compared as the title, not as a sentence."""
    body: list[tuple[int | None, str]]
    if doc.sentences:
        body = [(s.index, text) for s in doc.sentences if (text := doc.sentence_text(s.index).strip())]
    else:
        body = [(None, text) for text in split_sentences(doc)]
    headline = None
    if body and body[0][1] == title:
        headline, body = body[0][0], body[1:]
    return headline, body[:MAX_SENTENCES]


def lazy_sentences(doc: Document, title: str) -> LazySentences:
    """Every body sentence of a document whose features were kept without its text, to embed on demand."""
    _, body = _split(doc, title)
    return LazySentences([text for _, text in body], {})


def _title_vector(doc: Document, title: str, headline: int | None, embed: Embedder | None) -> NDArray[np.float32]:
    if embed is None and headline is not None:
        from wirescope.nlp.embed import sentence_vectors

        return sentence_vectors(doc, [headline])[0]
    return _embed([title], embed)[0]


def _kept_positions(doc: Document, body: list[tuple[int | None, str]], embed: Embedder | None) -> list[int]:
    """The body positions whose vectors the features keep: the first KEPT_SENTENCES and those an earlier stage
    embedded (``doc.embeddings``, shared with the model only: not with another ``embed``)."""
    cached = doc.embeddings if isinstance(doc.embeddings, dict) and embed is None else {}
    return [p for p, (i, _) in enumerate(body) if p < KEPT_SENTENCES or i in cached]


def _anchor_vectors(
    doc: Document, body: list[tuple[int | None, str]], embed: Embedder | None
) -> dict[int, NDArray[np.float32]]:
    """Vectors of the first KEPT_SENTENCES body sentences and of those an earlier stage embedded, by body position."""
    positions = _kept_positions(doc, body, embed)
    if embed is None and all(body[p][0] is not None for p in positions):
        from wirescope.nlp.embed import sentence_vectors

        indices = [i for p in positions if (i := body[p][0]) is not None]
        vectors = sentence_vectors(doc, indices)
    else:
        vectors = _embed([body[p][1] for p in positions], embed)
    return dict(zip(positions, vectors, strict=True))


def embed_ahead(doc: Document) -> None:
    """Embed into ``doc.embeddings`` the sentences ``extract_features`` reads (headline and first body sentences).

    A worker process (``--engine processes``) calls this after the pipeline, so that the embedding is paid in
    parallel workers and the single driver that clusters the documents in input order finds the vectors there."""
    _title, headline, body = _layout(doc)
    indices = [i for p in _kept_positions(doc, body, None) if (i := body[p][0]) is not None]
    from wirescope.nlp.embed import sentence_vectors

    sentence_vectors(doc, indices + ([headline] if headline is not None else []))


def extract_features(doc: Document, embed: Embedder | None = None) -> DocFeatures:
    """The story vector is the normalised mean of the title's and the lead's vectors. Only the lead and the sentences
    an earlier stage embedded are embedded now (``embed``, default: the model, sharing ``doc.embeddings``); the rest
    when copy detection asks for them."""
    title, headline, body = _layout(doc)
    anchors = _anchor_vectors(doc, body, embed)
    lead = [_title_vector(doc, title, headline, embed), *(anchors[p] for p in range(min(LEAD_SENTENCES, len(body))))]
    keys, labels = entity_keys(doc)
    if not keys:
        keys, labels = salient_keys([title, *(text for _, text in body[: LEAD_SENTENCES + 1])])
    positions = sorted(anchors)
    return DocFeatures(
        doc_id=doc.id,
        language=doc.language or "und",
        day=day_of(doc.published),
        vector=normalise(np.stack(lead).mean(axis=0)),
        sentence_vectors=np.stack([anchors[p] for p in positions]).astype(np.float16) if body else None,
        entity_keys=keys,
        entity_labels=labels,
        event_signatures=event_signatures(doc),
        event_categories=tuple(e.event for e in doc.events if not e.negated and not e.hypothetical),
        content_hash=doc.content_hash,
        title=title,
        source=doc.source,
        sentence_count=len(body),
        lazy=LazySentences([text for _, text in body], anchors, embed) if len(anchors) < len(body) else None,
    )
