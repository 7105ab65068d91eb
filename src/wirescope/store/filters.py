"""Event filters shared by the REST API and ``wirescope export``: one dataclass, one way to apply it.

The indexed columns (category, document language, date) and story membership filter in SQL; the actor and
recipient filters match items of the event JSON (a PLOVER code such as ``RUS``, an entity id, or the actor's text,
case-insensitively), which SQL cannot do portably, so they run in Python on each streamed row
(:func:`matches_refs`). A story is a set of document ids that the caller resolves (the story index lives in memory,
not in the store) and passes as ``document_ids``.

An event's date is its own date, else its document's publication day (as in the PLOVER records).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func

from wirescope.store import schema as t


@dataclass(frozen=True)
class EventFilter:
    """Filters over events; every field is optional and all given ones must hold.

    ``date_from``/``date_to`` are ISO dates or prefixes (``2023``, ``2023-09``); ``date_to`` includes the whole
    period it names. ``story`` is the story id asked for; ``document_ids`` its members once resolved.
    """

    actor: str | None = None
    recipient: str | None = None
    category: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    language: str | None = None
    story: str | None = None
    document_ids: frozenset[str] | None = None

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.actor, self.recipient, self.category, self.date_from, self.date_to, self.language, self.story)
        ) and self.document_ids is None

    @property
    def needs_python(self) -> bool:
        """Whether rows must also pass :func:`matches_refs` after the SQL filter."""
        return bool(self.actor or self.recipient)


def event_date() -> ColumnElement[Any]:
    """The date an event is filtered and sorted by: its own, else its document's publication day."""
    return func.coalesce(t.events.c.date, func.substr(t.documents.c.published, 1, 10))


def apply_event_filter(query: Select[Any], f: EventFilter) -> Select[Any]:
    """Add the SQL part of ``f`` to a select that joins ``events`` with ``documents``.

    Raises ValueError for a story filter whose members were not resolved into ``document_ids``.
    """
    if f.story and f.document_ids is None:
        raise ValueError(f"story {f.story!r}: resolve its member documents into EventFilter.document_ids first")
    date = event_date()
    if f.category:
        query = query.where(t.events.c.category == f.category.upper())
    if f.language:
        query = query.where(t.documents.c.language == f.language)
    if f.date_from:
        query = query.where(date >= f.date_from)
    if f.date_to:
        query = query.where(func.substr(date, 1, len(f.date_to)) <= f.date_to)
    if f.document_ids is not None:
        query = query.where(t.events.c.document_id.in_(sorted(f.document_ids)))
    return query


def refs_match(refs: Sequence[Mapping[str, Any]], wanted: str) -> bool:
    """An actor filter matches a PLOVER code (RUS), an entity id, or (case-insensitively) the actor's text."""
    folded = wanted.casefold()
    for ref in refs:
        if wanted in (ref.get("code"), ref.get("entity_id")):
            return True
        if folded == str(ref.get("entity_text") or "").casefold():
            return True
    return False


def matches_refs(data: Mapping[str, Any], f: EventFilter) -> bool:
    """The actor/recipient part of ``f`` on an event's JSON (``events.data``)."""
    if f.actor and not refs_match(data.get("actor", []), f.actor):
        return False
    return not (f.recipient and not refs_match(data.get("recipient", []), f.recipient))
