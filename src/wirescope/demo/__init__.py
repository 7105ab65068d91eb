"""The bundled demo corpus: short news articles written for wirescope (not copied from anywhere).

Thirteen Markdown files in ``corpus/`` with a small YAML front matter (title, published, source, author, story,
and ``translation_of: <file stem>`` for a faithful translation). Three real stories told in our own words: the
Putin–Kim summit at Vostochny (13 September 2023) in en, sv, ru, fr, de plus a lightly edited English reprint
(a near-duplicate); Finland joining NATO (4 April 2023) in en, de (a translation of the English article), nl,
sv, fr; and an unrelated story, the Women's World Cup final (20 August 2023), in nl and en.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from wirescope.model import Document

CORPUS_DIR = Path(__file__).parent / "corpus"
FRONT_MATTER_FENCE = "---"


@dataclass
class DemoArticle:
    origin: str  # "demo:<file name>"
    story: str
    document: Document


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``---\\n<yaml>\\n---\\n<body>`` into (metadata, body); no front matter gives ({}, text)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return {}, text
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER_FENCE:
            meta = yaml.safe_load("".join(lines[1:i])) or {}
            if not isinstance(meta, dict):
                return {}, text
            return meta, "".join(lines[i + 1 :])
    return {}, text


def parse_published(value: Any) -> datetime | None:
    """A front-matter date: a tz-aware datetime (a bare date is midnight UTC); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _article(path: Path) -> tuple[DemoArticle, str | None]:
    meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
    doc = Document(
        text=body.strip() + "\n",
        title=meta.get("title"),
        author=meta.get("author"),
        source=meta.get("source"),
        url=meta.get("url"),
        published=parse_published(meta.get("published")),
        language=meta.get("language"),
    )
    return DemoArticle(f"demo:{path.name}", str(meta.get("story", "")), doc), meta.get("translation_of")


def load_corpus(directory: Path = CORPUS_DIR) -> list[DemoArticle]:
    """The demo articles, oldest first (so a reprint comes after its original), with ``translation_of``
    resolved from a file stem to a document id."""
    loaded = [_article(p) for p in sorted(directory.glob("*.md"))]
    loaded.sort(key=lambda pair: (pair[0].document.published or datetime.max.replace(tzinfo=UTC), pair[0].origin))
    ids = {Path(a.origin.removeprefix("demo:")).stem: a.document.id for a, _ in loaded}
    for article, original in loaded:
        if original:
            article.document.translation_of = ids[original]
    return [article for article, _ in loaded]
