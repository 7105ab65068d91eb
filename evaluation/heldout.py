"""Held-out multilingual evaluation of entities and events (issues 3 and 5).

Eighteen news articles written by the wirescope authors in en/de/fr/es/ru/it/pl/uk/sv/nl/pt/ko on stories other
than the seeds (evaluation/data/heldout, gold in gold.yaml with the seeds' schema plus ``split: dev | test``). The
system is run as ``extract`` runs it; entities are matched with evaluation/entities.py part 1 and events with
evaluation/events.py part 1 (category accepted, actor and recipient codes overlapping, date inside the gold's),
imported, not copied.

Prints entity and event recall / precision per document, per language and per split. Tune on ``dev`` only; the
``test`` figures are the honest ones. ``--set blind`` scores evaluation/data/heldout-blind instead: six more
articles (en/sv/nl/de/pt/pl), all ``test``, annotated before the system was ever run on them; never tune on them.

    .venv/bin/python -m evaluation.heldout [--set heldout|blind] [--split dev|test|all] [--verbose]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from evaluation.entities import _gold_matches as entity_matches
from evaluation.events import _codes, _date_inside
from evaluation.events import seed_event_matches as event_matches

from wirescope.ingest import IngestOptions, read_inputs
from wirescope.model import Document, Event
from wirescope.nlp.events import actor_code
from wirescope.pipeline import Pipeline

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
#: the evaluation sets by name: a folder of articles with their gold.yaml
SETS = {"heldout": HELDOUT, "blind": HELDOUT.parent / "heldout-blind"}
STAGES = ["language", "segment", "entities", "times", "events"]


@dataclass
class Counts:
    """Entity and event counts: gold items found, predictions matching some gold item, totals."""

    ent_gold: int = 0
    ent_found: int = 0
    ent_pred: int = 0
    ent_correct: int = 0
    ev_gold: int = 0
    ev_found: int = 0
    ev_pred: int = 0
    ev_correct: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.2f} ({a:>3}/{b:<3})" if b else "  n/a       "

        return (
            f"{label:<34} entities R {ratio(self.ent_found, self.ent_gold)} P {ratio(self.ent_correct, self.ent_pred)}"
            f"   events R {ratio(self.ev_found, self.ev_gold)} P {ratio(self.ev_correct, self.ev_pred)}"
        )


def load_gold(path: Path = HELDOUT / "gold.yaml") -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]
    return documents


def run_document(entry: dict[str, Any], pipeline: Pipeline, folder: Path = HELDOUT) -> Document:
    """Ingest the file with the gold publication date (as evaluation/seeds.py does) and run the pipeline."""
    p = entry["published"]
    when = datetime(p.year, p.month, p.day, tzinfo=UTC)
    item = next(read_inputs([str(folder / entry["file"])], IngestOptions(published=when)))
    if item.document is None:
        raise SystemExit(f"{entry['file']}: {item.error}")
    return pipeline(item.document)


def score_document(doc: Document, entry: dict[str, Any], verbose: bool) -> Counts:
    named = [e for e in doc.entities if not e.id.startswith("actor:")]
    gold_ents, gold_evs = entry.get("entities", []), entry.get("events", [])
    found_ents = [g for g in gold_ents if any(entity_matches(g, e) for e in named)]
    correct_ents = [e for e in named if any(entity_matches(g, e) for g in gold_ents)]
    found_evs = [g for g in gold_evs if any(event_matches(e, g) for e in doc.events)]
    correct_evs = [e for e in doc.events if any(event_matches(e, g) for g in gold_evs)]
    if verbose:
        for g in gold_ents:
            if g not in found_ents:
                print(f"   missed entity  {g['name']} [{g['type']}]")
        for e in named:
            if e not in correct_ents:
                print(f"   extra entity   {e.name} [{e.type}, {e.country}] {[m.text for m in e.mentions][:3]}")
        for g in gold_evs:
            mark = "found " if g in found_evs else "MISSED"
            print(f"   {mark} {g['id']:5} {g['category']} {g['actor']}->{g['recipient']} {g.get('date')}: {g['gist']}")
        for e in doc.events:
            ok = "ok   " if e in correct_evs else "FALSE"
            print(
                f"   {ok} s{e.sentence:<3} {e.event:9} {[a.code or a.entity_text for a in e.actor]}->"
                f"{[r.code or r.entity_text for r in e.recipient]} '{e.event_text}' {e.date}"
            )
    return Counts(
        ent_gold=len(gold_ents), ent_found=len(found_ents), ent_pred=len(named), ent_correct=len(correct_ents),
        ev_gold=len(gold_evs), ev_found=len(found_evs), ev_pred=len(doc.events), ev_correct=len(correct_evs),
    )


#: why a gold event was missed, in the order they are tested: the first that applies is counted
MISS_CAUSES = (
    "actor not among the document's entities",
    "recipient not among the document's entities",
    "found with another category",
    "found with another recipient",
    "found with another actor",
    "found with another date",
    "no event with its category and an actor or recipient of it",
)


def miss_cause(doc: Document, gold: dict[str, Any]) -> str:
    """The first of ``MISS_CAUSES`` that explains why no predicted event matches ``gold``: an argument the
    entity stage did not produce, a predicted event that matches on everything but one field, or nothing close.
    A near miss may be another event between the same parties, so the split is indicative, not exact."""
    available = {actor_code(e) for e in doc.entities} | {m.text for e in doc.entities for m in e.mentions}
    if not set(gold.get("actor", [])) & available:
        return MISS_CAUSES[0]
    if not set(gold.get("recipient", [])) & available:
        return MISS_CAUSES[1]

    def close(e: Event, skip: str) -> bool:
        checks = {
            "category": e.event in gold["category"],
            "actor": bool(_codes(e.actor) & set(gold.get("actor", []))),
            "recipient": bool(_codes(e.recipient) & set(gold.get("recipient", []))),
            "date": _date_inside(e.date, gold.get("date")),
        }
        return all(ok for field, ok in checks.items() if field != skip)

    for cause, field in zip(MISS_CAUSES[2:6], ("category", "recipient", "actor", "date"), strict=True):
        if any(close(e, field) for e in doc.events):
            return cause
    return MISS_CAUSES[-1]


def print_causes(causes: dict[str, dict[str, int]]) -> None:
    """Missed gold events by cause, per split (counts only: safe to print for a test split)."""
    print("\nmissed gold events by cause (first applicable)")
    for split in sorted(causes):
        total = sum(causes[split].values())
        print(f"  split {split} ({total} missed)")
        for cause in MISS_CAUSES:
            n = causes[split].get(cause, 0)
            print(f"    {n:>4} {n / total if total else 0:5.0%}  {cause}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--set", dest="which", default="heldout", choices=sorted(SETS),
                        help="heldout (evaluation/data/heldout) or blind (evaluation/data/heldout-blind)")
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--verbose", "-v", action="store_true", help="list missed and extra entities and events")
    parser.add_argument("--causes", action="store_true",
                        help="count missed gold events by cause (entity missing, wrong category/actor/recipient/date)")
    args = parser.parse_args()
    causes: dict[str, dict[str, int]] = {}
    pipeline = Pipeline(STAGES)
    by_lang: dict[str, Counts] = {}
    by_split: dict[str, Counts] = {}
    total = Counts()
    started = time.process_time()
    folder = SETS[args.which]
    for entry in load_gold(folder / "gold.yaml"):
        if args.split != "all" and entry["split"] != args.split:
            continue
        if args.verbose:
            print(f"-- {entry['file']} ({entry['split']})")
        doc = run_document(entry, pipeline, folder)
        counts = score_document(doc, entry, args.verbose)
        if args.causes:
            tally = causes.setdefault(entry["split"], {})
            for g in entry.get("events", []):
                if not any(event_matches(e, g) for e in doc.events):
                    cause = miss_cause(doc, g)
                    tally[cause] = tally.get(cause, 0) + 1
        print(counts.line(f"{entry['split']:4} {entry['file']}"))
        by_lang.setdefault(entry["language"], Counts()).add(counts)
        by_split.setdefault(entry["split"], Counts()).add(counts)
        total.add(counts)
    print()
    for lang in sorted(by_lang):
        print(by_lang[lang].line(f"language {lang}"))
    for split in sorted(by_split):
        print(by_split[split].line(f"split {split}"))
    print(total.line("all"))
    if args.causes:
        print_causes(causes)
    print(f"(CPU time {time.process_time() - started:.1f} s)")


if __name__ == "__main__":
    main()
