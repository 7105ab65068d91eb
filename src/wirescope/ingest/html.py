"""HTML to a Document: the main text and metadata (title, author, date, url, site name, language) with trafilatura.

Date extraction is limited to the page's metadata (no guessing from the text or the URL), so an article
without a stated date keeps ``published=None``. Paragraphs are joined by blank lines so that the segmenter
sees paragraph breaks.
"""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from wirescope.ingest.base import IngestError, IngestOptions
from wirescope.ingest.decode import decode_bytes
from wirescope.ingest.meta import SourceMeta, clean, make_document, normalise_language, parse_date
from wirescope.model import Document

_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)
_META_LANG = re.compile(
    rb"<meta[^>]+(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)[^>]*"
    rb"content\s*=\s*[\"']?([A-Za-z]{2,3})",
    re.IGNORECASE,
)
#: text recovered from markup the article extractor rejects needs this many letters to count as text
_MIN_FALLBACK_LETTERS = 20
_PUBLISHED_KEYS = r"(?:article:published_time|og:published_time|datePublished|pubdate|publishdate|dc\.date)"
_META_PUBLISHED = (
    re.compile(rb"<meta[^>]+(?:property|name|itemprop)\s*=\s*[\"']" + _PUBLISHED_KEYS.encode()
               + rb"[\"'][^>]*?content\s*=\s*[\"']([^\"']+)", re.IGNORECASE),
    re.compile(rb"<meta[^>]+content\s*=\s*[\"']([^\"']+)[\"'][^>]*?(?:property|name|itemprop)\s*=\s*[\"']"
               + _PUBLISHED_KEYS.encode() + rb"[\"']", re.IGNORECASE),
)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head


def html_document(data: bytes, options: IngestOptions, base: SourceMeta | None = None) -> Document:
    """Extract the article from HTML bytes; ``base`` (e.g. a feed entry) wins over the page's own metadata."""
    if b"\x00" in data:
        raise IngestError("binary content: NUL bytes")
    if not data.strip():
        raise IngestError("empty: no content")
    text, page = extract_html(data, url=base.url if base else None)
    meta = base.fill_from(page) if base else page
    return make_document(text, meta, options)


def extract_html(data: bytes, url: str | None = None) -> tuple[str, SourceMeta]:
    """Main text and metadata of an HTML page; raises IngestError when no text can be extracted."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    fields: dict[str, Any] = {}
    if extracted is not None:
        fields = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = _paragraphs(fields.get("text") or "")
    if not text:  # short pages and fragments the article extractor leaves empty
        text = html_to_text(decode_bytes(data))
        if sum(ch.isalpha() for ch in text) < _MIN_FALLBACK_LETTERS:
            text = ""
    if not text:
        raise IngestError("no article text found in HTML")
    meta = SourceMeta(
        title=clean(fields.get("title")),
        url=fields.get("url") or url,
        source=clean(fields.get("sitename")) or clean(fields.get("hostname")),
        author=clean(fields.get("author")),
        published=_published(data, fields.get("date")),
        language=_page_language(data, fields.get("language")),
    )
    return text, meta


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary): block elements become paragraphs."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return _paragraphs("".join(parser.parts))


class _TextParser(HTMLParser):
    """Collects text, skipping script/style, with a line break at every block element."""

    _SKIP = frozenset({"script", "style", "noscript", "template"})
    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
                         "article", "header", "footer", "pre", "ul", "ol", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _paragraphs(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _published(data: bytes, extracted: Any) -> datetime | None:
    """trafilatura's date (a day), made precise with the time of the page's publication meta tag when they agree."""
    day = parse_date(extracted)
    if day is None:
        return None
    for pattern in _META_PUBLISHED:
        m = pattern.search(data[:131072])
        if m:
            precise = parse_date(m.group(1).decode("utf-8", "replace"))
            if precise is not None and precise.date().isoformat() == str(extracted)[:10]:
                return precise
    return day


def _page_language(data: bytes, extracted: Any) -> str | None:
    found = normalise_language(extracted)
    if found:
        return found
    for pattern in (_HTML_LANG, _META_LANG):
        m = pattern.search(data[:65536])
        if m:
            found = normalise_language(m.group(1).decode("ascii", "replace"))
            if found:
                return found
    return None
