"""Accuracy of the ``times`` stage per language, side by side with ``dateparser.search.search_dates``.

Test set: ``evaluation/data/times/<code>.yaml`` (sentences we wrote, each with an anchor and the expected
expressions: ``{text, expect: [{text, value}]}`` or the short form ``{t, e: [[text, value]]}``; an empty list
means nothing may be found). Seeds: the gold times of ``../shared/seeds/gold.yaml`` anchored at the seeds'
publication dates.

Scoring rule (the same for both systems):
- an expected expression is correct when one prediction overlaps its text in the sentence and has the
  expected value; a case that expects nothing (a false-date trap) is one item, correct when nothing is found;
- wirescope values are compared as strings;
- dateparser returns datetimes, so its date is printed at the precision of the expected value (day, ISO week,
  month, quarter, season, year); for a span "a/b" it is correct when it matches the start "a" (lenient);
  durations ("P2Y") it cannot express and they count as wrong; it runs with ``RELATIVE_BASE`` = the anchor and
  ``PREFER_DATES_FROM="past"`` (the news convention, in its favour).

Run: ``.venv/bin/python evaluation/times.py`` (``--no-dateparser`` to skip the comparison, ``-v`` to list errors).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from wirescope.model import Document
from wirescope.nlp import times

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "evaluation" / "data" / "times"
HOLDOUT = DATA / "holdout"
SHARED = Path(os.environ.get("WIRESCOPE_SHARED", ROOT.parent / "shared"))
SEASONS = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA",
           11: "FA"}

#: a system: (text, language, anchor) -> [(start, end, value)]
System = Callable[[str, str, date | None], list[tuple[int, int, str | None]]]


@dataclass
class Item:
    text: str
    language: str
    anchor: date | None
    expect_text: str | None
    value: str | None


def load_cases(code: str, folder: Path = DATA) -> list[Item]:
    data = yaml.safe_load((folder / f"{code}.yaml").read_text(encoding="utf-8"))
    default = _as_date(data.get("anchor"))
    items: list[Item] = []
    for case in data["cases"]:
        anchor = _as_date(case["anchor"]) if "anchor" in case else default
        text = case.get("text", case.get("t"))
        raw = case.get("expect", case.get("e")) or []
        expected = [(e["text"], e["value"]) if isinstance(e, dict) else tuple(e) for e in raw]
        if not expected:
            items.append(Item(text, code, anchor, None, None))
        for surface, value in expected:
            items.append(Item(text, code, anchor, str(surface), str(value)))
    return items


def _as_date(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v))


def wirescope_system(text: str, language: str, anchor: date | None) -> list[tuple[int, int, str | None]]:
    return [(t.start, t.end, t.value) for t in times.extract(text, language, anchor)]


def _label(dt: datetime, model: str) -> str:
    """dateparser's datetime printed at the precision of the expected value ``model``."""
    first = model.split("/")[0]
    if "-W" in first:
        iso = dt.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if "-Q" in first:
        return f"{dt.year}-Q{(dt.month - 1) // 3 + 1}"
    if first[-2:] in ("SP", "SU", "FA", "WI"):
        return f"{dt.year - (1 if dt.month <= 2 else 0)}-{SEASONS[dt.month]}"
    return dt.date().isoformat()[: len(first)]


def dateparser_system(text: str, language: str, anchor: date | None) -> list[tuple[int, int, datetime]]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=[language], settings=settings) or []
    out, pos = [], 0
    for surface, dt in found:
        start = text.find(surface, pos)
        start = text.find(surface) if start < 0 else start
        out.append((start, start + len(surface), dt))
        pos = max(pos, start + len(surface)) if start >= 0 else pos
    return out


def _correct(item: Item, found: list[tuple[int, int, Any]], is_dateparser: bool) -> bool:
    if item.expect_text is None:
        return not found
    start = item.text.find(item.expect_text)
    end = start + len(item.expect_text)
    for s, e, v in found:
        if s < end and e > start and v is not None:
            got = _label(v, item.value or "") if is_dateparser else v
            want = (item.value or "").split("/")[0] if is_dateparser else item.value
            if got == want and not (is_dateparser and (item.value or "").startswith("P")):
                return True
    return False


def score(items: list[Item], system: Callable[..., list[tuple[int, int, Any]]], is_dp: bool,
          errors: list[str] | None = None) -> float:
    cache: dict[tuple[str, date | None], list[tuple[int, int, Any]]] = {}
    good = 0
    for it in items:
        key = (it.text, it.anchor)
        if key not in cache:
            cache[key] = system(it.text, it.language, it.anchor)
        ok = _correct(it, cache[key], is_dp)
        good += ok
        if not ok and errors is not None:
            errors.append(f"[{it.language}] {it.text!r}: want {it.expect_text!r}={it.value}, got {cache[key]}")
    return good / len(items) if items else 0.0


def seed_items() -> list[tuple[Document, str, str]]:
    gold = yaml.safe_load((SHARED / "seeds" / "gold.yaml").read_text(encoding="utf-8"))
    out = []
    for d in gold["documents"]:
        text = (SHARED / "seeds" / d["file"]).read_text(encoding="utf-8")
        pub = _as_date(d.get("published"))
        doc = Document(text=text, language=d["language"],
                       published=datetime(pub.year, pub.month, pub.day) if pub else None)
        for t in d.get("times") or []:
            values = t["value"] if isinstance(t["value"], list) else [t["value"]]
            out.extend((doc, str(t["text"]), str(v)) for v in values)
    return out


def seed_accuracy(use_dateparser: bool, errors: list[str] | None = None) -> float:
    items = seed_items()
    good = 0
    for doc, surface, value in items:
        anchor = doc.published.date() if doc.published else None
        start = doc.text.lower().find(surface.lower())
        item = Item(doc.text, doc.language or "", anchor, doc.text[start : start + len(surface)], value)
        if use_dateparser:
            found: list[tuple[int, int, Any]] = dateparser_system(doc.text, doc.language or "", anchor)
        else:
            found = [(t.start, t.end, t.value) for t in times.run(doc).times]
        ok = _correct(item, found, use_dateparser)
        good += ok
        if not ok and errors is not None:
            errors.append(f"[seed] {surface!r}: want {value}")
    return good / len(items) if items else 0.0


def languages(folder: Path = DATA) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("languages", nargs="*")
    args = ap.parse_args(argv)
    errors: list[str] = []
    print(f"{'lang':5} {'items':>5} {'wirescope':>10} {'dateparser':>11}")
    for code in args.languages or languages():
        items = load_cases(code)
        ws = score(items, wirescope_system, False, errors)
        dp = "" if args.no_dateparser else f"{score(items, dateparser_system, True):11.1%}"
        print(f"{code:5} {len(items):5d} {ws:10.1%} {dp}")
    print(f"held-out cases (written after tuning, never tuned on; {HOLDOUT.relative_to(ROOT)}):")
    for code in args.languages or languages(HOLDOUT):
        if not (HOLDOUT / f"{code}.yaml").exists():
            continue
        items = load_cases(code, HOLDOUT)
        ws = score(items, wirescope_system, False, errors)
        dp = "" if args.no_dateparser else f"{score(items, dateparser_system, True):11.1%}"
        print(f"{code:5} {len(items):5d} {ws:10.1%} {dp}")
    if SHARED.joinpath("seeds", "gold.yaml").exists():
        ws = seed_accuracy(False, errors)
        dp = "" if args.no_dateparser else f"{seed_accuracy(True):11.1%}"
        print(f"{'seeds':5} {len(seed_items()):5d} {ws:10.1%} {dp}")
    if args.verbose:
        print("\n".join(errors), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
