"""Train the statistical span typer of the entity stage on the CoNLL-2002 .train files (Dutch and Spanish).

Candidates are the unknown capitalised runs the entity stage itself produces (``entities.unknown_runs``); a run
is labelled with the CoNLL type of the gold span with exactly the same tokens, otherwise O. The multinomial
logistic regression (scikit-learn, a dev dependency) is exported as plain weights to
``src/wirescope/nlp/data/entity_typer.json``.

Usage: .venv/bin/python scripts/train_entity_typer.py [--max-docs N]
"""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from wirescope.kb import load_kb
from wirescope.nlp import entities
from wirescope.nlp.entity_typer import MODEL_PATH

SHARED = Path(os.environ.get("WIRESCOPE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
TRAIN_FILES = (("ned.train", "nl"), ("esp.train", "es"))


def read_sentences(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="latin-1") as fh:
        for line in fh:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if tokens:
                    yield tokens, tags
                tokens, tags = [], []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])
    if tokens:
        yield tokens, tags


def gold_spans(tags: list[str]) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            out[(start, i)] = label
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, label = i, tag[2:]
    return out


def examples(max_sentences: int | None) -> Iterator[tuple[list[str], str]]:
    kb = load_kb()
    for name, lang in TRAIN_FILES:
        rules = entities.lang_rules(lang)
        for n, (tokens, tags) in enumerate(read_sentences(SHARED / "data" / "conll2002" / name)):
            if max_sentences is not None and n >= max_sentences:
                break
            text = " ".join(tokens)
            starts, ends, pos = [], [], 0
            for tok in tokens:
                starts.append(pos)
                ends.append(pos + len(tok))
                pos += len(tok) + 1
            gold = {(starts[a], ends[b - 1]): label for (a, b), label in gold_spans(tags).items()}
            toks = entities.tokenize(text)
            ctx = entities.SentenceContext(text, toks, 0, lang, rules, set(), 0)
            for run in entities.unknown_runs(ctx, kb):
                label = gold.get((toks[run[0]].start, toks[run[-1]].end), "O")
                yield entities.run_features(run, ctx), label


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-sentences", type=int, default=None, help="per training file")
    parser.add_argument("--keep", type=int, default=40_000, help="features kept (largest weights)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    args = parser.parse_args()
    data = list(examples(args.max_sentences))
    print(f"{len(data)} candidate spans; labels {Counter(label for _, label in data)}")
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(feats, 1.0) for feats, _ in data])
    y = [label for _, label in data]
    clf = LogisticRegression(max_iter=300, C=args.c)
    clf.fit(x, y)
    print(f"training accuracy {clf.score(x, y):.3f}")
    names = vec.get_feature_names_out()
    coef = clf.coef_.T
    strength = abs(coef).max(axis=1)
    keep = strength.argsort()[::-1][: args.keep]
    weights = {str(names[i]): [round(float(w), 4) for w in coef[i]] for i in sorted(keep) if strength[i] > 1e-3}
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(
        json.dumps({"classes": [str(c) for c in clf.classes_], "bias": [round(float(b), 4) for b in clf.intercept_],
                    "weights": weights, "trained_on": [f for f, _ in TRAIN_FILES]}, ensure_ascii=False),
        encoding="utf-8",
    )
    print(f"wrote {MODEL_PATH} ({len(weights)} features)")


if __name__ == "__main__":
    main()
