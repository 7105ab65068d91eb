"""Train the cross-lingual event classifier shipped in ``src/wirescope/nlp/data/event_classifier.npz``.

Features (both heads): the multilingual-e5 sentence embedding plus the language lexicon's signals
(``event_classifier.lexicon_signals``: the categories of the sentence's triggers read with their governing
words, and negation/hypothetical/future/reported/obligation/reduce/lift cues).
Two multinomial logistic-regression heads:

- category (16 PLOVER 2.0 categories + NONE): PLOVER_GSR_CAMEO (0.5b1 mapped to 2.0), our written examples
  in every language (training/data/events_<code>.yaml) and the PentaClass-0 sentences (statements) as NONE;
- PentaClass (0-4): pentaclass.train.tsv, the GSR records and our examples mapped to PentaClass.

Each head gets a temperature fitted on a held-out 20% (trained on the other 80%), then is refitted on all
data. Usage: ``.venv/bin/python -m training.train_event_classifier [--out PATH]`` (from the repository root).
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from training.embed_cache import embed_cached
from wirescope import plover
from wirescope.model import Document, Entity, Mention, Sentence
from wirescope.nlp import event_classifier, events

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = Path(__file__).resolve().parent / "data"
SHARED = Path(os.environ.get("WIRESCOPE_SHARED", REPO.parent / "shared"))
VERSION = "0.3.0"
CAT_LABELS: tuple[str, ...] = (*plover.CATEGORIES, event_classifier.NONE)
PENTA_LABELS: tuple[str, ...] = ("0", "1", "2", "3", "4")
C_REG = 4.0
#: whether the category head also reads the lexicon indicators (it then learns which triggers to trust)
CAT_USES_LEXICON = True


@dataclass(frozen=True)
class Sample:
    text: str
    lang: str
    category: str | None  # a CAT_LABELS value, or None when only the PentaClass is known
    penta: int


# ---------------------------------------------------------------------------------------------------------
# data


def load_gsr(path: Path | None = None) -> list[dict[str, Any]]:
    """PLOVER_GSR_CAMEO records with a 2.0 category (the DOCUMENT record and unknown categories dropped)."""
    path = path or SHARED / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in records:
        category = plover.normalize_category(r.get("event", ""))
        if category and r.get("text"):
            out.append({**r, "category": category})
    return out


def load_pentaclass(path: Path | None = None) -> list[tuple[str, int]]:
    path = path or SHARED / "data" / "cameo" / "pentaclass.train.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            rows.append((text.strip(), int(label)))
    return rows


def example_languages() -> list[str]:
    return sorted(p.stem.split("_", 1)[1] for p in DATA_DIR.glob("events_*.yaml"))


def load_examples(code: str) -> dict[str, Any]:
    with (DATA_DIR / f"events_{code}.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def _surface_spans(text: str, surface: str, lang: str) -> list[tuple[int, int]]:
    """Occurrences of a surface form; ``stem*`` extends to the end of the word (inflected forms)."""
    prefix = surface.endswith("*")
    core = re.escape(surface.rstrip("*")).replace(r"\*", r"\w*")
    left = r"(?:(?<=\W)|^)(?:[وبل])?" if lang == "ar" else r"(?<!\w)"
    pattern = left + "(" + core + (r"\w*" if prefix else "") + ")"
    return [(m.start(1), m.end(1)) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def example_document(text: str, entities: dict[str, list[str]], lang: str) -> Document:
    """A one-sentence Document with entity mentions for the given surface forms (a hand-built test fixture)."""
    doc = Document(text=text, language=lang)
    doc.sentences = [Sentence(0, 0, len(text), lang)]
    taken: list[tuple[int, int]] = []
    by_key: dict[tuple[str, str], Entity] = {}
    for surface, (etype, code) in sorted(entities.items(), key=lambda kv: -len(kv[0])):
        for start, end in _surface_spans(text, surface, lang):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            is_code = bool(re.fullmatch(r"[A-Z]{3}", code))
            key = (etype, code)
            if key not in by_key:
                by_key[key] = Entity(
                    id=f"country:{code}" if etype == "COUNTRY" else f"test:{etype}:{code}",
                    type=etype,
                    name=code if (etype == "ORGANIZATION" and not is_code) else surface.rstrip("*"),
                    country=code if is_code else None,
                )
            by_key[key].mentions.append(Mention(text[start:end], start, end, 0))
    doc.entities = list(by_key.values())
    return doc


def samples() -> tuple[list[Sample], list[Sample]]:
    """(category samples, PentaClass samples) from every source."""
    cat: list[Sample] = []
    penta: list[Sample] = []
    for r in load_gsr():
        s = Sample(r["text"], "en", r["category"], plover.pentaclass(r["category"]))
        cat.append(s)
        penta.append(s)
    for text, label in load_pentaclass():
        penta.append(Sample(text, "en", None, label))
        if label == 0:
            cat.append(Sample(text, "en", event_classifier.NONE, 0))
    for code in example_languages():
        for ex in load_examples(code)["examples"]:
            category = ex["category"]
            s = Sample(ex["text"], code, category, plover.pentaclass(category if category != "NONE" else None))
            cat.append(s)
            penta.append(s)
    return cat, penta


# ---------------------------------------------------------------------------------------------------------
# features and fitting


def lexicon_hits(texts: Sequence[str], langs: Sequence[str]) -> NDArray[np.float32]:
    """The lexicon signals of each sentence in its language (n x ``event_classifier.SIGNAL_DIM``)."""
    out = np.zeros((len(texts), event_classifier.SIGNAL_DIM), dtype=np.float32)
    for i, (text, lang) in enumerate(zip(texts, langs, strict=True)):
        out[i] = events.lexicon_features(text, lang)
    return out


def features(texts: Sequence[str], langs: Sequence[str], lexicon: bool) -> NDArray[np.float32]:
    emb = embed_cached(list(texts))
    return event_classifier.featurize(emb, lexicon_hits(texts, langs)) if lexicon else emb


def fit(x: NDArray[np.float32], y: NDArray[np.int64], n_labels: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Multinomial LR; returns (W: dim x n_labels, b) with zero columns for labels absent from ``y``."""
    clf = LogisticRegression(C=C_REG, max_iter=3000, class_weight="balanced")
    clf.fit(x, y)
    w = np.zeros((x.shape[1], n_labels))
    b = np.full(n_labels, -30.0)
    for j, label in enumerate(clf.classes_):
        w[:, label] = clf.coef_[j] if len(clf.classes_) > 2 else (clf.coef_[0] if j else -clf.coef_[0])
        b[label] = clf.intercept_[j] if len(clf.classes_) > 2 else (clf.intercept_[0] if j else -clf.intercept_[0])
    return w, b


