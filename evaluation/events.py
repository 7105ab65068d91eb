"""Evaluate PLOVER event coding (issue 5). Prints:

1. seed gold events (../shared/seeds/gold.yaml): recall, predicted events for reading, false events listed;
   a match needs an accepted category and overlapping actor and recipient codes (and, when the gold gives a
   date, a predicted date inside it);
2. PLOVER_GSR_CAMEO (0.5b1 mapped to 2.0): category accuracy and actor/recipient code accuracy, the
   classifier cross-validated over 5 folds of the GSR (the sentence's actors are given as entity mentions);
3. PentaClass macro-F1 on pentaclass.train.tsv by 5-fold cross-validation (training only on the folds);
4. source/target span F1 on cameo/roles.train.txt with the trigger lexicon and a light phrase tagger;
5. per language, on our written examples: classifier accuracy (leave-one-language-out) and event match rate.

    .venv/bin/python -m evaluation.events [--skip seeds,gsr,penta,roles,langs] [--verbose]

Embeddings are cached under artifacts/cache (gitignored).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold
from training.train_event_classifier import (
    CAT_LABELS,
    CAT_USES_LEXICON,
    PENTA_LABELS,
    SHARED,
    example_document,
    example_languages,
    features,
    fit,
    load_examples,
    load_gsr,
    load_pentaclass,
    samples,
)

from wirescope.model import Document, Event
from wirescope.nlp import event_classifier, events

# ---------------------------------------------------------------------------------------------------------
# 1. seeds


def _codes(refs: Iterable[Any]) -> set[str]:
    return {r.code for r in refs if r.code} | {r.entity_text for r in refs if r.entity_text}


def _date_inside(predicted: str | None, gold: Any) -> bool:
    """Whether a predicted ISO date/interval lies within the gold value (a string or a list of strings)."""
    if gold is None:
        return True
    if predicted is None:
        return False
    golds = [str(g) for g in gold] if isinstance(gold, list) else [str(gold)]
    pred_start = predicted.split("/")[0]
    pred_end = predicted.split("/")[-1]
    for g in golds:
        g_start, g_end = g.split("/")[0], g.split("/")[-1]
        if "W" in g:  # ISO week: compare by week of the predicted day
            try:
                day = datetime.fromisoformat(pred_start[:10])
            except ValueError:
                continue
            year, week, _ = day.isocalendar()
            if f"{year}-W{week:02d}" == g:
                return True
            continue
        if (
            pred_start.startswith(g_start)
            or g_start.startswith(pred_start[: len(g_start)])
            and (g_start <= pred_start[: len(g_start)] <= g_end[: len(g_start)])
        ):
            return True
        if g_start[:4] <= pred_start[:4] <= g_end[:4] and pred_end[:4] <= g_end[:4] and len(g_start) == 4:
            return True
    return False


def seed_event_matches(e: Event, g: dict[str, Any]) -> bool:
    return (
        e.event in g["category"]
        and bool(_codes(e.actor) & set(g.get("actor", [])))
        and bool(_codes(e.recipient) & set(g.get("recipient", [])))
        and _date_inside(e.date, g.get("date"))
    )


def run_seeds(verbose: bool) -> None:
    from wirescope.ingest import IngestOptions, read_inputs
    from wirescope.pipeline import Pipeline

    gold = yaml.safe_load((SHARED / "seeds" / "gold.yaml").read_text(encoding="utf-8"))
    pipeline = Pipeline(["language", "segment", "entities", "times", "events"])
    found = total = predicted = true_pred = 0
    print("== 1. seed gold events")
    for entry in gold["documents"]:
        p = entry["published"]
        when = datetime(p.year, p.month, p.day, tzinfo=UTC)
        item = next(read_inputs([str(SHARED / "seeds" / entry["file"])], IngestOptions(published=when)))
        assert item.document is not None
        doc = pipeline(item.document)
        gold_events = entry["events"]
        hits = {g["id"] for g in gold_events if any(seed_event_matches(e, g) for e in doc.events)}
        good = [e for e in doc.events if any(seed_event_matches(e, g) for g in gold_events)]
        found += len(hits)
        total += len(gold_events)
        predicted += len(doc.events)
        true_pred += len(good)
        print(
            f"-- {entry['file']}: gold found {len(hits)}/{len(gold_events)}, predicted {len(doc.events)}, "
            f"matching a gold event {len(good)}"
        )
        for g in gold_events:
            if g["id"] not in hits:
                print(
                    f"   MISSED {g['id']} {g['category']} {g['actor']}->{g['recipient']} {g.get('date')}: {g['gist']}"
                )
        for e in doc.events:
            ids = [g["id"] for g in gold_events if seed_event_matches(e, g)]
            flags = ",".join(
                f for f in ("negated", "hypothetical", "future", "historical", "reported") if getattr(e, f)
            )
            mark = f"ok {ids[0]:5}" if ids else "FALSE   "
            print(
                f"   {mark} s{e.sentence:<3} {e.event:9} {[a.code for a in e.actor]}->{[r.code for r in e.recipient]}"
                f" '{e.event_text}' {e.date} conf={e.confidence:.2f} {flags}"
            )
            if verbose:
                print(f"            | {doc.sentence_text(e.sentence)[:160]}")
    print(
        f"seed event recall {found}/{total} = {found / total:.3f}; "
        f"precision vs gold {true_pred}/{predicted} = {true_pred / max(predicted, 1):.3f} "
        f"(the gold is not exhaustive: unmatched events are listed as FALSE for reading)"
    )


# ---------------------------------------------------------------------------------------------------------
# 2. GSR


def _gsr_document(record: dict[str, Any]) -> Document:
    entities: dict[str, list[str]] = {}
    for role in ("source", "target"):
        actors = record.get(role) or []
        for a in actors if isinstance(actors, list) else []:
            text, code = a.get("actorText"), a.get("code")
            if text and code:
                etype = "COUNTRY" if re.fullmatch(r"[A-Z]{3}", code) and code not in ("IGO", "NGO") else "ORGANIZATION"
                entities.setdefault(text, [etype, code])
    return example_document(record["text"], entities, "en")


def _predict_category(evs: list[Event], probs: np.ndarray) -> str:
    if evs:
        return max(evs, key=lambda e: e.confidence).event
    order = np.argsort(-probs)
    return next(CAT_LABELS[i] for i in order if CAT_LABELS[i] != event_classifier.NONE)


def expected_calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    """ECE of the top probability: the bin-weighted gap between confidence and accuracy."""
    top = probs.max(axis=1)
    right = probs.argmax(axis=1) == gold
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (top > lo) & (top <= hi)
        if mask.any():
            ece += mask.mean() * abs(top[mask].mean() - right[mask].mean())
    return float(ece)


def run_gsr() -> None:
    records = load_gsr()
    cat_samples, _ = samples()
    gsr_texts = {r["text"] for r in records}
    others = [s for s in cat_samples if s.text not in gsr_texts]
    x_other = features([s.text for s in others], [s.lang for s in others], lexicon=CAT_USES_LEXICON)
    y_other = np.array([CAT_LABELS.index(s.category or "NONE") for s in others])
    x_gsr = features([r["text"] for r in records], ["en"] * len(records), lexicon=CAT_USES_LEXICON)
    y_gsr = np.array([CAT_LABELS.index(r["category"]) for r in records])
    probs = np.zeros((len(records), len(CAT_LABELS)))
    for train, test in KFold(5, shuffle=True, random_state=0).split(x_gsr):
        w, b = fit(np.vstack([x_other, x_gsr[train]]), np.concatenate([y_other, y_gsr[train]]), len(CAT_LABELS))
        probs[test] = event_classifier.softmax(x_gsr[test] @ w + b)
    n = correct = lex_correct = clf_correct = 0
    actor_n = actor_ok = rec_n = rec_ok = 0
    confusion: Counter[tuple[str, str]] = Counter()
    chosen: list[tuple[float, bool]] = []
    for i, r in enumerate(records):
        doc = _gsr_document(r)
        evs = events.extract_events(doc, probs=probs[i : i + 1])
        lex_evs = events.extract_events(doc, probs=None, use_classifier=False)
        pred = _predict_category(evs, probs[i])
        n += 1
        correct += pred == r["category"]
        lex_correct += bool(lex_evs) and max(lex_evs, key=lambda e: e.confidence).event == r["category"]
        clf_correct += _predict_category([], probs[i]) == r["category"]
        if pred != r["category"]:
            confusion[(r["category"], pred)] += 1
        best = max(evs, key=lambda e: e.confidence) if evs else None
        if best is not None:
            chosen.append((best.confidence, best.event == r["category"]))
        src = {a["code"] for a in (r.get("source") or []) if isinstance(a, dict) and a.get("code")}
        tgt = {a["code"] for a in (r.get("target") or []) if isinstance(a, dict) and a.get("code")}
        if src:
            actor_n += 1
            actor_ok += best is not None and bool({a.code for a in best.actor} & src)
        if tgt:
            rec_n += 1
            rec_ok += best is not None and bool({x.code for x in best.recipient} & tgt)
    print("== 2. PLOVER_GSR_CAMEO (0.5b1 -> 2.0), classifier 5-fold cross-validated")
    print(
        f"category accuracy {correct}/{n} = {correct / n:.3f}  (lexicon alone {lex_correct / n:.3f}, "
        f"classifier alone {clf_correct / n:.3f})"
    )
    print(
        f"actor code accuracy {actor_ok}/{actor_n} = {actor_ok / actor_n:.3f}; "
        f"recipient code accuracy {rec_ok}/{rec_n} = {rec_ok / rec_n:.3f}"
    )
    print(
        f"classifier calibration on the held-out folds (untempered): ECE {expected_calibration_error(probs, y_gsr):.3f}"
    )
    print("event confidence vs category accuracy (the sentence's surest event):", _reliability(chosen))
    print(
        "most frequent confusions (gold -> predicted):",
        ", ".join(f"{g}->{p} {c}" for (g, p), c in confusion.most_common(8)),
    )


def _reliability(chosen: list[tuple[float, bool]], edges: tuple[float, ...] = (0.0, 0.7, 0.8, 0.9, 1.01)) -> str:
    """Per confidence band: how many events, their mean confidence and the share with the gold category."""
    out = []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        band = [(c, ok) for c, ok in chosen if lo <= c < hi]
        if band:
            mean, acc = sum(c for c, _ in band) / len(band), sum(ok for _, ok in band) / len(band)
            out.append(f"[{lo:.1f},{min(hi, 1.0):.1f}) n={len(band)} conf {mean:.2f} acc {acc:.2f}")
    return "; ".join(out)


# ---------------------------------------------------------------------------------------------------------
# 3. PentaClass


def run_penta() -> None:
    rows = load_pentaclass()
    _, penta_samples = samples()
    texts = {t for t, _ in rows}
    extra = [s for s in penta_samples if s.text not in texts]
    x_rows = features([t for t, _ in rows], ["en"] * len(rows), lexicon=True)
    y_rows = np.array([label for _, label in rows])
    x_extra = features([s.text for s in extra], [s.lang for s in extra], lexicon=True)
    y_extra = np.array([s.penta for s in extra])
    pred = np.zeros(len(rows), dtype=int)
    pred_emb = np.zeros(len(rows), dtype=int)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x_rows, y_rows):
        w, b = fit(np.vstack([x_extra, x_rows[train]]), np.concatenate([y_extra, y_rows[train]]), len(PENTA_LABELS))
        pred[test] = (x_rows[test] @ w + b).argmax(axis=1)
        d = event_classifier.DIM
        w2, b2 = fit(
            np.vstack([x_extra[:, :d], x_rows[train][:, :d]]),
            np.concatenate([y_extra, y_rows[train]]),
            len(PENTA_LABELS),
        )
        pred_emb[test] = (x_rows[test][:, :d] @ w2 + b2).argmax(axis=1)
    print("== 3. PentaClass, 5-fold cross-validation on pentaclass.train.tsv")
    print(
        f"macro-F1 {f1_score(y_rows, pred, average='macro'):.3f} (embedding + lexicon indicators); "
        f"embedding alone {f1_score(y_rows, pred_emb, average='macro'):.3f}; "
        f"per class {np.round(f1_score(y_rows, pred, average=None), 3).tolist()}"
    )


# ---------------------------------------------------------------------------------------------------------
# 4. roles

_AUX = frozenset(
    [
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "also",
        "not",
        "reportedly",
        "then",
        "later",
        "on",
    ]
)
_STOP = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "said",
        "says",
        "after",
        "before",
        "while",
        "when",
        "as",
        "because",
        ",",
        ".",
        ";",
        ":",
        "(",
        ")",
        '"',
        "'",
        "to",
        "on",
        "in",
        "at",
        "for",
        "from",
        "with",
        "against",
        "by",
        "of",
        "into",
        "over",
    ]
)
_DET = frozenset(["the", "a", "an", "its", "their", "his", "her"])


def _read_roles(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        tok, _, tag = line.rpartition(" ")
        cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def _spans(tags: list[str], kind: str) -> set[tuple[int, int]]:
    out, start = set(), None
    for i, t in enumerate([*tags, "O"]):
        if start is not None and t != f"I-{kind}":
            out.add((start, i))
            start = None
        if t == f"B-{kind}":
            start = i
    return out


_TIME_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
        "tonight",
        "earlier",
        "later",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_PRONOUNS = frozenset(["it", "he", "she", "they", "we"])
_REPORTING = frozenset(["says", "said", "say", "announced", "stated", "told"])
_PHRASE_END = frozenset(["during", "near", "since", "until", "amid", "despite", "following", "while", "as", "who"])
#: a noun phrase is at most this many tokens long
_MAX_PHRASE = 8


def _skippable(tok: str) -> bool:
    """Auxiliaries, adverbs and time words between a subject and its verb ("has also", "on Friday")."""
    low = tok.lower()
    return low in _AUX or low in _TIME_WORDS or (low.endswith("ly") and tok.islower() and len(low) > 4)


def _pick_trigger(lex: events.Lexicon, tokens: list[str], text: str, starts: list[int]) -> tuple[int, int] | None:
    """Token span of the main trigger: the first one in verb form (past -ed, or after an auxiliary), else the
    first; a trigger inside a noun phrase ("a car bomb in Kiev killed") is usually not the predicate."""
    triggers = events.find_triggers(lex, events.tokenize(text, 0, "en"), text, 0)
    spans = []
    for trig in triggers:
        t0 = next(i for i, s in enumerate(starts) if s + len(tokens[i]) > trig.start)
        t1 = max(i for i, s in enumerate(starts) if s < trig.end)
        spans.append((t0, t1))
    verbal = [(a, b) for a, b in spans if tokens[a].lower().endswith("ed") or (a and tokens[a - 1].lower() in _AUX)]
    chosen = verbal or spans
    return chosen[0] if chosen else None


def tag_roles(tokens: list[str]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Source and target token spans around the sentence's main trigger: the noun phrase before it (skipping
    auxiliaries, adverbs and times; a light verb before a nominal trigger, "launched an assault"; a pronoun
    subject of a reported clause resolves to the reporting subject) and the noun phrase after it (passive
    voice swaps them: "was attacked by X")."""
    text = " ".join(tokens)
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    picked = _pick_trigger(events.get_lexicon("en"), tokens, text, starts)
    if picked is None:
        return set(), set()
    t0, t1 = picked
    i = t0 - 1
    if i >= 1 and tokens[i].lower() in _DET and tokens[i - 1].islower():  # light verb: "launched an [assault]"
        i -= 2
    while i >= 0 and _skippable(tokens[i]):
        i -= 1
    if i >= 1 and tokens[i - 1].lower() == "on" and tokens[i].lower() in _TIME_WORDS:
        i -= 2
    src = _phrase_before(tokens, i)
    if src and tokens[src[0]].lower() in _PRONOUNS and src[1] - src[0] == 1:
        rep = next((k for k in range(src[0] - 1, -1, -1) if tokens[k].lower() in _REPORTING), None)
        if rep is not None:
            src = _phrase_before(tokens, rep - 1) or src
    j = t1 + 1
    while j < len(tokens) and (tokens[j].lower() in _STOP - {",", "."} or _skippable(tokens[j])):
        if tokens[j].lower() == "by":  # passive: "was attacked by [X]"
            agent = _phrase_after(tokens, j + 1)
            passive = t0 and tokens[t0 - 1].lower() in {"was", "were", "been", "be", "is", "are"}
            if passive and agent:
                return {agent}, ({src} if src else set())
        j += 1
    tgt = _phrase_after(tokens, j)
    return ({src} if src else set()), ({tgt} if tgt else set())


