"""Light statistical typing of unknown capitalised spans (the "light statistics" of the entity stage).

When no context cue decides (no role, organisation word, vehicle noun ...), a multinomial logistic regression
over sparse features of the span (its words, suffixes, shape) and its context (neighbouring words) tells PER,
ORG, LOC, MISC or O (not a name). It is trained only on the CoNLL-2002 ``.train`` files (Dutch and Spanish) by
``scripts/train_entity_typer.py`` and shipped as plain weights (``data/entity_typer.json``), so that prediction
needs no scikit-learn. Suffix and shape features carry over to the other Latin-script languages.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).parent / "data" / "entity_typer.json"
#: CoNLL label -> entity type of the data model (None: not a name)
LABEL_TYPES: dict[str, str | None] = {
    "PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "PLACE", "MISC": "OTHER", "O": None,
}
_DIGIT_RE = re.compile(r"\d")


@lru_cache(maxsize=1 << 17)
def word_shape(word: str) -> str:
    """The word's character classes with runs collapsed ("Kim-Jong" -> "Xx-Xx"), a feature of both name typers."""
    out: list[str] = []
    for c in word:
        kind = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def span_features(
    words: Sequence[str], before: Sequence[str], after: Sequence[str], initial: bool, common: Sequence[bool]
) -> list[str]:
    """Sparse features of a span: ``words`` as written, up to two words of context on each side (lower-case),
    whether it starts a sentence and which of its words are common words of the language."""
    low = [w.casefold() for w in words]
    feats = [f"w:{w}" for w in low]
    feats += [f"first:{low[0]}", f"last:{low[-1]}", f"len:{min(len(words), 4)}"]
    feats += [f"shape:{'_'.join(word_shape(w) for w in words[:3])}"]
    for w, name in ((low[-1], "s"), (low[0], "fs")):
        feats += [f"{name}{n}:{w[-n:]}" for n in (2, 3, 4) if len(w) > n]
    feats.append(f"p3:{low[0][:3]}")
    if before:
        feats += [f"prev:{before[-1]}", f"prev2:{' '.join(before[-2:])}"]
    else:
        feats.append("prev:<s>")
    feats.append(f"next:{after[0]}" if after else "next:</s>")
    if len(after) > 1:
        feats.append(f"next2:{' '.join(after[:2])}")
    if initial:
        feats.append("initial")
    if any(_DIGIT_RE.search(w) for w in words):
        feats.append("digit")
    feats.append(f"common:{sum(common)}/{len(common)}")
    if common and common[0]:
        feats.append("common_first")
    return feats


@dataclass(frozen=True)
class TyperModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        scores = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                scores = [s + x for s, x in zip(scores, w, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


@lru_cache(maxsize=1)
def load_model() -> TyperModel | None:
    """The shipped model, or None when it has not been trained."""
    if not MODEL_PATH.is_file():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return TyperModel(
        classes=tuple(data["classes"]),
        bias=tuple(data["bias"]),
        weights={k: tuple(v) for k, v in data["weights"].items()},
    )
