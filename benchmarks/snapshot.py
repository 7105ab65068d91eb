"""Check that a performance change leaves the pipeline's output unchanged.

    .venv/bin/python benchmarks/snapshot.py write before.jsonl          # before the change
    .venv/bin/python benchmarks/snapshot.py write after.jsonl           # after it
    .venv/bin/python benchmarks/snapshot.py compare before.jsonl after.jsonl

``write`` runs the full pipeline on the same documents as ``benchmarks/pipeline.py`` (a seeded sample of
InsightCrime articles, ``-n``, and the multilingual corpus) and writes each processed document as lossless JSON
(``wirescope.scale.codec``: every section and provenance, embeddings left out), one per line. ``compare`` prints the
sections that differ per document (``fetched_at`` is the clock, not the pipeline: ignored) and exits 1 when any
does. To isolate a change from concurrent edits, run ``write`` on a copy of the previous tree too
(``PYTHONPATH=<copy>/src``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline import insightcrime, multilingual  # noqa: E402
from wirescope.pipeline import Pipeline  # noqa: E402
from wirescope.scale.codec import encode  # noqa: E402

#: set from the clock at ingest, not by the pipeline
VOLATILE = frozenset({"fetched_at"})


def write(path: Path, n: int) -> None:
    pipeline = Pipeline()
    with path.open("w", encoding="utf-8") as out:
        for doc in [*insightcrime(n), *multilingual()]:
            out.write(encode(pipeline(doc)) + "\n")


def differences(before: Path, after: Path) -> list[str]:
    """One line per (document, section) that differs; a different document count is a difference too."""
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    found = [f"{len(old)} documents before, {len(new)} after"] if len(old) != len(new) else []
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        da, db = json.loads(a), json.loads(b)
        found += [f"document {i} ({da.get('source')}): {key}" for key in sorted(da.keys() | db.keys())
                  if key not in VOLATILE and da.get(key) != db.get(key)]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="process the benchmark documents and write them as JSON lines")
    w.add_argument("path", type=Path)
    w.add_argument("-n", type=int, default=20, help="InsightCrime articles (default 20)")
    c = sub.add_parser("compare", help="list the documents and sections that differ")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.path, args.n)
        return
    found = differences(args.before, args.after)
    print("\n".join(found) if found else "identical")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
