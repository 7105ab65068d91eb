"""What the story clusterer reads out of a Document: one vector for title + lead, sentence vectors, entity keys,
event signatures, the publication day.

Features are computed once per document (the embedding is the expensive part) and are all the clusterer needs, so
the benchmark can feed synthetic features and measure the clustering cost alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
from numpy.typing import NDArray

from wirescope.model import Document, Event

Embedder = Callable[[Sequence[str]], NDArray[np.float32]]

LEAD_SENTENCES = 2
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


def extract_features(doc: Document, embed: Embedder | None = None) -> DocFeatures:
    """Embed title and sentences in one batch; the story vector is the normalised mean of title and lead."""
    if embed is None:
        from wirescope.nlp.embed import embed_passages

        embed = embed_passages
    sentences = split_sentences(doc)
    title = (doc.title or (sentences[0] if sentences else doc.text[:200])).strip()
    if sentences and sentences[0] == title:  # the headline is compared as the title, not as a sentence
        sentences = sentences[1:]
    sentences = sentences[:MAX_SENTENCES]
    vectors = embed([title, *sentences])
    lead = vectors[: 1 + LEAD_SENTENCES]
    keys, labels = entity_keys(doc)
    if not keys:
        keys, labels = salient_keys([title, *sentences[: LEAD_SENTENCES + 1]])
    return DocFeatures(
        doc_id=doc.id,
        language=doc.language or "und",
        day=day_of(doc.published),
        vector=normalise(lead.mean(axis=0)),
        sentence_vectors=vectors[1:].astype(np.float16) if len(sentences) else None,
        entity_keys=keys,
        entity_labels=labels,
        event_signatures=event_signatures(doc),
        event_categories=tuple(e.event for e in doc.events if not e.negated and not e.hypothetical),
        content_hash=doc.content_hash,
        title=title,
        source=doc.source,
    )
