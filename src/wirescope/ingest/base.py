"""Types of the ingestion contract and the dispatcher. The readers live in sibling modules
(``text`` for .txt/.md and decoding, ``html``, ``jsonl``, ``warc``, ``web`` for URLs and feeds)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wirescope import __version__
from wirescope.model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"wirescope/{__version__} (+https://github.com/wirescope)"
#: extensions read from local files; in a directory, files with other extensions are skipped silently
FILE_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz")


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
    #: dotted path to the list of records inside a .json file (None: the file is a list or a single record)
    json_records: str | None = None
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    #: most entries fetched from one RSS/Atom feed
    max_feed_entries: int = 200


@dataclass
class IngestItem:
    origin: str  # path, URL, "stdin", or "path#record-3"
    document: Document | None = None
    error: str | None = None


class IngestError(Exception):
    """A bad input item; the message is the one clear reason reported to the user."""


def read_inputs(inputs: list[str], options: IngestOptions | None = None) -> Iterator[IngestItem]:
    """Yield one item per document (or per failure) for files, directories, ``-`` (stdin), URLs and feeds."""
    opts = options or IngestOptions()
    for spec in inputs:
        yield from _read_one(spec, opts)


def _read_one(spec: str, options: IngestOptions) -> Iterator[IngestItem]:
    from wirescope.ingest import files, web

    if spec == "-":
        yield from files.read_stdin(options)
    elif spec.lower().startswith(("http://", "https://")):
        yield from web.read_url(spec, options)
    else:
        path = Path(spec)
        if path.is_dir():
            found = False
            for child in iter_directory(path):
                found = True
                yield from files.read_file(child, options)
            if not found:
                yield IngestItem(spec, error=f"no supported files in directory ({', '.join(FILE_EXTENSIONS)})")
        elif path.exists():
            yield from files.read_file(path, options)
        else:
            yield IngestItem(spec, error="no such file or directory")


def iter_directory(root: Path) -> Iterator[Path]:
    """Supported files under ``root``, recursively, in sorted order; hidden files and folders are skipped."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.name.lower().endswith(FILE_EXTENSIONS):
            yield path
