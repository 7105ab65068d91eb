"""RSS/Atom feeds (feedparser): one document per entry.

Each entry's link is fetched (with the same address checks and limits as any URL) and its article extracted;
when the link is missing, unreachable or yields no text, the entry's own content or summary is the text. The
entry's metadata (title, date, author; the feed's title as source and its language) wins over the linked
page's. A feed that does not parse is an error item; when feedparser recovers some entries from a broken
feed, those are read and the breakage is reported as an error item too.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from wirescope.ingest.base import IngestError, IngestItem, IngestOptions
from wirescope.ingest.meta import SourceMeta, clean, make_document, normalise_language, parse_date
from wirescope.ingest.web import Fetched, fetch, page_document
from wirescope.model import Document


def read_feed(fetched: Fetched, origin: str, options: IngestOptions) -> Iterator[IngestItem]:
    import feedparser

    parsed = feedparser.parse(fetched.body)
    entries = list(parsed.entries)[: options.max_feed_entries]
    if parsed.bozo:
        reason = str(parsed.get("bozo_exception", "")).strip() or "not a valid RSS/Atom document"
        yield IngestItem(origin, error=f"broken feed: {reason}" + (f" ({len(entries)} entries recovered)"
                                                                   if entries else ""))
        if not entries:
            return
    elif not entries:
        yield IngestItem(origin, error="feed has no entries")
        return
    feed = parsed.feed
    feed_meta = SourceMeta(source=clean(feed.get("title")), language=normalise_language(feed.get("language")))
    for number, entry in enumerate(entries, start=1):
        link = _http_link(entry)
        item_origin = link or f"{origin}#entry-{number}"
        try:
            yield IngestItem(item_origin, document=entry_document(entry, feed_meta, options))
        except IngestError as exc:
            yield IngestItem(item_origin, error=str(exc))


def entry_document(entry: Any, feed_meta: SourceMeta, options: IngestOptions) -> Document:
    meta = SourceMeta(
        title=clean(entry.get("title")),
        url=_http_link(entry),
        author=clean(entry.get("author")),
        published=_entry_date(entry),
    ).fill_from(feed_meta)
    link_error = "entry has no link"
    if meta.url:
        try:
            return page_document(fetch(meta.url, options), options, base=meta)
        except IngestError as exc:
            link_error = str(exc)
    text = _entry_text(entry)
    if not text:
        raise IngestError(f"{link_error}; the entry has no content or summary either")
    return make_document(text, meta, options)


def _http_link(entry: Any) -> str | None:
    """The entry's link when it is a web address (feedparser falls back to ids such as ``urn:uuid:...``)."""
    link = entry.get("link")
    return link if isinstance(link, str) and link.lower().startswith(("http://", "https://")) else None


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:  # feedparser normalises to UTC
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return parse_date(entry.get("published") or entry.get("updated"))


def _entry_text(entry: Any) -> str:
    from wirescope.ingest.html import html_to_text

    for content in entry.get("content") or []:
        text = html_to_text(content.get("value", ""))
        if text:
            return text
    return html_to_text(entry.get("summary", "") or "")
