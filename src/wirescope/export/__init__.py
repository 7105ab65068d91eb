"""Exports of the store in the formats users already work with: ``wirescope export --format F [filters] OUT``.

Each format is a module with a writer ``(store, EventFilter, out) -> counts``; ``FORMATS`` is the registry. Filters
are the ones the REST API uses (``wirescope.store.filters``). ``csv`` and ``parquet`` write one file per table into
the OUT folder; every other format writes one file. All writers stream from the store (see ``rows.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wirescope.store import Store
from wirescope.store.filters import EventFilter

Writer = Callable[[Store, EventFilter, Path], dict[str, int]]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    folder: bool
    module: str
    function: str

    def writer(self) -> Writer:
        """Import the format's module on demand (pyarrow, networkx, followthemoney are optional extras)."""
        from importlib import import_module

        writer: Writer = getattr(import_module(f"wirescope.export.{self.module}"), self.function)
        return writer


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("plover-jsonl", "PLOVER 2.0 JSON records, one per line", False, "plover_jsonl", "write"),
        Format("csv", "one CSV file per table (events, documents, mentions, claims, entities)", True, "tables",
               "write_csv"),
        Format("parquet", "one Parquet file per table", True, "tables", "write_parquet"),
        Format("graphml", "actor graph (GraphML), edges weighted by events and intensity", False, "graph",
               "write_graphml"),
        Format("graph-json", "actor graph as node-link JSON for the web", False, "graph", "write_graph_json"),
        Format("ftm", "FollowTheMoney entities as JSON lines (Aleph, OpenSanctions)", False, "ftm", "write"),
        Format("acled-csv", "ACLED-style event CSV", False, "views", "write_acled"),
        Format("gdelt-csv", "GDELT 2.0-style event CSV", False, "views", "write_gdelt"),
    )
}


def export(store: Store, format_name: str, out: Path, f: EventFilter | None = None) -> dict[str, int]:
    """Write the store (the events matching ``f``) in ``format_name`` to ``out``; returns row counts."""
    fmt = FORMATS[format_name]
    if not fmt.folder:
        out.parent.mkdir(parents=True, exist_ok=True)
    return fmt.writer()(store, f or EventFilter(), out)


def story_members(store: Store, story_id: str) -> frozenset[str] | None:
    """The documents of a story, clustering the stored documents in publication order as the API does;
    None when there is no such story. Slow on large stores (it embeds every document)."""
    from sqlalchemy import select

    from wirescope.store import schema as t
    from wirescope.stories import StoryIndex

    d = t.documents
    query = (
        select(d.c.id)
        .where(d.c.duplicate_of.is_(None))
        .order_by(d.c.published_utc.is_(None), d.c.published_utc, d.c.stored_at, d.c.id)
    )
    with store.engine.connect() as conn:
        ids = [r.id for r in conn.execute(query)]
    index = StoryIndex()
    for doc_id in ids:
        doc = store.load_document(doc_id)
        if doc is not None:
            index.assign(doc)
    story = index.stories.get(story_id)
    return frozenset(story.members) if story is not None else None
