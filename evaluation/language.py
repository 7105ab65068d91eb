"""Sentence-level language identification accuracy on real news sentences from ../shared/data.

Corpora: CoNLL-2002 Spanish (EFE) and Dutch (De Morgen) sentences, detokenised, and the English PentaClass news
sentences. Each sentence is labelled on its own (no document prior, the hard case) and with the document's
language as prior (how the pipeline labels sentences of a document). Reported: accuracy over all sentences,
the share left unlabelled (None), and accuracy on the short ones (< 40 characters).

    .venv/bin/python evaluation/language.py [--limit 1500]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIRESCOPE_SHARED", REPO.parent / "shared"))
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "evaluation"))

from segmentation import detokenise, read_conll  # noqa: E402
from wirescope.nlp.language import SHORT_TEXT, detect  # noqa: E402


def conll_sentences(name: str) -> Iterator[str]:
    open_quote = False
    for tokens in read_conll(SHARED / "data" / "conll2002" / name):
        text, open_quote = detokenise(tokens, open_quote)
        if sum(ch.isalpha() for ch in text) >= 3:
            yield text


def pentaclass_sentences() -> Iterator[str]:
    for line in (SHARED / "data" / "cameo" / "pentaclass.train.tsv").read_text(encoding="utf-8").splitlines():
        text = line.split("\t")[0].strip()
        if text:
            yield text


def evaluate(lang: str, sentences: list[str]) -> str:
    parts = [f"{lang:3} n={len(sentences):5}"]
    for label, prior in (("no prior", None), ("doc prior", lang)):
        predicted = [detect(s, prior) for s in sentences]
        correct = sum(p == lang for p in predicted)
        unlabelled = sum(p is None for p in predicted)
        short = [(s, p) for s, p in zip(sentences, predicted, strict=True) if len(s) < SHORT_TEXT]
        short_acc = sum(p == lang for _, p in short) / len(short) if short else float("nan")
        parts.append(f"{label}: acc {correct / len(sentences):.3f} none {unlabelled / len(sentences):.3f} "
                     f"short({len(short)}) acc {short_acc:.3f}")
    return " | ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1500, help="sentences per language")
    args = parser.parse_args()
    corpora = {
        "es": list(conll_sentences("esp.testa")),
        "nl": list(conll_sentences("ned.testa")),
        "en": list(pentaclass_sentences()),
    }
    for lang, sentences in corpora.items():
        print(evaluate(lang, sentences[: args.limit]))


if __name__ == "__main__":
    main()
