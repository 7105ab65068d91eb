"""Train the CRF named-entity tagger shipped as ``src/wirescope/nlp/data/ner_crf.model`` (see ``nlp/ner_tagger``).

Data: the CoNLL-2002 ``.train`` files only (``ned.train`` Dutch, ``esp.train`` Spanish; ``testa`` is kept for the
final figure in ``evaluation/entities.py``). One model for both languages: features are language-independent in
form (shape, affixes, knowledge-base and cue-list membership), so it can also type names in other Latin-script
languages.

``--dev`` trains on the first 90% of each file and prints PER/ORG/LOC precision/recall/F1 on the last 10% (for
choosing the regularisation); without it the model is trained on everything and written with its metadata.

Usage: ``.venv/bin/python -m training.train_ner [--dev] [--c1 0.1] [--c2 0.01] [--iterations 150]``
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pycrfsuite

from wirescope.kb import load_kb
from wirescope.nlp import ner_tagger

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIRESCOPE_SHARED", REPO.parent / "shared"))
FILES = {"nl": "ned.train", "es": "esp.train"}
LABELS = ("PER", "ORG", "LOC")


DOC_SENTENCES = 40  # documents are cut at -DOCSTART- or every 40 sentences, as evaluation/entities.py reads them


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    lang: str
    doc: int  # document number, for the document-level lower-case vocabulary


def read_sentences(path: Path, lang: str) -> Iterator[Sentence]:
    """Sentences of a CoNLL-2002 file (latin-1, last column the BIO tag)."""
    tokens: list[str] = []
    tags: list[str] = []
    doc = in_doc = 0
    with path.open(encoding="latin-1") as fh:
        for line in fh:
            parts = line.split()
            if parts and parts[0] == "-DOCSTART-":
                doc, in_doc = doc + 1, 0
                continue
            if parts:
                tokens.append(parts[0])
                tags.append(parts[-1])
            elif tokens:
                yield Sentence(tokens, tags, lang, doc)
                tokens, tags = [], []
                in_doc += 1
                if in_doc >= DOC_SENTENCES:
                    doc, in_doc = doc + 1, 0
    if tokens:
        yield Sentence(tokens, tags, lang, doc)


def doc_lowercase(sentences: list[Sentence]) -> dict[tuple[str, int], set[str]]:
    """(language, document) -> the document's lower-case words."""
    out: dict[tuple[str, int], set[str]] = {}
    for s in sentences:
        out.setdefault((s.lang, s.doc), set()).update(ner_tagger.lowercase_words(s.tokens))
    return out


def split(langs: list[str], dev: bool) -> tuple[list[Sentence], list[Sentence]]:
    train: list[Sentence] = []
    held: list[Sentence] = []
    for lang in langs:
        sents = list(read_sentences(SHARED / "data" / "conll2002" / FILES[lang], lang))
        cut = int(len(sents) * 0.9) if dev else len(sents)
        train += sents[:cut]
        held += sents[cut:]
    return train, held


def train(sentences: list[Sentence], path: Path, c1: float, c2: float, iterations: int) -> None:
    kb = load_kb()
    gaz = {lang: ner_tagger.build_gazetteer(kb, lang) for lang in {s.lang for s in sentences}}
    trainer = pycrfsuite.Trainer(verbose=False)
    lowercase = doc_lowercase(sentences)
    t0 = time.process_time()
    for s in sentences:
        trainer.append(ner_tagger.sentence_features(s.tokens, s.lang, gaz[s.lang], lowercase[s.lang, s.doc]), s.tags)
    print(f"features of {len(sentences)} sentences: {time.process_time() - t0:.0f}s CPU")
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True,
        "feature.minfreq": 2,
    })
    t0 = time.process_time()
    trainer.train(str(path))
    print(f"training: {time.process_time() - t0:.0f}s CPU, model {path.stat().st_size / 1e6:.1f} MB")


def evaluate(model: Path, sentences: list[Sentence]) -> None:
    tagger = ner_tagger.NerTagger(model, {"version": "dev"})
    counts: dict[str, Counter[str]] = {}
    lowercase = doc_lowercase(sentences)
    for s in sentences:
        gold = set(ner_tagger.bio_spans(s.tags))
        pred = {(p.start, p.end, p.label) for p in tagger.tag(s.tokens, s.lang, lowercase[s.lang, s.doc])}
        for label in LABELS:
            g = {x for x in gold if x[2] == label}
            p = {x for x in pred if x[2] == label}
            c = counts.setdefault(f"{s.lang} {label}", Counter())
            c.update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    for lang in sorted({s.lang for s in sentences}):
        total: Counter[str] = Counter()
        for label in LABELS:
            c = counts.get(f"{lang} {label}", Counter())
            total.update(c)
            print(f"  {lang} {label}: {_prf(c)}")
        print(f"  {lang} PER/ORG/LOC: {_prf(total)}")


def _prf(c: Counter[str]) -> str:
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    r = c["tp"] / max(1, c["tp"] + c["fn"])
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", action="store_true", help="train on 90%%, report on the held-out 10%%")
    parser.add_argument("--langs", nargs="+", default=["nl", "es"], choices=sorted(FILES))
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--out", type=Path, default=ner_tagger.MODEL_PATH)
    args = parser.parse_args()
    train_set, held = split(args.langs, args.dev)
    out = Path(tempfile.gettempdir()) / "ner_dev.model" if args.dev else args.out
    train(train_set, out, args.c1, args.c2, args.iterations)
    if args.dev:
        evaluate(out, held)
        return
    meta = {
        "version": f"{ner_tagger.FEATURE_VERSION}.{datetime.now(UTC):%Y%m%d}",
        "feature_version": ner_tagger.FEATURE_VERSION,
        "languages": args.langs,
        "trained_on": [FILES[lang] for lang in args.langs],
        "sentences": len(train_set),
        "params": {"c1": args.c1, "c2": args.c2, "iterations": args.iterations, "minfreq": 2},
    }
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} and {out.with_suffix('.json')}")


if __name__ == "__main__":
    main()
