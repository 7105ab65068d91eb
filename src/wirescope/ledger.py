"""The claims ledger: the same proposition across documents and languages, with who asserts it, who denies it,
when and in which sources.

A pure library over ``(document id, Claim, entities of that document)`` triples, so that the store, the API and
the CLI can call it on whatever set of documents they hold:

    items = [(doc.id, claim, doc.entities) for doc in docs for claim in doc.claims]
    links = link_denials(items)          # {denial claim id: [claim ids it denies]} across documents
    ledger = build_ledger(items)         # [Proposition], largest first; Proposition.to_dict() for JSON

Two claims state the same proposition when their contents are close in the cross-lingual embedding space
(multilingual-e5, no translation) and share an entity, or are very close. A denial is attached to the claim it
denies: the claim its own document links it to (``Claim.denies``), else the best claim of another document that
shares entities with it and is close enough (a denial is often short, "another fake", so the bar is lower and
entities weigh in).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from wirescope.model import Claim, Entity, Speaker

#: cosine similarity above which two claims sharing an entity state the same proposition
SAME = 0.89
#: cosine similarity above which two claims state the same proposition without a shared entity
SAME_WITHOUT_ENTITY = 0.94
#: cosine similarity above which a denial sharing entities with a claim of another document denies it
DENIES = 0.80
ASSERTING = ("assert", "hedged", "speculate")

LedgerItem = tuple[str, Claim, Sequence[Entity]]


@dataclass
class Entry:
    """One claim of one document, as listed in the ledger."""

    doc_id: str
    claim_id: str
    speaker: Speaker
    stance: str
    quote: str
    text: str
    date: str | None
    language: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "claim_id": self.claim_id,
            "speaker": self.speaker.to_dict(),
            "stance": self.stance,
            "quote": self.quote,
            "text": self.text,
            "date": self.date,
            "language": self.language,
        }


@dataclass
class Proposition:
    """A proposition and every claim about it."""

    id: str
    text: str
    entities: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    @property
    def asserted_by(self) -> list[Entry]:
        return [e for e in self.entries if e.stance in ASSERTING]

    @property
    def denied_by(self) -> list[Entry]:
        return [e for e in self.entries if e.stance == "deny"]

    @property
    def sources(self) -> list[str]:
        return sorted({e.doc_id for e in self.entries})

    @property
    def first_date(self) -> str | None:
        dates = sorted(e.date for e in self.entries if e.date)
        return dates[0] if dates else None

    @property
    def last_date(self) -> str | None:
        dates = sorted(e.date for e in self.entries if e.date)
        return dates[-1] if dates else None

    @property
    def contested(self) -> bool:
        return bool(self.asserted_by) and bool(self.denied_by)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "entities": self.entities,
            "asserted_by": [e.to_dict() for e in self.asserted_by],
            "denied_by": [e.to_dict() for e in self.denied_by],
            "other": [e.to_dict() for e in self.entries if e.stance not in ASSERTING and e.stance != "deny"],
            "sources": self.sources,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "contested": self.contested,
        }


def claim_entities(claim: Claim, entities: Iterable[Entity]) -> set[str]:
    """Ids of the entities mentioned inside the claim's content, plus its speaker's entity and country."""
    found = {e.id for e in entities for m in e.mentions if claim.start <= m.start and m.end <= claim.end}
    found |= {e.country for e in entities if e.id in found and e.country}
    if claim.speaker.entity_id:
        found.add(claim.speaker.entity_id)
    if claim.speaker.country:
        found.add(claim.speaker.country)
    return found


def _content_entities(claim: Claim, entities: Iterable[Entity]) -> set[str]:
    """Entities of the content only, normalised to countries where known (comparable across documents)."""
    ids = set()
    for e in entities:
        if any(claim.start <= m.start and m.end <= claim.end for m in e.mentions):
            ids.add(e.id)
            if e.country:
                ids.add(e.country)
    return ids


def _embed(texts: Sequence[str]) -> NDArray[np.float32]:
    from wirescope.nlp.embed import embed_passages

    return embed_passages(texts)


@dataclass
class _Prepared:
    items: list[LedgerItem]
    vectors: NDArray[np.float32]
    entities: list[set[str]]
    index: dict[str, int]


def _prepare(items: Sequence[LedgerItem]) -> _Prepared:
    listed = list(items)
    vectors = _embed([claim.text for _, claim, _ in listed])
    ents = [claim_entities(claim, doc_ents) for _, claim, doc_ents in listed]
    return _Prepared(listed, vectors, ents, {claim.id: i for i, (_, claim, _) in enumerate(listed)})


def _shared(prep: _Prepared, i: int, j: int) -> int:
    """Shared entities of two claims, the speakers' own identity left out (two speakers saying the same)."""
    si, sj = prep.items[i][1].speaker, prep.items[j][1].speaker
    own = {x for x in (si.entity_id, si.country, sj.entity_id, sj.country) if x}
    return len((prep.entities[i] & prep.entities[j]) - own)


