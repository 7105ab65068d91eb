"""Cross-document clustering of entities that are not in the knowledge base (NIL entities).

Three mechanisms:

- ``nil_id``: a deterministic id from a canonical key (entity type + transliteration-normalised, order-invariant
  name key), so that "Artjom Loekin" in a Dutch article and "Artyom Lukin" in an English one get the same id
  without any shared state;
- ``NilResolver``: given the NIL entities already known, attaches a new name to the best matching one when the
  fuzzy name score passes a threshold and the context agrees (same type, no conflicting country; a shared role
  helps), and otherwise mints a new id with ``nil_id``;
- ``cluster_document``: the store's entry point. Each NIL entity of a new document is compared only with the
  stored NIL entities that share a *blocking key* with one of its names (``block_keys``: a token's phonetic
  skeleton with another token's initial, or the joined name), which the store keeps in an indexed table, so
  that the cost per document does not grow with the number of stored entities.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from wirescope.model import Document, Entity
from wirescope.nlp.names import MATCH_THRESHOLD, latin_tokens, name_key, name_similarity, skeleton

#: a shared role adds this much to the name score (the same surname as the same country's ambassador)
ROLE_BONUS = 0.03
#: names longer than this (in tokens) are blocked on their first tokens only
_MAX_BLOCK_TOKENS = 5


def nil_key(name: str, etype: str, lang: str | None = None) -> str:
    """The canonical key of a NIL entity: its type and its order-invariant phonetic name key."""
    return f"{etype}|{name_key(name, lang)}"


def nil_id(name: str, etype: str, lang: str | None = None) -> str:
    """Stable id of a NIL entity, e.g. ``nil:person:3f9a1c0b2d4e``."""
    digest = hashlib.sha1(nil_key(name, etype, lang).encode("utf-8")).hexdigest()[:12]
    return f"nil:{etype.lower()}:{digest}"


def _readings(lang: str | None) -> tuple[str | None, ...]:
    """A name in a Latin-script text may follow the language's transliteration conventions (Dutch "Iljitsjev")
    or be written as in its source romanisation (Korean "Chol" in a Dutch text): both readings are tried."""
    return (lang, None) if lang else (None,)


def block_keys(name: str, lang: str | None = None) -> set[str]:
    """Blocking keys of a name: two spellings of one name share at least one.

    The phonetic skeleton of each token (words of two letters or more) and the skeleton of the joined name ("Sin
    Hong Chol" and "Sin Hongchol"), under each reading of the name. Keys shared by very many stored names (a
    frequent given name) are skipped by the store's lookup, so every name keeps its rarer keys.
    """
    keys: set[str] = set()
    for reading in _readings(lang):
        tokens = [skeleton(t) for t in latin_tokens(name, reading)][:_MAX_BLOCK_TOKENS]
        if tokens:
            keys.add(f"={''.join(tokens)}")
            keys.update(t for t in tokens if len(t) >= 2)
    return keys


def nil_similarity(a: str, lang_a: str | None, b: str, lang_b: str | None) -> float:
    """``name_similarity`` under the best pair of readings of the two names."""
    return max(name_similarity(a, b, ra, rb) for ra in _readings(lang_a) for rb in _readings(lang_b))


@dataclass
class NilEntity:
    id: str
    type: str
    name: str
    lang: str | None = None
    country: str | None = None
    role: str | None = None
    names: list[tuple[str, str | None]] = field(default_factory=list)  # every (name, lang) attached


@dataclass
class NilResolver:
    """Attaches names to known NIL entities, or creates new ones. Deterministic for a given insertion order."""

    threshold: float = MATCH_THRESHOLD
    entities: dict[str, NilEntity] = field(default_factory=dict)
    _by_key: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity: NilEntity) -> None:
        if not entity.names:
            entity.names.append((entity.name, entity.lang))
        self.entities[entity.id] = entity
        for name, lang in entity.names:
            self._index(entity.id, name, lang)

    def _index(self, entity_id: str, name: str, lang: str | None) -> None:
        for key in block_keys(name, lang):
            self._by_key.setdefault(key, set()).add(entity_id)

    def _candidates(self, name: str, lang: str | None) -> set[str]:
        found: set[str] = set()
        for key in block_keys(name, lang):
            found |= self._by_key.get(key, set())
        return found

    def best_match(
        self, name: str, etype: str, lang: str | None = None, country: str | None = None, role: str | None = None
    ) -> tuple[NilEntity | None, float]:
        """The known NIL entity most similar to ``name`` under the context, with its score."""
        best: NilEntity | None = None
        best_score = 0.0
        for entity_id in sorted(self._candidates(name, lang)):
            entity = self.entities[entity_id]
            if entity.type != etype or (country and entity.country and country != entity.country):
                continue
            score = max(nil_similarity(name, lang, n, nl) for n, nl in entity.names)
            if role and entity.role == role:
                score += ROLE_BONUS
            if score > best_score:
                best, best_score = entity, score
        return best, best_score

    def resolve(
        self, name: str, etype: str, lang: str | None = None, country: str | None = None, role: str | None = None
    ) -> str:
        """Id for ``name``: the best known match above the threshold, otherwise a new deterministic NIL id."""
        match, score = self.best_match(name, etype, lang, country, role)
        if match is not None and score >= self.threshold:
            self._attach(match, name, lang, country, role)
            return match.id
        new_id = nil_id(name, etype, lang)
        known = self.entities.get(new_id)
        if known is not None and country and known.country and known.country != country:
            new_id = nil_id(f"{name} {country}", etype, lang)  # a namesake in another country
        if new_id in self.entities:
            self._attach(self.entities[new_id], name, lang, country, role)
        else:
            self.add(NilEntity(id=new_id, type=etype, name=name, lang=lang, country=country, role=role))
        return new_id

    def _attach(self, entity: NilEntity, name: str, lang: str | None, country: str | None, role: str | None) -> None:
        if (name, lang) not in entity.names:
            entity.names.append((name, lang))
            self._index(entity.id, name, lang)
        entity.country = entity.country or country
        entity.role = entity.role or role


# --------------------------------------------------------------------------------------------- documents

#: looks up the stored NIL entities sharing one of the given blocking keys
CandidateLookup = Callable[[set[str]], Iterable[NilEntity]]


def is_nil(entity_id: str | None) -> bool:
    return bool(entity_id) and str(entity_id).startswith("nil:")


def entity_names(doc: Document, entity: Entity) -> list[tuple[str, str | None]]:
    """The (name, language) pairs an entity is known by in a document: its canonical name and its multi-word
    mentions, each in the language of its sentence (single words are surnames, too weak to cluster on)."""
    languages = {s.index: s.language for s in doc.sentences}
    first = entity.mentions[0].sentence if entity.mentions else None
    out = [(entity.name, languages.get(first, doc.language) if first is not None else doc.language)]
    for m in entity.mentions:
        if len(m.text.split()) >= 2:
            out.append((m.text, languages.get(m.sentence) or doc.language))
    return list(dict.fromkeys(out))


def cluster_document(doc: Document, lookup: CandidateLookup) -> dict[str, NilEntity]:
    """The known NIL entity each of the document's NIL entities belongs to, for those that match one (``lookup``
    gives the stored candidates by blocking key). A namesake of a known entity from another country gets a new
    entity of its own. Entities absent from the result keep their id."""
    nil = [e for e in doc.entities if is_nil(e.id)]
    if not nil:
        return {}
    names = {e.id: entity_names(doc, e) for e in nil}
    keys = {k for pairs in names.values() for n, lang in pairs for k in block_keys(n, lang)}
    resolver = NilResolver()
    for known in lookup(keys):
        resolver.add(known)
    found: dict[str, NilEntity] = {}
    for ent in nil:
        own = resolver.entities.get(ent.id)
        namesake = own is not None and bool(ent.country and own.country and ent.country != own.country)
        if own is not None and not namesake:
            continue  # the same name was stored before: the deterministic id already is the cluster's id
        votes: dict[str, int] = {}
        for name, lang in names[ent.id]:
            match, score = resolver.best_match(name, ent.type, lang, ent.country, ent.role)
            if match is not None and score >= resolver.threshold:
                votes[match.id] = votes.get(match.id, 0) + 1
        if votes:
            found[ent.id] = resolver.entities[max(sorted(votes), key=lambda k: votes[k])]
        elif namesake:
            lang = names[ent.id][0][1]
            found[ent.id] = NilEntity(nil_id(f"{ent.name} {ent.country}", ent.type, lang), ent.type, ent.name, lang)
    return found


def resolve_document(doc: Document, lookup: CandidateLookup) -> None:
    """Give the document's NIL entities the ids (and canonical names) of the known entities they match."""
    found = cluster_document(doc, lookup)
    for ent in doc.entities:
        if ent.id in found:
            ent.name = found[ent.id].name
    apply_entity_ids(doc, {old: known.id for old, known in found.items()})


def apply_entity_ids(doc: Document, mapping: dict[str, str]) -> None:
    """Rename entities (merging two that now share an id) and every reference to them in events and claims."""
    if not mapping:
        return
    merged: dict[str, Entity] = {}
    for ent in doc.entities:
        ent.id = mapping.get(ent.id, ent.id)
        first = merged.get(ent.id)
        if first is None:
            merged[ent.id] = ent
            continue
        first.mentions = sorted([*first.mentions, *ent.mentions], key=lambda m: m.start)
        first.aliases = sorted({*first.aliases, *ent.aliases})
        first.country = first.country or ent.country
        first.role = first.role or ent.role
        first.sector = first.sector or ent.sector
    doc.entities = list(merged.values())
    for event in doc.events:
        for ref in [*event.actor, *event.recipient]:
            if ref.entity_id in mapping:
                ref.entity_id = mapping[ref.entity_id]
        if event.event_loc and event.event_loc.get("entity_id") in mapping:
            event.event_loc["entity_id"] = mapping[event.event_loc["entity_id"]]
    for claim in doc.claims:
        if claim.speaker.entity_id in mapping:
            claim.speaker.entity_id = mapping[claim.speaker.entity_id]