def _phrase_before(tokens: list[str], end_index: int) -> tuple[int, int] | None:
    """The noun phrase ending at ``end_index`` (inclusive), scanning back to a stop word or a verb form."""
    end = end_index + 1
    i = end_index
    while (
        i >= 0
        and (tokens[i].lower() not in _STOP or tokens[i].lower() == "of")
        and end - i <= _MAX_PHRASE
        and not (tokens[i].islower() and tokens[i].endswith("ed"))
    ):
        i -= 1
    return (i + 1, end) if end > i + 1 else None


def _phrase_after(tokens: list[str], start: int) -> tuple[int, int] | None:
    """The noun phrase starting at ``start``, up to a stop word (an "of" inside it is kept)."""
    k = start
    while k < len(tokens) and (tokens[k].lower() not in _STOP or tokens[k].lower() == "of") and k - start < _MAX_PHRASE:
        low = tokens[k].lower()
        if k > start and (low in _PHRASE_END or low in _TIME_WORDS or (tokens[k].islower() and low.endswith("ed"))):
            break  # a participle ("the resolution proposed by"), a time or a clause-level preposition ends it
        k += 1
    return (start, k) if k > start else None


def _prf(pred: int, gold: int, tp: int) -> str:
    p, r = tp / max(pred, 1), tp / max(gold, 1)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}"


