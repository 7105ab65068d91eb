"""Sentence-boundary precision/recall/F1 on the CoNLL-2002 news corpora (Spanish EFE, Dutch De Morgen).

The gold sentences of each file are detokenised (no space before closing punctuation, none after opening
brackets) and joined with single spaces into running text, in blocks of ``--block`` sentences (no paragraph
breaks, so every boundary has to be found from punctuation alone). A boundary is the end offset of a sentence;
a predicted boundary counts when it is a gold one. Sentences that do not end in punctuation in the gold data
(datelines, bylines: "-", "EFE") cannot be found from the running text and are reported separately.

    .venv/bin/python evaluation/segmentation.py [--block 20]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIRESCOPE_SHARED", REPO.parent / "shared"))
sys.path.insert(0, str(REPO / "src"))

from wirescope.nlp.segment import segment  # noqa: E402

FILES = {"es": "esp.testa", "nl": "ned.testa"}
NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "...", "»"}
NO_SPACE_AFTER = {"(", "[", "{", "¿", "¡", "«"}
TERMINAL = (".", "!", "?", "...", '"', "»", ")")


def read_conll(path: Path) -> list[list[str]]:
    sentences: list[list[str]] = []
    tokens: list[str] = []
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line.strip():
            if tokens:
                sentences.append(tokens)
            tokens = []
            continue
        token = line.split()[0]
        if token != "-DOCSTART-":
            tokens.append(token)
    if tokens:
        sentences.append(tokens)
    return sentences


def detokenise(tokens: list[str], open_quote: bool = False) -> tuple[str, bool]:
    """Text of the tokens; straight double quotes alternate between opening and closing (``open_quote`` carries
    the state across sentences, since the corpus splits a quotation's sentences)."""
    out = ""
    glue = False  # no space before the next token (after an opening bracket or quote)
    for token in tokens:
        closing = token == '"' and open_quote
        if out and not glue and token not in NO_SPACE_BEFORE and not closing:
            out += " "
        out += token
        glue = token in NO_SPACE_AFTER or (token == '"' and not open_quote)
        if token == '"':
            open_quote = not open_quote
    return out, open_quote


def evaluate(lang: str, block: int) -> dict[str, float]:
    sentences: list[str] = []
    open_quote = False
    for tokens in read_conll(SHARED / "data" / "conll2002" / FILES[lang]):
        text, open_quote = detokenise(tokens, open_quote)
        sentences.append(text)
    tp = fp = fn = unreachable = 0
    for i in range(0, len(sentences), block):
        chunk = sentences[i : i + block]
        text, gold = "", set()
        for j, sentence in enumerate(chunk):
            text += sentence
            if j < len(chunk) - 1:  # the end of the block is a boundary for free
                if sentence.endswith(TERMINAL):
                    gold.add(len(text))
                else:
                    unreachable += 1
            text += " "
        predicted = {end for _, end in segment(text.rstrip(), lang)[:-1]}
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"sentences": len(sentences), "boundaries": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "unreachable": unreachable, "precision": precision, "recall": recall, "f1": f1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--block", type=int, default=20, help="sentences joined into one running text")
    args = parser.parse_args()
    print(f"{'lang':4} {'sentences':>9} {'boundaries':>10} {'tp':>6} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"
          "  (unreachable: gold sentences without final punctuation)")
    for lang in FILES:
        r = evaluate(lang, args.block)
        print(f"{lang:4} {r['sentences']:>9} {r['boundaries']:>10} {r['tp']:>6} {r['fp']:>5} {r['fn']:>5} "
              f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}  (unreachable: {r['unreachable']})")


if __name__ == "__main__":
    main()
