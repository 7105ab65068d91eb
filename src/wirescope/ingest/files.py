"""Local files and stdin: pick the reader (text, Markdown, HTML, JSON, WARC) by extension, or for stdin by content."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from wirescope.ingest.base import IngestError, IngestItem, IngestOptions
from wirescope.ingest.decode import decode_bytes
from wirescope.ingest.meta import SourceMeta, make_document, normalise_language, parse_date
from wirescope.model import Document

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def read_file(path: Path, options: IngestOptions) -> Iterator[IngestItem]:
    """Documents (or one error) from a local file."""
    origin = str(path)
    name = path.name.lower()
    try:
        if name.endswith((".warc", ".warc.gz")):
            from wirescope.ingest.warc import read_warc

            yield from read_warc(path, options)
            return
        if not name.endswith((".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")):
            raise IngestError(f"unsupported file type: {path.suffix or 'no extension'}")
        data = _read_limited(path, options.max_bytes)
    except OSError as exc:
        yield IngestItem(origin, error=f"cannot read file: {exc.strerror or exc}")
        return
    except IngestError as exc:
        yield IngestItem(origin, error=str(exc))
        return
    yield from read_bytes(data, origin, name, options)


def read_stdin(options: IngestOptions) -> Iterator[IngestItem]:
    """The documents on stdin; the format (HTML, JSON/JSON Lines, Markdown with front matter, text) is sniffed."""
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield IngestItem("stdin", error=f"too large: over the limit of {options.max_bytes} bytes")
        return
    yield from read_bytes(data, "stdin", _sniff_name(data), options)


def read_bytes(data: bytes, origin: str, name: str, options: IngestOptions) -> Iterator[IngestItem]:
    """Documents from the content of a file called ``name`` (the extension picks the reader)."""
    try:
        if name.endswith((".json", ".jsonl")):
            from wirescope.ingest.jsonl import read_json

            yield from read_json(data, origin, name.endswith(".jsonl"), options)
            return
        if name.endswith((".html", ".htm")):
            from wirescope.ingest.html import html_document

            document = html_document(data, options)
        elif name.endswith((".md", ".markdown")):
            document = markdown_document(decode_bytes(data), options)
        else:
            document = make_document(decode_bytes(data), SourceMeta(), options)
    except IngestError as exc:
        yield IngestItem(origin, error=str(exc))
        return
    yield IngestItem(origin, document=document)


def markdown_document(text: str, options: IngestOptions) -> Document:
    """Markdown with optional YAML front matter (title, published/date, url, source, language/lang, author).

    Heading markers and link targets are dropped (the text stays readable and offsets refer to the stored text);
    without a ``title`` in the front matter the first heading is the title.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    front: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
            raise IngestError(f"malformed front matter: {str(exc).splitlines()[0]}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise IngestError("malformed front matter: not a mapping")
        front = loaded or {}
        text = text[m.end() :]
    heading = _MD_HEADING.search(text)
    body = _MD_LINK.sub(r"\1", _MD_HEADING.sub(r"\1", text))
    meta = SourceMeta(
        title=_first(front, "title") or (heading.group(1) if heading else None),
        url=_first(front, "url", "link"),
        source=_first(front, "source", "publisher"),
        author=_first(front, "author", "authors"),
        published=parse_date(_first_raw(front, "published", "date")),
        language=normalise_language(_first(front, "language", "lang")),
    )
    return make_document(body, meta, options)


def _first_raw(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if data.get(key) not in (None, ""):
            return data[key]
    return None


def _first(data: dict[str, Any], *keys: str) -> str | None:
    value = _first_raw(data, *keys)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return None if value is None else str(value)


def _read_limited(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"too large: {size} bytes, over the limit of {max_bytes} bytes")
    return path.read_bytes()


def _sniff_name(data: bytes) -> str:
    """A pseudo file name for stdin content, so that it goes to the right reader."""
    from wirescope.ingest.html import looks_like_html

    head = data[:512].lstrip()
    if looks_like_html(data):
        return "stdin.html"
    if head.startswith(b"---"):
        return "stdin.md"
    if head.startswith(b"{"):  # JSON Lines when several lines start a record, else one JSON document
        records = sum(1 for line in data.splitlines() if line.lstrip().startswith(b"{"))
        return "stdin.jsonl" if records > 1 else "stdin.json"
    if head.startswith(b"["):
        return "stdin.json"
    return "stdin.txt"