def _denial_targets(prep: _Prepared) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for i, (doc_id, claim, _) in enumerate(prep.items):
        if claim.stance != "deny":
            continue
        targets = [t for t in claim.denies if t in prep.index]
        best: tuple[float, str] | None = None
        for j, (other_doc, other, _) in enumerate(prep.items):
            if other_doc == doc_id or other.stance not in ASSERTING:
                continue
            sim = float(prep.vectors[i] @ prep.vectors[j])
            shared = len(prep.entities[i] & prep.entities[j])
            score = sim + 0.02 * shared
            if shared and sim >= DENIES and (best is None or score > best[0]):
                best = (score, other.id)
        if best is not None and best[1] not in targets:
            targets.append(best[1])
        if targets:
            links[claim.id] = targets
    return links


def link_denials(items: Sequence[LedgerItem]) -> dict[str, list[str]]:
    """Denial claim id -> ids of the claims it denies, within its document (``Claim.denies``) and across
    documents and languages (shared entities and embedding similarity)."""
    return _denial_targets(_prepare(items)) if items else {}


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def build_ledger(items: Sequence[LedgerItem]) -> list[Proposition]:
    """Group claims by proposition: asserting claims by similarity, denials with the claims they deny."""
    if not items:
        return []
    prep = _prepare(items)
    n = len(prep.items)
    uf = _UnionFind(n)
    sims = prep.vectors @ prep.vectors.T
    asserting = [i for i, (_, c, _) in enumerate(prep.items) if c.stance != "deny"]
    for a, i in enumerate(asserting):
        for j in asserting[a + 1 :]:
            sim = float(sims[i, j])
            if sim >= SAME_WITHOUT_ENTITY or sim >= SAME and _shared(prep, i, j) > 0:
                uf.union(i, j)
    for denial, targets in _denial_targets(prep).items():
        for t in targets:
            uf.union(prep.index[denial], prep.index[t])
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    props = [_proposition(prep, members) for members in groups.values()]
    props.sort(key=lambda p: (-len(p.entries), p.id))
    return props


def _proposition(prep: _Prepared, members: list[int]) -> Proposition:
    claims = [prep.items[i][1] for i in members]
    head = next((c for c in claims if c.stance in ASSERTING), claims[0])
    asserting = [i for i in members if prep.items[i][1].stance in ASSERTING] or members
    entities = sorted(set().union(*(_content_entities(prep.items[i][1], prep.items[i][2]) for i in asserting)))
    entries = [
        Entry(doc_id, c.id, c.speaker, c.stance, c.quote, c.text, c.date, c.language)
        for doc_id, c, _ in (prep.items[i] for i in members)
    ]
    return Proposition(id=f"p:{head.id}", text=head.text, entities=entities, entries=entries)
