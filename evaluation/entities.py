"""Evaluate the entity stage and the name matcher on ../shared data.

Prints (1) entity recall/precision against the seed articles' gold entities (plus surface-form recall),
(2) PER/ORG/LOC F1 on CoNLL-2002 ned.testa and esp.testa (exact-span, conlleval style; MISC reported apart), for
    the whole entity stage and for the CRF tagger (nlp/ner_tagger, trained on the .train files only) alone,
(3) F1 of wirescope's name matcher on names/name_bench_cases.csv next to nomenklatura's matchers on the same pairs,
(4) the per-language coverage table of the knowledge base.

Usage: .venv/bin/python evaluation/entities.py [--skip-conll] [--conll-docs N]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from wirescope.kb import load_kb
from wirescope.lang import SUPPORTED_LANGUAGES
from wirescope.model import Document, Entity, Sentence
from wirescope.nlp import entities as entity_stage
from wirescope.nlp.names import NameContext, match_names, name_similarity
from wirescope.nlp.ner_tagger import NerTagger, load_tagger, lowercase_words
from wirescope.pipeline import Pipeline

SHARED = Path(os.environ.get("WIRESCOPE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
CONLL_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "COUNTRY": "LOC", "PLACE": "LOC", "OTHER": "MISC"}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ------------------------------------------------------------------------------------------------ (1) seeds


def _gold_matches(gold: dict[str, Any], ent: Entity) -> bool:
    """Canonical name or country code agrees, and the type agrees."""
    if gold["type"] != ent.type:
        return False
    code = gold.get("code")
    if code:
        return ent.country == code or ent.id == f"country:{code}"
    surfaces = {s.casefold() for s in gold.get("surface", [])}
    return (
        name_similarity(gold["name"], ent.name) >= 0.9
        or ent.name.casefold() in surfaces
        or any(m.text.casefold() in surfaces for m in ent.mentions if len(m.text.split()) >= 2)
    )


def _surface_found(surface: str, ents: list[Entity]) -> bool:
    s = surface.casefold()
    return any(s == m.text.casefold() or s in m.text.casefold() or m.text.casefold() in s
               for e in ents for m in e.mentions if len(m.text) >= 2)


#: the types the seed gold annotates (actors and places). Gold lists no OTHER entity (wars, vessels, events), so
#: OTHER predictions are reported apart, as CoNLL reports MISC apart, in addition to the all-types precision.
GOLD_TYPES = frozenset({"PERSON", "ORGANIZATION", "COUNTRY", "PLACE"})


def evaluate_seeds() -> None:
    gold_path = SHARED / "seeds" / "gold.yaml"
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    pipeline = Pipeline(["language", "segment", "entities"])
    tot = Counter[str]()
    print("== (1) seed articles: entity recall / precision ==")
    for item in gold["documents"]:
        text = (SHARED / "seeds" / item["file"]).read_text(encoding="utf-8")
        doc = pipeline(Document(text=text))
        named = [e for e in doc.entities if not e.id.startswith("actor:")]
        golds = item.get("entities", [])
        found = [g for g in golds if any(_gold_matches(g, e) for e in named)]
        correct = [e for e in named if any(_gold_matches(g, e) for g in golds)]
        surfaces = [(g, s) for g in golds for s in g.get("surface", [])]
        s_found = [(g, s) for g, s in surfaces if _surface_found(s, named)]
        bad_persons = [n for n in item.get("not_persons", [])
                       if any(e.type == "PERSON" and any(n in m.text or m.text in n for m in e.mentions
                                                         if len(m.text.split()) >= 2) for e in named)]
        typed = [e for e in named if e.type in GOLD_TYPES]
        tot.update(gold=len(golds), found=len(found), pred=len(named), correct=len(correct), typed=len(typed),
                   typed_correct=len([e for e in correct if e.type in GOLD_TYPES]),
                   surf=len(surfaces), surf_found=len(s_found), actors=len(doc.entities) - len(named))
        print(f"{item['file']}: recall {len(found)}/{len(golds)}  precision {len(correct)}/{len(named)}  "
              f"surface recall {len(s_found)}/{len(surfaces)}  unnamed actors {len(doc.entities) - len(named)}  "
              f"not-person violations {len(bad_persons)}")
        missed = [g["name"] for g in golds if g not in found]
        if missed:
            print("  missed:", ", ".join(missed))
        extra = [f"{e.name} ({e.type})" for e in named if e not in correct]
        if extra:
            print("  not in gold:", ", ".join(extra))
    r = tot["found"] / tot["gold"] if tot["gold"] else 0.0
    p = tot["correct"] / tot["pred"] if tot["pred"] else 0.0
    p_typed = tot["typed_correct"] / tot["typed"] if tot["typed"] else 0.0
    print(f"TOTAL recall {r:.3f}  precision {p:.3f} (named entities of all types; {tot['actors']} unnamed actors "
          f"not scored)  surface-form recall {tot['surf_found'] / max(1, tot['surf']):.3f}")
    print(f"      precision {p_typed:.3f} over the gold's types (PERSON/ORGANIZATION/COUNTRY/PLACE; "
          f"{tot['pred'] - tot['typed']} OTHER entities reported apart)")
    print("goal: recall >= 0.9 at precision >= 0.85")


# ------------------------------------------------------------------------------------------------ (2) CoNLL


@dataclass
class ConllSentence:
    tokens: list[str]
    tags: list[str]


def read_conll(path: Path) -> Iterator[list[ConllSentence]]:
    """Documents (split at -DOCSTART- or every 40 sentences) of token/tag sentences."""
    doc: list[ConllSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="latin-1") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if tokens:
                    doc.append(ConllSentence(tokens, tags))
                    tokens, tags = [], []
                    if len(doc) >= 40:
                        yield doc
                        doc = []
                continue
            if parts[0] == "-DOCSTART-":
                if doc:
                    yield doc
                    doc = []
                continue
            tokens.append(parts[0])
            tags.append(parts[-1])
    if tokens:
        doc.append(ConllSentence(tokens, tags))
    if doc:
        yield doc


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if start >= 0 and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            out.add((start, i, label))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, label = i, tag[2:]
    return out


def predict_conll(doc: list[ConllSentence], lang: str, kb: Any) -> list[list[str]]:
    text_parts: list[str] = []
    sentences: list[Sentence] = []
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    for i, sent in enumerate(doc):
        start = pos
        toks = []
        for tok in sent.tokens:
            toks.append((pos, pos + len(tok)))
            text_parts.append(tok + " ")
            pos += len(tok) + 1
        sentences.append(Sentence(i, start, pos - 1, lang))
        offsets.append(toks)
        text_parts[-1] = text_parts[-1][:-1] + "\n"
    d = Document(text="".join(text_parts), language=lang)
    d.sentences = sentences
    ents = entity_stage.extract(d, kb)
    tags = [["O"] * len(s.tokens) for s in doc]
    for e in ents:
        for m in e.mentions:
            # CoNLL annotates adjectives and nouns of nationality ("Belgische", "Amerikanen") as MISC: a country
            # mention that is not a name of the country in this language (or in all) is one of those
            demonym = e.type == "COUNTRY" and not any(
                x.entry.type == "COUNTRY" and x.lang in (lang, None) for x in kb.matches(m.text, lang)
            )
            label = "MISC" if demonym else CONLL_TYPES.get(e.type, "MISC")
            toks = offsets[m.sentence]
            idx = [j for j, (a, b) in enumerate(toks) if a >= m.start and b <= m.end]
            if not idx or any(tags[m.sentence][j] != "O" for j in idx):
                continue
            for k, j in enumerate(idx):
                tags[m.sentence][j] = ("B-" if k == 0 else "I-") + label
    return tags


def predict_tagger(doc: list[ConllSentence], lang: str, tagger: NerTagger) -> list[list[str]]:
    """BIO tags of the CRF tagger alone, on the CoNLL tokens."""
    lowercase = lowercase_words(t for sent in doc for t in sent.tokens)
    out = []
    for sent in doc:
        tags = ["O"] * len(sent.tokens)
        for s in tagger.tag(sent.tokens, lang, lowercase):
            for j in range(s.start, s.end):
                tags[j] = ("B-" if j == s.start else "I-") + s.label
        out.append(tags)
    return out


def _print_conll(name: str, system: str, counts: dict[str, Counter[str]], seconds: float, n_docs: int) -> None:
    tp, fp, fn = (sum(counts[t][k] for t in ("PER", "ORG", "LOC")) for k in ("tp", "fp", "fn"))
    p, r, f = prf(tp, fp, fn)
    print(f"{name} {system}: PER/ORG/LOC P {p:.3f} R {r:.3f} F1 {f:.3f}  (gap to 0.80: {0.80 - f:+.3f})  "
          f"[{n_docs} docs, {seconds:.0f}s CPU]")
    for label, c in counts.items():
        lp, lr, lf = prf(c["tp"], c["fp"], c["fn"])
        print(f"    {label:4} P {lp:.3f} R {lr:.3f} F1 {lf:.3f}")


def evaluate_conll(max_docs: int | None) -> None:
    print("\n== (2) CoNLL-2002 (exact span F1; gold MISC and predicted MISC/OTHER excluded from PER/ORG/LOC) ==")
    print("pipeline = entity stage (rules + gazetteer + CRF tagger hook); tagger = nlp/ner_tagger alone")
    kb = load_kb()
    tagger = load_tagger()
    for name, lang in (("ned.testa", "nl"), ("esp.testa", "es")):
        path = SHARED / "data" / "conll2002" / name
        systems: dict[str, Any] = {"pipeline": lambda d, lang=lang: predict_conll(d, lang, kb)}
        if tagger is not None:
            systems["tagger"] = lambda d, lang=lang: predict_tagger(d, lang, tagger)
        for system, predict in systems.items():
            counts: dict[str, Counter[str]] = {t: Counter() for t in ("PER", "ORG", "LOC", "MISC")}
            t0 = time.process_time()
            n_docs = 0
            for doc in read_conll(path):
                if max_docs is not None and n_docs >= max_docs:
                    break
                n_docs += 1
                for sent, pred in zip(doc, predict(doc), strict=True):
                    g, p = spans(sent.tags), spans(pred)
                    for label in counts:
                        gl = {s for s in g if s[2] == label}
                        pl = {s for s in p if s[2] == label}
                        counts[label].update(tp=len(gl & pl), fp=len(pl - gl), fn=len(gl - pl))
            _print_conll(name, system, counts, time.process_time() - t0, n_docs)
    if tagger is None:
        print("the CRF tagger model is missing (train it: .venv/bin/python -m training.train_ner)")


# ------------------------------------------------------------------------------------------------ (3) names


def read_pairs() -> list[dict[str, str]]:
    with (SHARED / "data" / "names" / "name_bench_cases.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _f1(pred: Iterable[bool], gold: list[bool]) -> tuple[float, float, float]:
    pairs = list(zip(pred, gold, strict=True))
    tp = sum(p and g for p, g in pairs)
    fp = sum(p and not g for p, g in pairs)
    fn = sum(g and not p for p, g in pairs)
    return prf(tp, fp, fn)


def _nomenklatura_scores(rows: list[dict[str, str]]) -> dict[str, list[float]] | None:
    try:
        from followthemoney import model
        from nomenklatura.matching import LogicV2, NameMatcher, ScoringConfig
    except ImportError:
        return None
    config = ScoringConfig.defaults()
    out: dict[str, list[float]] = {}
    for algorithm in (LogicV2, NameMatcher):
        scores = []
        for i, row in enumerate(rows):
            a = model.make_entity(row["schema"])
            a.id = f"a{i}"
            a.add("name", row["name1"])
            b = model.make_entity(row["schema"])
            b.id = f"b{i}"
            b.add("name", row["name2"])
            scores.append(algorithm.compare(a, b, config).score)
        out[f"nomenklatura {algorithm.NAME}"] = scores
    return out


def evaluate_names() -> None:
    print("\n== (3) name matching on name_bench_cases.csv ==")
    rows = read_pairs()
    gold = [r["is_match"].strip().lower() == "true" for r in rows]
    t0 = time.time()
    ours = [match_names(r["name1"], r["name2"], ctx_a=NameContext(type=r["schema"]),
                        ctx_b=NameContext(type=r["schema"])) for r in rows]
    p, r, f = _f1(ours, gold)
    print(f"wirescope names.match_names: P {p:.3f} R {r:.3f} F1 {f:.3f}  ({len(rows)} pairs, {time.time() - t0:.1f}s)")
    others = _nomenklatura_scores(rows)
    if others is None:
        print("nomenklatura is not installed (pip install nomenklatura): no comparison")
        return
    for name, scores in others.items():
        # nomenklatura's default match threshold (as used by yente) is 0.7
        p, r, f = _f1([s >= 0.7 for s in scores], gold)
        print(f"{name} (score >= 0.7): P {p:.3f} R {r:.3f} F1 {f:.3f}")


# ------------------------------------------------------------------------------------------------ (4) KB


def evaluate_kb() -> None:
    print("\n== (4) knowledge base coverage per language ==")
    kb = load_kb()
    table = getattr(kb, "coverage_table", None)
    if table is None:
        print("the knowledge base has no coverage_table()")
        return
    rows = table()
    columns = sorted({c for v in rows.values() for c in v})
    print("lang  " + "  ".join(f"{c:>12}" for c in columns))
    for lang, counts in sorted(rows.items()):
        if lang not in SUPPORTED_LANGUAGES and lang not in {"*", "any", "all", ""}:
            continue  # CLDR names exist for ~250 locales; only the supported languages are shown
        print(f"{lang:5} " + "  ".join(f"{counts.get(c, 0):>12}" for c in columns))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-conll", action="store_true")
    parser.add_argument("--conll-docs", type=int, default=None, help="limit the CoNLL documents per file")
    args = parser.parse_args(argv)
    if not SHARED.exists():
        print(f"shared data not found at {SHARED}", file=sys.stderr)
        return 1
    evaluate_seeds()
    if not args.skip_conll:
        evaluate_conll(args.conll_docs)
    evaluate_names()
    evaluate_kb()
    return 0


if __name__ == "__main__":
    sys.exit(main())
