"""Ingestion: turn real sources (files, directories, stdin, URLs, feeds, WARC, JSON/JSONL) into Documents.

The contract the CLI and the store rely on:

    for item in read_inputs(["a.html", "https://...", "-"], IngestOptions(lang="sv")):
        if item.error: report(item.origin, item.error)   # one clear line, skipped, counted
        else: store(item.document)

``read_inputs`` never raises for a bad item: it yields an ``IngestItem`` with ``error`` set and goes on.
"""

from wirescope.ingest.base import IngestItem, IngestOptions, read_inputs

__all__ = ["IngestItem", "IngestOptions", "read_inputs"]