def run_roles() -> None:
    sents = _read_roles(SHARED / "data" / "cameo" / "roles.train.txt")
    counts = {k: [0, 0, 0, 0] for k in ("S", "T")}  # pred, gold, exact tp, overlap tp
    for sent in sents:
        tokens = [t for t, _ in sent]
        tags = [g for _, g in sent]
        pred_s, pred_t = tag_roles(tokens)
        for kind, pred in (("S", pred_s), ("T", pred_t)):
            gold = _spans(tags, kind)
            c = counts[kind]
            c[0] += len(pred)
            c[1] += len(gold)
            c[2] += len(pred & gold)
            c[3] += sum(any(a < d and c_ < b for c_, d in gold) for a, b in pred)
    print("== 4. source/target spans on roles.train.txt (lexicon trigger + phrase tagger)")
    for kind, name in (("S", "source"), ("T", "target")):
        c = counts[kind]
        print(f"{name}: exact {_prf(c[0], c[1], c[2])}; overlapping {_prf(c[0], c[1], c[3])}")


# ---------------------------------------------------------------------------------------------------------
# 5. per language


def example_matches(e: Event, ex: dict[str, Any]) -> bool:
    actor_ok = bool(set(ex.get("actor", [])) & {a.code for a in e.actor})
    rec_ok = not ex.get("recipient") or bool(set(ex["recipient"]) & {r.code for r in e.recipient})
    return e.event == ex["category"] and actor_ok and rec_ok


