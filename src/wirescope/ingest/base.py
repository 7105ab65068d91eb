"""Types of the ingestion contract. The readers live in sibling modules (files, html, jsonl, warc, web, feeds)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from wirescope.model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class IngestOptions:
    """Explicit metadata flags win over what the source says (file/feed/HTML metadata), which wins over unknown."""

    lang: str | None = None
    published: datetime | None = None
    source: str | None = None
    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    #: JSON/JSONL field mapping: wirescope field -> key in the record (dotted paths allowed)
    json_fields: dict[str, str] = field(
        default_factory=lambda: {
            "text": "text",
            "title": "title",
            "url": "url",
            "published": "published",
            "language": "language",
            "source": "source",
            "author": "author",
        }
    )


@dataclass
class IngestItem:
    origin: str  # path, URL, "stdin", or "path#record-3"
    document: Document | None = None
    error: str | None = None


def read_inputs(inputs: list[str], options: IngestOptions | None = None) -> Iterator[IngestItem]:
    raise NotImplementedError("implemented by the ingest readers")
