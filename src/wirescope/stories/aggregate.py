"""Aggregates over a story that count each event and claim once, however many translations and reprints carry it.

Copies (``translation_of`` / ``duplicate_of``) are grouped with their original; within a group an event counts once
per signature (category, actors, recipients, date) and a claim once per speaker and stance. Every document stays
listed as a source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from wirescope.model import Claim, Document, Event
from wirescope.stories.features import event_signature


@dataclass
class Aggregate:
    events: list[tuple[str, Event]] = field(default_factory=list)  # (document id, event), each counted once
    claims: list[tuple[str, Claim]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # every document id, copies included
    groups: dict[str, list[str]] = field(default_factory=dict)  # original id -> its copies' ids


def original_of(doc: Document) -> str:
    return doc.translation_of or doc.duplicate_of or doc.id


def _claim_key(claim: Claim) -> tuple[str, str]:
    speaker = claim.speaker.entity_id or (claim.speaker.name or claim.speaker.text).casefold()
    return speaker, claim.stance


def aggregate(docs: Iterable[Document]) -> Aggregate:
    """Originals first (then copies), so that kept records come from the original when it is present."""
    ordered = sorted(docs, key=lambda d: (original_of(d) != d.id, d.id))
    result = Aggregate()
    seen_events: set[tuple[str, str]] = set()
    seen_claims: set[tuple[str, tuple[str, str]]] = set()
    for doc in ordered:
        group = original_of(doc)
        result.sources.append(doc.id)
        if group != doc.id:
            result.groups.setdefault(group, []).append(doc.id)
        for event in doc.events:
            key = (group, event_signature(event))
            if key not in seen_events:
                seen_events.add(key)
                result.events.append((doc.id, event))
        for claim in doc.claims:
            ckey = (group, _claim_key(claim))
            if ckey not in seen_claims:
                seen_claims.add(ckey)
                result.claims.append((doc.id, claim))
    return result
