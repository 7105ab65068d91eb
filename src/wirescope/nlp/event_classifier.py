"""Cross-lingual event classifier: multinomial logistic regression over multilingual-e5 sentence embeddings.

Two heads ship in ``data/event_classifier.npz`` (trained by ``training/train_event_classifier.py``): the
PLOVER category head (16 categories + ``NONE``) and the PentaClass head (0-4). A head reads the embedding and,
when trained so, the language lexicon's signals (``lexicon_signals``): which categories its triggers give once
read with their governing words (``events.compose``: "suspended aid" is SANCTION), and whether negation,
hypothetical, future, reported, obligation, reduce and lift cues occur. The signals are language-independent
(each language's lexicon maps its own words to them), so the heads learn in which contexts a trigger means
its category in every language. (The first trigger's category, a main-event hint, raised GSR accuracy but
suppressed the later events of multi-event sentences in the seeds, so it is not a signal.) Each head is
calibrated with a temperature fitted on held-out data, so that a probability of 0.8 is right about 80% of
the time. Inference is numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from wirescope import plover
from wirescope.nlp.embed import DIM

MODEL_PATH = Path(__file__).parent / "data" / "event_classifier.npz"
NONE = "NONE"


#: weight of the lexicon signals relative to the unit-length embedding
LEXICON_FEATURE_SCALE = 0.5
#: the lexicon cue lists whose presence in the sentence is a signal, in this order
SIGNAL_CUES: tuple[str, ...] = ("negation", "hypothetical", "future", "reported", "obligation", "reduce", "lift")
N_CATEGORIES = len(plover.CATEGORIES)
SIGNAL_DIM = N_CATEGORIES + len(SIGNAL_CUES)


def lexicon_signals(composed: Sequence[str], cues: Sequence[bool]) -> NDArray[np.float32]:
    """The lexicon's signals for one sentence (``SIGNAL_DIM`` values).

    ``composed``: the categories of the sentence's triggers, read with their governing words; ``cues``:
    whether each of ``SIGNAL_CUES`` occurs. Layout: category indicators (16), then cue indicators (7).
    """
    out = np.zeros(SIGNAL_DIM, dtype=np.float32)
    for category in composed:
        out[plover.CATEGORIES.index(category)] = 1.0
    out[N_CATEGORIES:] = [float(c) for c in cues]
    return out


def featurize(embeddings: NDArray[np.float32], lexicon_hits: NDArray[np.float32]) -> NDArray[np.float32]:
    """Classifier input: the sentence embedding and the lexicon's signals (scaled)."""
    return np.hstack(
        [np.asarray(embeddings, dtype=np.float32), LEXICON_FEATURE_SCALE * np.asarray(lexicon_hits, dtype=np.float32)]
    )


def softmax(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


@dataclass(frozen=True)
class Head:
    labels: tuple[str, ...]
    weights: NDArray[np.float64]  # dim x n_labels
    bias: NDArray[np.float64]
    temperature: float
    uses_lexicon: bool

    def predict_proba(self, embeddings: NDArray[np.float32], lexicon_hits: NDArray[np.float32]) -> NDArray[np.float64]:
        x = featurize(embeddings, lexicon_hits) if self.uses_lexicon else embeddings
        return softmax((np.asarray(x, dtype=np.float64) @ self.weights + self.bias) / self.temperature)


@dataclass(frozen=True)
class EventClassifier:
    category: Head
    penta: Head
    version: str

    @property
    def labels(self) -> tuple[str, ...]:
        return self.category.labels

    def predict_proba(self, embeddings: NDArray[np.float32], lexicon_hits: NDArray[np.float32]) -> NDArray[np.float64]:
        """Category probabilities (rows: sentences, columns: ``labels``)."""
        return self.category.predict_proba(embeddings, lexicon_hits)

    def predict_pentaclass(
        self, embeddings: NDArray[np.float32], lexicon_hits: NDArray[np.float32]
    ) -> NDArray[np.int64]:
        probs = self.penta.predict_proba(embeddings, lexicon_hits)
        return np.array([int(self.penta.labels[i]) for i in probs.argmax(axis=1)], dtype=np.int64)


def _head(data: np.lib.npyio.NpzFile, prefix: str) -> Head:
    weights = data[f"{prefix}_W"].astype(np.float64)
    return Head(
        tuple(str(s) for s in data[f"{prefix}_labels"]),
        weights,
        data[f"{prefix}_b"].astype(np.float64),
        float(data[f"{prefix}_T"]),
        uses_lexicon=weights.shape[0] > DIM,
    )


def load_path(path: Path) -> EventClassifier:
    with np.load(path, allow_pickle=False) as data:
        return EventClassifier(_head(data, "cat"), _head(data, "penta"), str(data["version"]))


@lru_cache(maxsize=1)
def load() -> EventClassifier | None:
    """The shipped classifier, or None when the model file is absent (the lexicon then works alone)."""
    return load_path(MODEL_PATH) if MODEL_PATH.is_file() else None
