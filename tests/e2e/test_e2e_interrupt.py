"""Ctrl-C in the middle of an ingestion leaves only whole documents, and a re-run picks up where it stopped."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

N_DOCS = 50
WORDS = [
    "river",
    "harbour",
    "council",
    "budget",
    "railway",
    "bridge",
    "winter",
    "festival",
    "museum",
    "election",
    "court",
    "farmers",
    "market",
    "school",
    "hospital",
    "airport",
    "storm",
    "drought",
    "theatre",
    "library",
    "factory",
    "strike",
    "minister",
    "mayor",
    "police",
    "treaty",
    "border",
    "summit",
    "bank",
    "currency",
    "export",
    "harvest",
    "island",
    "coast",
    "mountain",
    "tunnel",
    "canal",
    "station",
    "orchestra",
    "stadium",
    "league",
    "coach",
    "record",
    "prize",
    "author",
    "painter",
    "archive",
    "satellite",
    "rocket",
    "engine",
    "vaccine",
    "clinic",
    "nurse",
    "teacher",
    "student",
    "village",
    "province",
    "capital",
    "parliament",
    "senate",
    "budget",
    "tariff",
    "pipeline",
    "refinery",
    "wind",
    "solar",
    "grid",
    "reservoir",
]


def write_corpus(folder: Path) -> None:
    rng = random.Random(7)
    for i in range(N_DOCS):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(6)]
        (folder / f"article-{i:03d}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def incomplete_documents(db: Path) -> list[str]:
    """Stored copies lacking any part that is written in the same transaction as the document row."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            """
            SELECT d.id FROM documents d
            WHERE d.duplicate_of IS NULL AND (
                NOT EXISTS (SELECT 1 FROM sentences s WHERE s.document_id = d.id)
                OR NOT EXISTS (SELECT 1 FROM signatures g WHERE g.document_id = d.id)
                OR (SELECT count(*) FROM signature_bands b WHERE b.document_id = d.id) != 16
                OR NOT EXISTS (SELECT 1 FROM documents_fts f WHERE f.document_id = d.id)
                OR NOT EXISTS (SELECT 1 FROM origins o WHERE o.document_id = d.id))
            """
        ).fetchall()
    return [r[0] for r in rows]


def test_interrupted_ingestion_keeps_whole_documents_and_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus)
    db = tmp_path / "interrupted.db"
    command = [sys.executable, "-m", "wirescope", "ingest", str(corpus), "--db", str(db), "--stages", "segment"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while stored_count(db) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    stopped_early = process.returncode == 130
    assert stopped_early or process.returncode == 0, stderr
    assert incomplete_documents(db) == []
    partial = stored_count(db)
    if stopped_early:
        assert "interrupted" in stderr and partial < N_DOCS

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {N_DOCS - partial}, unchanged {partial}," in rerun.stdout
    assert incomplete_documents(db) == [] and stored_count(db) == N_DOCS