def fit_temperature(logits: NDArray[np.float64], y: NDArray[np.int64]) -> float:
    """The temperature minimising held-out negative log-likelihood."""

    def nll(t: float) -> float:
        p = event_classifier.softmax(logits / t)
        return float(-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)))

    result = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded")
    return float(result.x)


def train_head(
    x: NDArray[np.float32], y: NDArray[np.int64], n_labels: int, seed: int = 0
) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    xa, xb, ya, yb = train_test_split(x, y, test_size=0.2, random_state=seed, stratify=y)
    w, b = fit(xa, ya, n_labels)
    temperature = fit_temperature(xb @ w + b, yb)
    w, b = fit(x, y, n_labels)
    return w, b, temperature


def train(out: Path) -> dict[str, Any]:
    cat, penta = samples()
    x_cat = features([s.text for s in cat], [s.lang for s in cat], lexicon=CAT_USES_LEXICON)
    y_cat = np.array([CAT_LABELS.index(s.category or "NONE") for s in cat])
    x_pen = features([s.text for s in penta], [s.lang for s in penta], lexicon=True)
    y_pen = np.array([s.penta for s in penta])
    cw, cb, ct = train_head(x_cat, y_cat, len(CAT_LABELS))
    pw, pb, pt = train_head(x_pen, y_pen, len(PENTA_LABELS))
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        version=np.array(VERSION),
        trained=np.array(datetime.now(UTC).isoformat(timespec="seconds")),
        cat_labels=np.array(CAT_LABELS),
        cat_W=cw.astype(np.float32),
        cat_b=cb.astype(np.float32),
        cat_T=np.array(ct),
        penta_labels=np.array(PENTA_LABELS),
        penta_W=pw.astype(np.float32),
        penta_b=pb.astype(np.float32),
        penta_T=np.array(pt),
    )
    return {"category_samples": len(cat), "penta_samples": len(penta), "cat_T": ct, "penta_T": pt}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=event_classifier.MODEL_PATH)
    args = parser.parse_args()
    print(train(args.out))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
