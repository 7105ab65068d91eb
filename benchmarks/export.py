"""Export time and peak memory on a synthetic store of 1,000,000 events.

    .venv/bin/python benchmarks/export.py [--events 1000000] [--per-doc 10] [--db /tmp/wirescope-export-bench.db]
                                          [--formats gdelt-csv,parquet,...] [--out /tmp/wirescope-export-bench]

The store is built once (schema through ``open_store``, rows inserted with ``executemany``, ``--per-doc`` events
per document, 3 sentences per document, 50 actors, a few mentions per document) and reused when it already holds
the requested number of events. Each format is exported in a fresh child process, which reports its wall time,
its resident set size after imports and its peak (``resource.getrusage`` ``ru_maxrss``): the difference is what the
export itself held at most. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from wirescope.plover import CATEGORY_INFO, intensity, quadclass
from wirescope.store import open_store

ACTORS = [("RUS", None), ("UKR", None), ("USA", "GOV"), ("CHN", "GOV"), ("PRK", None), ("NATO", "IGO"),
          ("FRA", "GOV"), ("DEU", "GOV"), ("GBR", None), ("TUR", "GOV")] + [(f"X{i:02d}", "REB") for i in range(40)]
CATEGORIES = list(CATEGORY_INFO)
SENTENCES = 3


def _ref(i: int) -> dict[str, Any]:
    code, sector = ACTORS[i]
    return {"entity_text": f"Actor {code}", "code": code, "sector": sector, "identifier_id": None,
            "entity_id": f"bench:{code}"}


def _event(rng: random.Random, n: int, day: str) -> dict[str, Any]:
    category = rng.choice(CATEGORIES)
    a, r = rng.sample(range(len(ACTORS)), 2)
    sentence = n % SENTENCES
    return {
        "id": f"ev{n}", "event": category, "actor": [_ref(a)], "recipient": [_ref(r)], "mode": None, "context": [],
        "date": day, "enddate": None, "date_precision": "day", "event_loc": None, "event_text": "met",
        "event_start": sentence * 40 + 6, "event_end": sentence * 40 + 9, "sentence": sentence, "negated": False,
        "hypothetical": False, "future": False, "historical": False, "reported": False, "claim_id": None,
        "confidence": 0.7, "pentaclass": quadclass(category), "quadclass": quadclass(category),
        "intensity": intensity(category),
    }


def _documents(n_docs: int, per_doc: int, seed: int) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
    rng = random.Random(seed)
    start, now = date(2020, 1, 1), datetime.now(UTC).isoformat()
    for i in range(n_docs):
        doc_id = f"{i:016x}"
        day = (start + timedelta(days=i % 1500)).isoformat()
        text = " ".join(f"Sentence {s} of synthetic article {i} here." for s in range(SENTENCES))
        doc = (doc_id, f"{i:064x}", f"https://example.org/{i}", "bench wire", f"Article {i}", f"{day}T09:00:00+00:00",
               f"{day} 09:00:00", rng.choice(["en", "de", "ru"]), "{}", text, now, "[]", now)
        events = [(doc_id, f"ev{n}", e["event"], e["actor"][0]["code"], e["recipient"][0]["code"], day, 0.7,
                   e["sentence"], e["event_start"], e["event_end"], json.dumps(e))
                  for n in range(per_doc) for e in [_event(rng, n, day)]]
        yield doc, events


def build(db: Path, n_events: int, per_doc: int) -> None:
    """Create the schema and bulk-insert the synthetic rows (one transaction per 10,000 documents)."""
    open_store(str(db))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    now = datetime.now(UTC).isoformat()
    conn.executemany(
        "INSERT INTO entities (id, type, name, country, wikidata, role, sector, aliases, updated_at) "
        "VALUES (?, 'ORGANIZATION', ?, NULL, NULL, NULL, ?, '[]', ?)",
        [(f"bench:{c}", f"Actor {c}", s, now) for c, s in ACTORS],
    )
    docs: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    sentences: list[tuple[Any, ...]] = []
    mentions: list[tuple[Any, ...]] = []
    for doc, rows in _documents(n_events // per_doc, per_doc, seed=7):
        docs.append(doc)
        events.extend(rows)
        sentences.extend((doc[0], s, s * 40, s * 40 + 38, doc[7]) for s in range(SENTENCES))
        mentions.extend((doc[0], f"bench:{rows[k][3]}", f"Actor {rows[k][3]}", 0, 5, 0)
                        for k in range(min(3, len(rows))))
        if len(docs) >= 10_000:
            _flush(conn, docs, events, sentences, mentions)
    _flush(conn, docs, events, sentences, mentions)
    conn.close()


def _flush(conn: sqlite3.Connection, *batches: list[tuple[Any, ...]]) -> None:
    docs, events, sentences, mentions = batches
    with conn:
        conn.executemany(
            "INSERT INTO documents (id, content_hash, url, source, title, published, published_utc, language, "
            "languages, text, fetched_at, provenance, stored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
        conn.executemany(
            "INSERT INTO events (document_id, id, category, actor_codes, recipient_codes, date, confidence, "
            "sentence, start, \"end\", data) VALUES (?,?,?,?,?,?,?,?,?,?,?)", events)
        conn.executemany(
            "INSERT INTO sentences (document_id, idx, start, \"end\", language) VALUES (?,?,?,?,?)", sentences)
        conn.executemany(
            "INSERT INTO mentions (document_id, entity_id, text, start, \"end\", sentence) VALUES (?,?,?,?,?,?)",
            mentions)
    for batch in batches:
        batch.clear()


def _event_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def child(db: Path, fmt: str, out: Path) -> None:
    """Run one export in this process and print its figures as JSON."""
    from wirescope.export import FORMATS, export

    store = open_store(str(db))
    FORMATS[fmt].writer()  # import the format's libraries before the baseline
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    counts = export(store, fmt, out)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"format": fmt, "seconds": round(seconds, 1), "counts": counts,
                      "rss_before_mib": round(before / 1024), "peak_rss_mib": round(peak / 1024),
                      "export_mib": round((peak - before) / 1024)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-doc", type=int, default=10)
    parser.add_argument("--db", type=Path, default=Path("/tmp/wirescope-export-bench.db"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/wirescope-export-bench"))
    parser.add_argument("--formats", default="gdelt-csv,acled-csv,csv,parquet,graphml,graph-json,plover-jsonl,ftm")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.child, args.out)
        return
    if _event_count(args.db) != args.events:
        args.db.unlink(missing_ok=True)
        started = time.perf_counter()
        build(args.db, args.events, args.per_doc)
        print(f"built {args.events:,} events in {time.perf_counter() - started:.1f}s: {args.db}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    for fmt in args.formats.split(","):
        target = args.out / fmt
        cmd = [sys.executable, __file__, "--db", str(args.db), "--out", str(target), "--child", fmt]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        print(result.stdout.strip() or f"{fmt}: failed\n{result.stderr[-2000:]}", flush=True)


if __name__ == "__main__":
    main()
