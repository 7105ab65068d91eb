"""Fixtures of the story tests: synthetic features (no model) and the embedding function (loaded once)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import numpy as np
import pytest
from numpy.typing import NDArray

from wirescope.stories.features import DocFeatures

DIM = 384
_RNG = np.random.default_rng(20230913)
COMMON = _RNG.normal(size=DIM)


def unit(x: NDArray[np.float64]) -> NDArray[np.float32]:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def direction(seed: int) -> NDArray[np.float64]:
    """A random topic direction; documents built on it have e5-like compressed cosines (~0.95 vs ~0.75)."""
    return np.random.default_rng(seed).normal(size=DIM)


def make_features(
    doc_id: str,
    topic: int,
    day: date | None,
    language: str = "en",
    keys: Sequence[str] = (),
    noise_seed: int | None = None,
) -> DocFeatures:
    rng = np.random.default_rng(noise_seed if noise_seed is not None else abs(hash(doc_id)) % 2**32)
    base = 0.85 * unit(COMMON) + 0.5 * unit(direction(topic))
    vector = unit(base + 0.12 * unit(rng.normal(size=DIM)))
    sentences = unit(base + 0.3 * unit(rng.normal(size=(4, DIM))))
    return DocFeatures(
        doc_id=doc_id,
        language=language,
        day=day.toordinal() if day else None,
        vector=vector,
        sentence_vectors=sentences.astype(np.float16),
        entity_keys={k: 1.0 / len(keys) for k in keys},
        entity_labels={k: (k.split(":")[-1], "COUNTRY") for k in keys},
        title=doc_id,
    )


@pytest.fixture(scope="session")
def embed() -> Callable[[Sequence[str]], NDArray[np.float32]]:
    """The real embedding model, loaded once per test session."""
    from wirescope.nlp.embed import embed_passages

    embed_passages(["warm-up"])
    return embed_passages
