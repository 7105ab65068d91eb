"""End to end through the command line (``python -m wirescope`` in a subprocess): the seeds, re-ingestion, and
every kind of bad input, each checked to leave the database exactly as it was."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from tests.conftest import require_shared

FAST = "language,segment"
GOOD_TEXT = (
    "The city council of Utrecht approved a new cycling bridge over the Amsterdam-Rhine Canal on Thursday. "
    "Construction is due to start next year and should take about eighteen months. Residents of the eastern "
    "districts had asked for a direct route to the railway station for more than a decade."
)


def wirescope(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirescope", *args], capture_output=True, text=True, input=stdin, timeout=300
    )


def dump(db: Path) -> list[str]:
    """All rows except the run log (every invocation is recorded there by design)."""
    with sqlite3.connect(db) as conn:
        return [line for line in conn.iterdump() if not line.startswith('INSERT INTO "runs"')]


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding one good document, ingested through the CLI."""
    root = tmp_path_factory.mktemp("seeded")
    article = root / "utrecht.txt"
    article.write_text(GOOD_TEXT, encoding="utf-8")
    db = root / "seeded.db"
    result = wirescope("ingest", str(article), "--db", str(db), "--stages", FAST)
    assert result.returncode == 0, result.stderr
    assert "stored 1" in result.stdout
    return db


