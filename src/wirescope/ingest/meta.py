"""Metadata of a source and how it becomes a Document: precedence, dates and language codes.

Precedence: explicit options (``--lang``, ``--published``, ``--source``) > what the source says (front matter,
HTML meta tags, feed entry, JSON fields) > unknown. A publication date that cannot be read stays None; a
naive date or time from metadata is taken to be UTC (sources rarely say, and a stable rule beats a guess
from the server's time zone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from wirescope.ingest.base import IngestError, IngestOptions
from wirescope.lang import SUPPORTED_LANGUAGES
from wirescope.model import Document, utcnow

_LANG_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")


@dataclass
class SourceMeta:
    """What a source says about a document; every field may be unknown."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    fetched_at: datetime | None = None

    def fill_from(self, other: SourceMeta) -> SourceMeta:
        """This metadata, with gaps filled from ``other`` (which is less authoritative)."""
        merged = replace(self)
        for name in ("title", "url", "source", "author", "published", "language", "fetched_at"):
            if getattr(merged, name) is None:
                setattr(merged, name, getattr(other, name))
        return merged


def make_document(text: str, meta: SourceMeta, options: IngestOptions) -> Document:
    """A Document with explicit options applied over the source metadata; raises IngestError on empty text."""
    text = normalise_text(text)
    if not text.strip():
        raise IngestError("empty: no text")
    return Document(
        text=text,
        url=meta.url,
        source=options.source or meta.source,
        title=clean(meta.title),
        author=clean(meta.author),
        published=_aware(options.published) if options.published is not None else meta.published,
        language=(normalise_language(options.lang) or options.lang.lower()) if options.lang else meta.language,
        fetched_at=meta.fetched_at or utcnow(),
    )


def normalise_text(text: str) -> str:
    """Unix newlines, no BOM, no whitespace around the text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()


def clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def normalise_language(value: Any) -> str | None:
    """``sv``, ``sv-SE``, ``SV`` -> ``sv``; None for anything that is not a supported language."""
    if not isinstance(value, str):
        return None
    m = _LANG_CODE.match(value.strip())
    code = m.group(1).lower() if m else None
    return code if code in SUPPORTED_LANGUAGES else None


def parse_date(value: Any) -> datetime | None:
    """A tz-aware datetime from metadata (ISO 8601, RFC 2822, date objects, full written dates); else None.

    Naive values are taken as UTC. Partial dates (a month, a year) are not turned into days: they stay None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    text = str(value).strip()
    for parse in (_from_iso, _from_rfc2822, _from_written):
        parsed = parse(text)
        if parsed is not None:
            return _aware(parsed)
    return None


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _from_iso(text: str) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _from_rfc2822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _from_written(text: str) -> datetime | None:
    """Written dates in any language ("14 September 2023", "14. September 2023"), only when day, month and
    year are all given (dateparser's strict mode), so nothing is filled in."""
    if len(text) > 64 or not re.search(r"\d{4}", text):
        return None
    import dateparser

    return dateparser.parse(text, settings={"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False})
