"""WARC archives (.warc, .warc.gz; e.g. Common Crawl CC-NEWS): every HTML response record is an article.

The record's target URI is the document URL and its WARC-Date the fetch time (``fetched_at``); the publication
date comes only from the page's own metadata. Non-HTML responses (robots.txt, images) and request/metadata
records are not articles and are skipped; an HTML response without article text is an error item.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from wirescope.ingest.base import IngestError, IngestItem, IngestOptions
from wirescope.ingest.meta import SourceMeta, parse_date


def read_warc(path: Path, options: IngestOptions) -> Iterator[IngestItem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from wirescope.ingest.html import html_document

    origin = str(path)
    size = path.stat().st_size
    if size == 0:
        yield IngestItem(origin, error="empty: no content")
        return
    if not _starts_like_warc(path):
        yield IngestItem(origin, error="broken WARC: no WARC/1.x header at the start")
        return
    found = 0
    try:
        with path.open("rb") as fh:
            for number, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response" or not _is_html(record):
                    continue
                found += 1
                uri = record.rec_headers.get_header("WARC-Target-URI")
                item_origin = f"{origin}#{uri or f'record-{number}'}"
                data = record.content_stream().read(options.max_bytes + 1)
                if len(data) > options.max_bytes:
                    yield IngestItem(item_origin, error=f"too large: over the limit of {options.max_bytes} bytes")
                    continue
                meta = SourceMeta(url=uri, fetched_at=parse_date(record.rec_headers.get_header("WARC-Date")))
                try:
                    yield IngestItem(item_origin, document=html_document(data, options, base=meta))
                except IngestError as exc:
                    yield IngestItem(item_origin, error=str(exc))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield IngestItem(origin, error=f"broken WARC: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
        return
    if found == 0:
        yield IngestItem(origin, error="no HTML response records in WARC")


def _starts_like_warc(path: Path) -> bool:
    """WARC files (plain or with gzip members) start with a ``WARC/`` version line."""
    with path.open("rb") as fh:
        head = fh.read(2)
    try:
        with (gzip.open(path, "rb") if head == b"\x1f\x8b" else path.open("rb")) as fh:
            return bytes(fh.read(5)) == b"WARC/"
    except (OSError, EOFError):
        return False


def _is_html(record: object) -> bool:
    http_headers = getattr(record, "http_headers", None)
    if http_headers is None:
        return False
    content_type = (http_headers.get_header("Content-Type") or "").lower()
    return "html" in content_type
