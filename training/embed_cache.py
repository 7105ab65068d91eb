"""An on-disk cache of sentence embeddings for training and evaluation (``artifacts/cache``, gitignored).

Embedding a few thousand sentences takes about a minute on two cores; the cache makes re-runs instant.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from wirescope.nlp.embed import DIM, MODEL_NAME, embed_passages

CACHE_DIR = Path(__file__).resolve().parents[1] / "artifacts" / "cache"


def _key(text: str) -> str:
    return hashlib.sha1(f"{MODEL_NAME}\x00{text}".encode()).hexdigest()


def embed_cached(texts: Sequence[str], name: str = "embeddings") -> NDArray[np.float32]:
    """Embeddings of ``texts`` (passage prefix), computing only those not yet in ``CACHE_DIR/<name>.npz``."""
    path = CACHE_DIR / f"{name}.npz"
    cache: dict[str, NDArray[np.float32]] = {}
    if path.is_file():
        with np.load(path) as data:
            cache = dict(zip(data["keys"].tolist(), data["vecs"], strict=True))
    keys = [_key(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cache}.items())
    if missing:
        vecs = embed_passages([t for _, t in missing])
        cache.update({k: v for (k, _), v in zip(missing, vecs, strict=True)})
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        all_keys = list(cache)
        np.savez(path, keys=np.array(all_keys), vecs=np.stack([cache[k] for k in all_keys]))
    if not keys:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([cache[k] for k in keys]).astype(np.float32)
