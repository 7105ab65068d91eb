"""Run ``extract`` on the two seed articles and compare each section with the analyst's gold (seeds/gold.yaml).

    .venv/bin/python evaluation/seeds.py [--stages a,b] [--verbose]

For every document and section it prints what matches the gold and, over both documents, precision / recall /
F1 per section. Matching is deliberately simple and stated per section below; sections stay empty (recall 0)
until the stage that fills them exists. The publication dates come from gold.yaml, as the task prescribes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from wirescope.ingest import IngestOptions, read_inputs
from wirescope.model import Claim, Document, Entity, Event, TimeExpression
from wirescope.pipeline import STAGE_MODULES, Pipeline, load_stage, parse_stages

SHARED = Path(os.environ.get("WIRESCOPE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


@dataclass
class Score:
    """Counts for one section: predictions that match some gold item, gold items found, totals."""

    name: str
    predicted: int = 0
    gold: int = 0
    true_pred: int = 0
    found_gold: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.true_pred += other.true_pred
        self.found_gold += other.found_gold

    @property
    def precision(self) -> float | None:
        return self.true_pred / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)

    def line(self) -> str:
        def fmt(x: float | None) -> str:
            return "  n/a" if x is None else f"{x:5.2f}"

        return (
            f"{self.name:<22} P {fmt(self.precision)}  R {fmt(self.recall)}  F1 {fmt(self.f1)}"
            f"   (pred {self.true_pred}/{self.predicted} correct, gold {self.found_gold}/{self.gold} found)"
        )


def fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def match(
    name: str,
    preds: list[Any],
    golds: list[dict[str, Any]],
    same: Callable[[Any, dict[str, Any]], bool],
    show_pred: Callable[[Any], str],
    show_gold: Callable[[dict[str, Any]], str],
) -> Score:
    """Precision counts predictions that match any gold item; recall counts gold items matched by any prediction."""
    score = Score(name, predicted=len(preds), gold=len(golds))
    for p in preds:
        if any(same(p, g) for g in golds):
            score.true_pred += 1
        else:
            score.notes.append(f"  extra:   {show_pred(p)}")
    for g in golds:
        if any(same(p, g) for p in preds):
            score.found_gold += 1
            score.notes.append(f"  found:   {show_gold(g)}")
        else:
            score.notes.append(f"  missed:  {show_gold(g)}")
    return score


# ------------------------------------------------------------------------------------------- per-section matching


def entity_matches(e: Entity, g: dict[str, Any]) -> bool:
    """Same entity: the name, a gold surface form among the mentions, or (for a country) the ISO code."""
    surfaces = {fold(s) for s in g.get("surface", [])} | {fold(g["name"])}
    if fold(e.name) in surfaces or any(fold(m.text) in surfaces for m in e.mentions):
        return True
    code = g.get("code")
    return bool(code) and (e.id in (code, f"country:{code}") or (e.type == "COUNTRY" and e.country == code))


def entity_typed(e: Entity, g: dict[str, Any]) -> bool:
    return entity_matches(e, g) and e.type == g["type"]


def time_values(t: TimeExpression) -> set[str]:
    values = {t.value} if t.value else set()
    if t.interval_start and t.interval_end:
        values.add(f"{t.interval_start}/{t.interval_end}")
    return values


def gold_time_values(g: dict[str, Any]) -> set[str]:
    value = g["value"]
    return {str(v) for v in value} if isinstance(value, list) else {str(value)}


def time_span_matches(t: TimeExpression, g: dict[str, Any]) -> bool:
    a, b = fold(t.text), fold(str(g["text"]))
    return bool(a) and (a in b or b in a)


def time_value_matches(t: TimeExpression, g: dict[str, Any]) -> bool:
    return time_span_matches(t, g) and bool(time_values(t) & gold_time_values(g))


def codes(refs: Iterable[Any]) -> set[str]:
    return {r.code for r in refs if r.code} | {r.entity_text for r in refs if r.entity_text}


def event_matches(e: Event, g: dict[str, Any]) -> bool:
    """Category among the acceptable ones, and actor and recipient sets overlapping the gold's."""
    return (
        e.event in g["category"]
        and bool(codes(e.actor) & set(g.get("actor", [])))
        and bool(codes(e.recipient) & set(g.get("recipient", [])))
    )


def event_category_matches(e: Event, g: dict[str, Any]) -> bool:
    return e.event in g["category"] and bool(codes(e.actor) & set(g.get("actor", [])))


def claim_matches(c: Claim, g: dict[str, Any]) -> bool:
    return fold(str(g["contains"])) in fold(c.text)


def claim_full_matches(c: Claim, g: dict[str, Any]) -> bool:
    """The claim span, a speaker among the acceptable identifications, and the stance."""
    speakers = {fold(s) for s in g["speaker"]}
    said = {fold(c.speaker.text), fold(c.speaker.name), fold(c.speaker.country)} - {""}
    speaker_ok = any(s in w or w in s for s in speakers for w in said)
    return claim_matches(c, g) and speaker_ok and c.stance == g["stance"]


# ------------------------------------------------------------------------------------------------- documents


