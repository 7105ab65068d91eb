"""Story summaries (label, languages, sources, first and last seen) and story details, for the CLI and the API."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wirescope.stories.index import Story, StoryIndex

ACTOR_TYPES_FIRST = ("PERSON", "COUNTRY", "ORGANIZATION")


@dataclass
class StorySummary:
    id: str
    label: str
    actors: list[str]
    main_event: str | None
    first_seen: date | None
    last_seen: date | None
    languages: dict[str, int]
    documents: int
    sources: int  # distinct sources (publication names, or documents when unnamed)
    originals: int  # documents that are not translations or reprints
    headline: str
    related: list[tuple[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "actors": self.actors,
            "main_event": self.main_event,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "languages": self.languages,
            "documents": self.documents,
            "sources": self.sources,
            "originals": self.originals,
            "headline": self.headline,
            "related": [{"id": s, "overlap": o} for s, o in self.related],
        }


@dataclass
class StoryMember:
    doc_id: str
    language: str
    published: date | None
    title: str
    source: str | None
    copy_of: str | None
    copy_kind: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.doc_id,
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "source": self.source,
            "copy_of": self.copy_of,
            "copy_kind": self.copy_kind,
        }


@dataclass
class StoryDetail:
    summary: StorySummary
    members: list[StoryMember]

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary.to_dict(), "members": [m.to_dict() for m in self.members]}


def _actor_names(index: StoryIndex, story: Story) -> list[str]:
    labels: dict[str, tuple[str, str]] = {}
    for doc_id in story.members:
        for key, label in index.docs[doc_id].features.entity_labels.items():
            labels.setdefault(key, label)
    main = index.main_actors(story)
    ranked = sorted(main, key=lambda k: (labels.get(k, ("", "OTHER"))[1] not in ACTOR_TYPES_FIRST, -main[k], k))
    return [labels[k][0] if k in labels else k.split(":", 1)[-1] for k in ranked[:3]]


def _main_event(index: StoryIndex, story: Story) -> str | None:
    counts: Counter[str] = Counter()
    for doc_id in story.members:
        record = index.docs[doc_id]
        if record.copy_of is None:
            counts.update(record.features.event_categories)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def _headline(index: StoryIndex, story: Story) -> str:
    originals = [index.docs[d] for d in story.members if index.docs[d].copy_of is None] or [
        index.docs[d] for d in story.members
    ]
    english = [r for r in originals if r.features.language == "en"]
    return (english or originals)[0].features.title


def summarise(index: StoryIndex, story_id: str, with_related: bool = True) -> StorySummary:
    story = index.stories[story_id]
    records = [index.docs[d] for d in story.members]
    first = date.fromordinal(story.first) if story.first is not None else None
    last = date.fromordinal(story.last) if story.last is not None else None
    actors = _actor_names(index, story)
    event = _main_event(index, story)
    span = "" if first is None else f" ({first.isoformat()}" + ("" if last == first else f" – {last}") + ")"
    headline = _headline(index, story)
    label = " – ".join(actors) if actors else headline
    if event:
        label += f": {event}"
    return StorySummary(
        id=story.id,
        label=label + span,
        actors=actors,
        main_event=event,
        first_seen=first,
        last_seen=last,
        languages=dict(sorted(story.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
        documents=len(records),
        sources=len({r.features.source or r.features.doc_id for r in records}),
        originals=sum(1 for r in records if r.copy_of is None),
        headline=headline,
        related=index.related(story.id) if with_related else [],
    )


def list_stories(index: StoryIndex, limit: int | None = None) -> list[StorySummary]:
    """Stories, most recently seen first (then largest); related links are left to ``get_story``."""
    stories = sorted(index.stories.values(), key=lambda s: (-(s.last or 0), -len(s.members), s.slot))
    return [summarise(index, s.id, with_related=False) for s in stories[:limit]]


def get_story(index: StoryIndex, story_id: str) -> StoryDetail | None:
    if story_id not in index.stories:
        return None
    story = index.stories[story_id]
    members = []
    for doc_id in story.members:
        f = index.docs[doc_id].features
        record = index.docs[doc_id]
        published = date.fromordinal(f.day) if f.day is not None else None
        members.append(StoryMember(doc_id, f.language, published, f.title, f.source, record.copy_of, record.copy_kind))
    return StoryDetail(summarise(index, story_id), members)