@pytest.fixture
def db(seeded_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "work.db"
    shutil.copy(seeded_db, copy)
    return copy


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".rss": "application/rss+xml"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 (never the internet) serving a broken feed and a good page."""
    root = tmp_path_factory.mktemp("www")
    (root / "broken.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><link>http://', encoding="utf-8"
    )
    (root / "page.html").write_text(
        f"<html><head><title>Utrecht bridge</title></head><body><article><p>{GOOD_TEXT}</p></article></body></html>",
        encoding="utf-8",
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:

    seeds = require_shared("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    files = {"sv": seeds / "sv-putin-kim-2023.txt", "nl": seeds / "nl-alliance-2-0-2022.txt"}
    result = wirescope("ingest", *(str(p) for p in files.values()), "--db", str(db), "--stages", FAST)
    assert result.returncode == 0, result.stderr
    assert "stored 2" in result.stdout
    return db, {lang: path.read_text(encoding="utf-8") for lang, path in files.items()}


def test_seeds_language_sentences_and_offsets(seeds_db: tuple[Path, dict[str, str]]) -> None:
    db, originals = seeds_db
    listing = json.loads(wirescope("docs", "--db", str(db), "--json").stdout)
    assert sorted(d["language"] for d in listing) == ["nl", "sv"]
    for row in listing:
        shown = wirescope("show", row["id"], "--db", str(db), "--json")
        assert shown.returncode == 0, shown.stderr
        data = json.loads(shown.stdout)
        original = originals[row["language"]]
        assert len(data["sentences"]) > 20
        assert data["document"]["language"] == row["language"]
        for sentence in data["sentences"]:
            assert sentence["text"].strip()
            assert sentence["text"] in original  # offsets into the stored text give back the article's own words
        assert sum(1 for s in data["sentences"] if s["language"] == row["language"]) > len(data["sentences"]) / 2


def test_reingesting_the_seeds_is_a_noop(seeds_db: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    shutil.copy(seeds_db[0], db)
    before = dump(db)

    result = wirescope("ingest", str(require_shared("seeds")), "--db", str(db), "--stages", FAST)
    assert result.returncode == 0, result.stderr
    assert "stored 0, unchanged 2" in result.stdout
    assert dump(db) == before


def test_reprocess_reruns_the_stages(db: Path, tmp_path: Path) -> None:
    article = tmp_path / "utrecht.txt"
    article.write_text(GOOD_TEXT, encoding="utf-8")
    result = wirescope("ingest", str(article), "--db", str(db), "--stages", "segment", "--reprocess", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["reprocessed"] == 1 and summary["stored"] == 0
    doc_id = json.loads(result.stdout)["items"][0]["document_id"]
    shown = json.loads(wirescope("show", doc_id, "--db", str(db), "--json").stdout)
    assert [p["stage"] for p in shown["document"]["provenance"]] == ["segment"]


# --------------------------------------------------------------------------------------------- bad input


def bad_file(tmp_path: Path, kind: str) -> tuple[list[str], str]:
    """(extra CLI arguments, the path) for one kind of bad local file."""
    if kind == "empty":
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        return [], str(path)
    if kind == "binary":
        path = tmp_path / "image.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
        return [], str(path)
    if kind == "oversize":
        path = tmp_path / "long.txt"
        path.write_text(GOOD_TEXT.replace("Utrecht", "Zwolle") * 20, encoding="utf-8")
        return ["--max-bytes", "1000"], str(path)
    if kind == "malformed-html":
        path = tmp_path / "broken.html"
        # unclosed and mismatched tags around no text at all
        path.write_text("<html><head><title></head><body><div><p></span></div><table><tr><td><img src=x></bo")
        return [], str(path)
    if kind == "undecodable":
        path = tmp_path / "garbled.txt"
        path.write_bytes(bytes([0x80, 0x81, 0xFE, 0xFF, 0x9D, 0x8F]) * 300)  # no NUL: not binary, no encoding fits
        return [], str(path)
    raise ValueError(kind)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("empty", "empty"),
        ("binary", "binary"),
        ("oversize", "large"),
        ("malformed-html", "html"),
        ("undecodable", "undecodable"),
    ],
)
def test_bad_file_is_reported_and_leaves_the_database_unchanged(
    kind: str, reason: str, db: Path, tmp_path: Path
) -> None:
    extra, path = bad_file(tmp_path, kind)
    before = dump(db)
    result = wirescope("ingest", path, "--db", str(db), "--stages", FAST, *extra)
    assert result.returncode == 1, (result.stdout, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and path in errors[0], result.stderr
    assert reason in errors[0].removeprefix(f"error: {path}").casefold()  # the reason names what is wrong
    assert "failed 1" in result.stdout
    assert dump(db) == before


def test_bad_items_are_skipped_and_good_ones_stored(db: Path, tmp_path: Path) -> None:
    _, empty = bad_file(tmp_path, "empty")
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT.replace("Utrecht", "Groningen").replace("Thursday", "Friday") + " Then rain fell.")
    result = wirescope("ingest", empty, str(good), str(tmp_path / "missing.txt"), "--db", str(db), "--stages", FAST)
    assert result.returncode == 1
    assert "stored 1" in result.stdout and "failed 2" in result.stdout


def test_broken_feed(db: Path, server: str) -> None:
    before = dump(db)
    url = f"{server}/broken.rss"
    result = wirescope("ingest", url, "--db", str(db), "--stages", FAST, "--allow-private")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert any(line.startswith("error:") and url in line for line in result.stderr.splitlines()), result.stderr
    assert dump(db) == before


@pytest.mark.parametrize("path", ["/no-such-page.html", None])
def test_unreachable_url(db: Path, server: str, path: str | None) -> None:
    """A 404 from the local server, and a port nobody listens on."""
    url = f"{server}{path}" if path else f"http://127.0.0.1:{free_port()}/article.html"
    before = dump(db)
    result = wirescope("ingest", url, "--db", str(db), "--stages", FAST, "--allow-private")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert any(line.startswith("error:") and url in line for line in result.stderr.splitlines()), result.stderr
    assert dump(db) == before


def test_private_address_needs_allow_private(db: Path, server: str) -> None:
    url = f"{server}/page.html"
    before = dump(db)
    refused = wirescope("ingest", url, "--db", str(db), "--stages", FAST)
    assert refused.returncode == 1 and url in refused.stderr
    assert dump(db) == before
    allowed = wirescope("ingest", url, "--db", str(db), "--stages", FAST, "--allow-private", "--json")
    assert allowed.returncode == 0, allowed.stderr
    # the page carries the same text as the seeded document: an exact duplicate, linked rather than stored
    assert json.loads(allowed.stdout)["summary"]["duplicates"] == 1
