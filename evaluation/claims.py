"""Claims evaluation: recall/precision on the seed gold claims and P/R/F1 per language on our test set.

A predicted claim matches a gold claim when
- the gold ``contains`` substring is inside the predicted claim's text or its sentence,
- the speaker is one of the acceptable identifications (canonical name, country code or the text's own words,
  compared case-insensitively; the speaker's entity country counts), and
- the stance agrees (gold ``assert`` with ``hedged: true`` accepts the ``hedged`` stance).
Each gold claim is matched at most once. Quote type (direct/indirect) is reported as accuracy over matches.

    .venv/bin/python evaluation/claims.py [--verbose]
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from wirescope.model import Claim, Document
from wirescope.pipeline import DEFAULT_STAGES, Stage, load_stage

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("WIRESCOPE_SHARED", HERE.parents[0].parent / "shared"))
TEST_SET = HERE / "data" / "claims"


class TolerantPipeline:
    """The default stages that import; a stage that fails on a document is reported and skipped, so that the
    claims figures do not depend on the state of the other stages."""

    def __init__(self) -> None:
        self.stages: list[Stage] = []
        for name in DEFAULT_STAGES:
            try:
                self.stages.append(load_stage(name))
            except ImportError as exc:
                print(f"note: stage {name!r} not available ({exc}), skipped", file=sys.stderr)
        self.failures: dict[str, int] = {}

    @property
    def signature(self) -> str:
        return ",".join(f"{s.name}@{s.version}" for s in self.stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            try:
                doc = stage.run(doc)
            except Exception:  # noqa: BLE001 - another stage's bug must not hide the claims figures
                if stage.name == "claims":
                    raise
                self.failures[stage.name] = self.failures.get(stage.name, 0) + 1
        return doc


def speaker_matches(claim: Claim, acceptable: list[str]) -> bool:
    sp = claim.speaker
    fields = [f.casefold() for f in (sp.text, sp.name, sp.country, sp.entity_id) if f]
    for item in acceptable:
        want = str(item).casefold()
        if any(want == f for f in fields):
            return True
        if len(want) > 3 and any(want in f or (len(f) > 3 and f in want) for f in fields):
            return True
    return False


def stance_matches(claim: Claim, gold: dict[str, Any]) -> bool:
    if claim.stance == gold["stance"]:
        return True
    return bool(gold.get("hedged")) and gold["stance"] == "assert" and claim.stance == "hedged"


def matches(doc: Document, claim: Claim, gold: dict[str, Any]) -> bool:
    needle = str(gold["contains"]).casefold()
    sentence = doc.sentence_text(claim.sentence) if claim.sentence < len(doc.sentences) else ""
    where = (claim.text.casefold(), sentence.casefold())
    return any(needle in w for w in where) and speaker_matches(claim, gold["speaker"]) and stance_matches(claim, gold)


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.quote_ok = self.quote_n = 0
        self.denials = self.denials_ok = 0

    def add(self, doc: Document, golds: list[dict[str, Any]], verbose: bool, label: str) -> None:
        free = list(golds)
        for claim in doc.claims:
            hit = next((g for g in free if matches(doc, claim, g)), None)
            if hit is None:
                self.fp += 1
                if verbose:
                    print(f"  FP [{label}] {claim.stance} {claim.speaker.text!r}: {claim.text[:80]!r}")
                continue
            free.remove(hit)
            self.tp += 1
            if "quote" in hit:
                self.quote_n += 1
                self.quote_ok += claim.quote == hit["quote"]
        for g in golds:
            if g["stance"] == "deny":
                self.denials += 1
                self.denials_ok += g not in free
        self.fn += len(free)
        if verbose:
            for g in free:
                print(f"  FN [{label}] {g['stance']} {g['speaker']}: {g['contains']!r}")

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        q = f"{self.quote_ok}/{self.quote_n}" if self.quote_n else "-"
        return f"{name:6} P={p:.2f} R={r:.2f} F1={f:.2f}  (tp={self.tp} fp={self.fp} fn={self.fn}, quote type {q})"


def evaluate_seeds(pipeline: TolerantPipeline, verbose: bool) -> Score:
    gold = yaml.safe_load((SHARED / "seeds" / "gold.yaml").read_text(encoding="utf-8"))
    score = Score()
    for entry in gold["documents"]:
        text = (SHARED / "seeds" / entry["file"]).read_text(encoding="utf-8")
        published = datetime.fromisoformat(str(entry["published"])).replace(tzinfo=UTC)
        doc = pipeline(Document(text=text, language=entry["language"], published=published))
        score.add(doc, entry.get("claims", []), verbose, entry["file"][:2])
    return score


def evaluate_test_set(pipeline: TolerantPipeline, verbose: bool) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for path in sorted(TEST_SET.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        score = scores.setdefault(data["language"], Score())
        for item in data["items"]:
            doc = pipeline(Document(text=item["text"], language=data["language"]))
            score.add(doc, item.get("claims") or [], verbose, data["language"])
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print false positives and misses")
    args = parser.parse_args()
    pipeline = TolerantPipeline()
    print(f"pipeline: {pipeline.signature}")
    if (SHARED / "seeds" / "gold.yaml").is_file():
        seeds = evaluate_seeds(pipeline, args.verbose)
        print(seeds.line("seeds"))
        print(f"       seed denials matched with stance deny: {seeds.denials_ok}/{seeds.denials}")
    else:
        print(f"seed gold missing under {SHARED}", file=sys.stderr)
    scores = evaluate_test_set(pipeline, args.verbose)
    total = Score()
    for lang, score in scores.items():
        print(score.line(lang))
        for attr in ("tp", "fp", "fn", "quote_ok", "quote_n"):
            setattr(total, attr, getattr(total, attr) + getattr(score, attr))
    print(total.line("all"))
    if pipeline.failures:
        print(f"note: stages that failed and were skipped (documents): {pipeline.failures}", file=sys.stderr)


if __name__ == "__main__":
    main()
