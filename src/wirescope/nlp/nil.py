"""Cross-document clustering of entities that are not in the knowledge base (NIL entities).

Two mechanisms:

- ``nil_id``: a deterministic id from a canonical key (entity type + transliteration-normalised, order-invariant
  name key), so that "Artjom Loekin" in a Dutch article and "Artyom Lukin" in an English one get the same id
  without any shared state;
- ``NilResolver``: given the NIL entities already known (e.g. loaded from the store), attaches a new name to the
  best matching one when the fuzzy name score passes a threshold and the context (type, country) agrees, and
  otherwise mints a new id with ``nil_id``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from wirescope.nlp.names import MATCH_THRESHOLD, NameContext, latin_tokens, name_key, name_similarity


def nil_key(name: str, etype: str, lang: str | None = None) -> str:
    """The canonical key of a NIL entity: its type and its order-invariant phonetic name key."""
    return f"{etype}|{name_key(name, lang)}"


def nil_id(name: str, etype: str, lang: str | None = None) -> str:
    """Stable id of a NIL entity, e.g. ``nil:person:3f9a1c0b2d4e``."""
    digest = hashlib.sha1(nil_key(name, etype, lang).encode("utf-8")).hexdigest()[:12]
    return f"nil:{etype.lower()}:{digest}"


@dataclass
class NilEntity:
    id: str
    type: str
    name: str
    lang: str | None = None
    country: str | None = None
    names: list[tuple[str, str | None]] = field(default_factory=list)  # every (name, lang) attached


@dataclass
class NilResolver:
    """Attaches names to known NIL entities, or creates new ones. Deterministic for a given insertion order."""

    threshold: float = MATCH_THRESHOLD
    entities: dict[str, NilEntity] = field(default_factory=dict)
    _by_token: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity: NilEntity) -> None:
        if not entity.names:
            entity.names.append((entity.name, entity.lang))
        self.entities[entity.id] = entity
        for name, lang in entity.names:
            self._index(entity.id, name, lang)

    def _index(self, entity_id: str, name: str, lang: str | None) -> None:
        for token in latin_tokens(name, lang):
            self._by_token.setdefault(token[:3], set()).add(entity_id)

    def _candidates(self, name: str, lang: str | None) -> set[str]:
        found: set[str] = set()
        for token in latin_tokens(name, lang):
            found |= self._by_token.get(token[:3], set())
        return found

    def best_match(
        self, name: str, etype: str, lang: str | None = None, country: str | None = None
    ) -> tuple[NilEntity | None, float]:
        """The known NIL entity most similar to ``name`` under the context, with its score."""
        best: NilEntity | None = None
        best_score = 0.0
        ctx = NameContext(country=country, type=etype)
        for entity_id in sorted(self._candidates(name, lang)):
            entity = self.entities[entity_id]
            other = NameContext(country=entity.country, type=entity.type)
            if ctx.type != other.type or (ctx.country and other.country and ctx.country != other.country):
                continue
            score = max(name_similarity(name, n, lang, nl) for n, nl in entity.names)
            if score > best_score:
                best, best_score = entity, score
        return best, best_score

    def resolve(self, name: str, etype: str, lang: str | None = None, country: str | None = None) -> str:
        """Id for ``name``: the best known match above the threshold, otherwise a new deterministic NIL id."""
        match, score = self.best_match(name, etype, lang, country)
        if match is not None and score >= self.threshold:
            match.names.append((name, lang))
            self._index(match.id, name, lang)
            if match.country is None:
                match.country = country
            return match.id
        new_id = nil_id(name, etype, lang)
        known = self.entities.get(new_id)
        if known is not None and country and known.country and known.country != country:
            new_id = nil_id(f"{name} {country}", etype, lang)  # a namesake in another country
        if new_id in self.entities:
            self.entities[new_id].names.append((name, lang))
        else:
            self.add(NilEntity(id=new_id, type=etype, name=name, lang=lang, country=country))
        return new_id
