"""The bundled demo corpus: short news articles written for wirescope (not copied from anywhere).

Thirteen Markdown files in ``corpus/`` with a small YAML front matter (title, published, source, author, story,
and ``translation_of: <file stem>`` for a faithful translation), read by the ingestion readers. Three real
stories told in our own words: the Putin–Kim summit at Vostochny (13 September 2023) in en, sv, ru, fr, de plus
a lightly edited English reprint (a near-duplicate); Finland joining NATO (4 April 2023) in en, de (a translation
of the English article), nl, sv, fr; and an unrelated story, the Women's World Cup final (20 August 2023), in nl
and en.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from wirescope.ingest import IngestItem, read_inputs

CORPUS_DIR = Path(__file__).parent / "corpus"
FRONT_MATTER_FENCE = "---"


@dataclass
class DemoArticle:
    story: str
    item: IngestItem  # origin "demo:<file name>"; the document as `wirescope ingest` reads the file


def front_matter(text: str) -> dict[str, Any]:
    """The YAML between the opening ``---`` line and the next one ({} when there is none)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER_FENCE:
            meta = yaml.safe_load("\n".join(lines[1:i]))
            return meta if isinstance(meta, dict) else {}
    return {}


def load_corpus(directory: Path = CORPUS_DIR) -> list[DemoArticle]:
    """The demo articles read by the ingestion readers (front matter included), oldest first so that a reprint
    comes after its original, with ``translation_of`` resolved from a file stem to the original's document id."""
    articles: list[DemoArticle] = []
    originals: dict[str, str] = {}
    ids: dict[str, str] = {}
    for path in sorted(directory.glob("*.md")):
        meta = front_matter(path.read_text(encoding="utf-8"))
        for item in read_inputs([str(path)]):
            item.origin = f"demo:{path.name}"
            articles.append(DemoArticle(str(meta.get("story", "")), item))
            if item.document is not None:
                ids[path.stem] = item.document.id
                if meta.get("translation_of"):
                    originals[item.document.id] = str(meta["translation_of"])
    for article in articles:
        doc = article.item.document
        if doc is not None and doc.id in originals:
            doc.translation_of = ids.get(originals[doc.id])
    latest = datetime.max.replace(tzinfo=UTC)
    articles.sort(key=lambda a: (a.item.document.published or latest if a.item.document else latest, a.item.origin))
    return articles