def run_languages() -> None:
    cat_samples, _ = samples()
    x_all = features([s.text for s in cat_samples], [s.lang for s in cat_samples], lexicon=CAT_USES_LEXICON)
    y_all = np.array([CAT_LABELS.index(s.category or "NONE") for s in cat_samples])
    langs = np.array([s.lang if s.text not in _gsr_or_penta_texts() else "_en_data" for s in cat_samples])
    print("== 5. per language, written examples (classifier trained without that language's examples)")
    print("lang  n  classifier-acc  events-matched  false-events-on-NONE  modality-flags-correct")
    for code in example_languages():
        data = load_examples(code)
        mask = langs == code
        w, b = fit(x_all[~mask], y_all[~mask], len(CAT_LABELS))
        x = features([ex["text"] for ex in data["examples"]], [code] * len(data["examples"]), lexicon=CAT_USES_LEXICON)
        probs = event_classifier.softmax(x @ w + b)
        clf_ok = sum(
            CAT_LABELS[int(p.argmax())] == ex["category"] for p, ex in zip(probs, data["examples"], strict=True)
        )
        matched = n_events = false_none = n_none = flags_ok = flags_n = 0
        for i, ex in enumerate(data["examples"]):
            doc = example_document(ex["text"], data["entities"], code)
            evs = events.extract_events(doc, probs=probs[i : i + 1])
            if ex["category"] == "NONE":
                n_none += 1
                false_none += len(evs)
                continue
            n_events += 1
            hit = [e for e in evs if example_matches(e, ex)]
            matched += bool(hit)
            for flag in ("negated", "reported", "future"):
                if flag in ex and hit:
                    flags_n += 1
                    flags_ok += getattr(hit[0], flag) == ex[flag]
        n = len(data["examples"])
        print(
            f"{code:4} {n:3}  {clf_ok / n:.3f}          {matched}/{n_events}           {false_none} on {n_none}"
            f"                 {flags_ok}/{flags_n}"
        )


_TEXT_CACHE: set[str] = set()


def _gsr_or_penta_texts() -> set[str]:
    if not _TEXT_CACHE:
        _TEXT_CACHE.update(r["text"] for r in load_gsr())
        _TEXT_CACHE.update(t for t, _ in load_pentaclass())
    return _TEXT_CACHE


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate PLOVER event coding")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: seeds,gsr,penta,roles,langs")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    parts = {
        "seeds": lambda: run_seeds(args.verbose),
        "gsr": run_gsr,
        "penta": run_penta,
        "roles": run_roles,
        "langs": run_languages,
    }
    for name, fn in parts.items():
        if name not in skip:
            fn()
            print()
            sys.stdout.flush()


if __name__ == "__main__":
    main()