def document_score(doc: Document, gold: dict[str, Any]) -> Score:
    checks = {
        "language": doc.language == gold["language"],
        "title": fold(doc.title) == fold(gold.get("title")),
        "published": doc.published is not None and doc.published.date() == gold["published"],
    }
    if gold.get("author"):
        checks["author"] = fold(doc.author) == fold(gold["author"])
    score = Score("document", predicted=len(checks), gold=len(checks))
    score.true_pred = score.found_gold = sum(checks.values())
    score.notes = [f"  {k}: {'ok' if ok else 'WRONG'} ({getattr(doc, k)!s})" for k, ok in checks.items()]
    return score


def sentence_score(doc: Document) -> Score:
    """No gold segmentation: checks that offsets round-trip, are ordered and do not overlap."""
    score = Score("sentences (offsets)", predicted=len(doc.sentences), gold=len(doc.sentences))
    previous_end = 0
    for s in doc.sentences:
        ok = 0 <= previous_end <= s.start < s.end <= len(doc.text) and doc.text[s.start : s.end].strip() != ""
        score.true_pred += ok
        score.found_gold += ok
        previous_end = s.end
    languages: dict[str, int] = {}
    for s in doc.sentences:
        languages[s.language or "?"] = languages.get(s.language or "?", 0) + 1
    score.notes.append(f"  {len(doc.sentences)} sentences, languages {languages}, document languages {doc.languages}")
    return score


def evaluate(doc: Document, gold: dict[str, Any]) -> list[Score]:
    e_show = lambda e: f"{e.name} [{e.type}, {e.country}] ({len(e.mentions)} mentions)"  # noqa: E731
    t_show = lambda t: f"{t.text!r} -> {t.value}"  # noqa: E731
    v_show = lambda e: f"{e.event} {sorted(codes(e.actor))} -> {sorted(codes(e.recipient))} {e.date} {e.event_text!r}"  # noqa: E731
    c_show = lambda c: f"{c.speaker.name or c.speaker.text} {c.stance}/{c.quote}: {c.text[:70]!r}"  # noqa: E731
    g_ent = lambda g: f"{g['name']} [{g['type']}]"  # noqa: E731
    g_time = lambda g: f"{g['text']!r} -> {g['value']}"  # noqa: E731
    g_ev = lambda g: f"{g['id']} {g['category']} {g.get('actor')} -> {g.get('recipient')}: {g['gist']}"  # noqa: E731
    g_cl = lambda g: f"{g['speaker'][0]} {g['stance']}: {g['contains']!r}"  # noqa: E731
    entities, times, events, claims = (gold.get(k, []) for k in ("entities", "times", "events", "claims"))
    return [
        document_score(doc, gold),
        sentence_score(doc),
        match("entities", doc.entities, entities, entity_matches, e_show, g_ent),
        match("entities+type", doc.entities, entities, entity_typed, e_show, g_ent),
        match("times (span)", doc.times, times, time_span_matches, t_show, g_time),
        match("times (span+value)", doc.times, times, time_value_matches, t_show, g_time),
        match("events (cat+actor)", doc.events, events, event_category_matches, v_show, g_ev),
        match("events (cat+act+rec)", doc.events, events, event_matches, v_show, g_ev),
        match("claims (span)", doc.claims, claims, claim_matches, c_show, g_cl),
        match("claims (span+spk+stance)", doc.claims, claims, claim_full_matches, c_show, g_cl),
    ]


def available_pipeline(spec: str | None) -> Pipeline:
    """Like ``wirescope extract``: stages whose module does not exist yet are skipped (and said so)."""
    names = []
    for name in parse_stages(spec):
        try:
            load_stage(name)
        except ModuleNotFoundError as exc:
            if exc.name != STAGE_MODULES[name]:
                raise
            print(f"note: stage {name!r} not available yet; skipped", file=sys.stderr)
        else:
            names.append(name)
    return Pipeline(names)


def extract(path: Path, published: date, pipeline: Pipeline) -> Document:
    when = datetime(published.year, published.month, published.day, tzinfo=UTC)
    item = next(read_inputs([str(path)], IngestOptions(published=when)))
    if item.document is None:
        raise SystemExit(f"{path}: {item.error}")
    return pipeline(item.document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--stages", help="comma-separated stages (default: all available)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list found, missed and extra items")
    args = parser.parse_args()
    seeds = SHARED / "seeds"
    gold = yaml.safe_load((seeds / "gold.yaml").read_text(encoding="utf-8"))
    pipeline = available_pipeline(args.stages)
    print(f"pipeline: {pipeline.signature}")
    totals: dict[str, Score] = {}
    for entry in gold["documents"]:
        doc = extract(seeds / entry["file"], entry["published"], pipeline)
        print(f"\n== {entry['file']} (published {entry['published']})")
        for score in evaluate(doc, entry):
            print(score.line())
            if args.verbose or score.name in ("document", "sentences (offsets)"):
                print("\n".join(score.notes))
            totals.setdefault(score.name, Score(score.name)).add(score)
    print("\n== both seeds")
    for score in totals.values():
        print(score.line())


if __name__ == "__main__":
    main()
