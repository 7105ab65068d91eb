"""Claims: direct quotes, attributed (indirect) speech and hedged statements, with speaker and stance.

One engine over per-language data (``lang/<code>/claims.yaml``): reporting verbs by stance, source phrases
("according to"), complementisers, hedges ("is said to"), speculation cues, falsity words (a speaker who calls
something "a fake" denies it), speaker nouns for unnamed actors ("the Russian envoy") and pronouns.

How a claim is found, per sentence clause:
1. a reporting verb with its content: a quote next to it, a complement clause ("said that ..."), a colon that
   introduces the next paragraph (a block quote), the object of a denial, or the clause between subject and a
   clause-final verb (verb-final subordinate clauses, SOV languages);
2. a source phrase ("according to X, ...") with the rest of the clause as content;
3. a quote left over (a continuing quote, dash-introduced speech) attributed to the previous speaker;
4. an agentless hedge ("X is said to ...") attributed by a later "as X claims".
The speaker is the entity (or typed description such as "the Russian UN envoy") nearest the reporting verb on
its subject side; a pronoun falls back to the previous claim's speaker. Claims without a speaker are dropped.
After extraction, denials are linked to the earlier claims they deny and events inside a claim's content are
marked as reported by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from wirescope.lang import load_lexicon
from wirescope.model import Claim, Document, Entity, Event, Provenance, Sentence, Speaker
from wirescope.nlp.language import supported_identifier

NAME = "claims"
VERSION = "1"
PROVENANCE = Provenance(NAME, VERSION)

#: opening quotation mark -> the marks that may close it
QUOTE_PAIRS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "«": "»",
    "»": "«",
    "‹": "›",
    "「": "」",
    "『": "』",
    "”": "”",
    "‚": "‘’",
    "‘": "’",
    '"': '"',
    "'": "'",
}
#: marks that are also apostrophes or used both ways: they open only after a space/start and close before a non-letter
SYMMETRIC_MARKS = {'"', "'", "”", "’"}
DASHES = "—–-―"
MAX_QUOTE_CHARS = 2500
WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
CAP = "A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ"
NAME_RUN = re.compile(rf"[{CAP}][\w'’-]*(?:\s[{CAP}][\w'’-]*){{0,3}}")
SPEECH_DASH = re.compile(r"(?m)^[ \t]*[—–―][ \t]*(?=\w|[«\"“])")


# --------------------------------------------------------------------------------------------- lexicon


def _compile(entries: Iterable[str], prefix: str, boundaries: bool) -> re.Pattern[str] | None:
    """Compile cue entries to one alternation: ``*`` is a word-character wildcard, a space any whitespace,
    ``re:`` marks a raw regular expression. Longer entries are tried first."""
    parts: list[str] = []
    raw: list[str] = []
    for entry in sorted({e for e in entries if e}, key=len, reverse=True):
        if entry.startswith("re:"):
            raw.append(f"(?:{entry[3:]})")
            continue
        parts.append(re.escape(entry).replace(r"\*", r"\w*").replace(r"\ ", r"\s+"))
    if parts:
        core = "|".join(parts)
        raw.append(rf"(?<!\w)(?:{prefix})?(?:{core})(?!\w)" if boundaries else f"(?:{core})")
    return re.compile("|".join(raw), re.IGNORECASE) if raw else None


@dataclass
class Cues:
    """The compiled cues of one language."""

    code: str
    verbs: dict[str, re.Pattern[str]]
    bare_verbs: re.Pattern[str] | None
    sources: re.Pattern[str] | None
    sources_after: re.Pattern[str] | None
    complementizers: re.Pattern[str] | None
    hedges: re.Pattern[str] | None
    reportative: re.Pattern[str] | None
    speculation: re.Pattern[str] | None
    falsity: re.Pattern[str] | None
    speaker_nouns: re.Pattern[str] | None
    pronouns: re.Pattern[str] | None
    relatives: re.Pattern[str] | None
    clause_breaks: re.Pattern[str] | None
    quotatives: re.Pattern[str] | None
    determiners: re.Pattern[str] | None
    of_preps: re.Pattern[str] | None
    auxiliaries: re.Pattern[str] | None
    object_verbs: re.Pattern[str] | None
    as_words: re.Pattern[str] | None
    right_attach: re.Pattern[str] | None = None
    topic_marker: re.Pattern[str] | None = None
    left_words: int = 0
    cjk: bool = False
    word_order: str = "svo"
    capitalised: bool = True
    complement_window: int = 6


def _raw(entry: Any) -> re.Pattern[str] | None:
    """A single ``re:`` pattern from the lexicon (anchored where it is used; case-sensitive)."""
    return re.compile(str(entry)[3:]) if entry else None


@cache
def cues_for(code: str | None) -> Cues:
    """Cues of a language; English when the language has no ``claims.yaml``."""
    data = load_lexicon(code or "en", "claims") or load_lexicon("en", "claims")
    boundaries = bool(data.get("word_boundaries", True))
    prefix = str(data.get("prefix", ""))

    def comp(key: str) -> re.Pattern[str] | None:
        return _compile(data.get(key) or [], prefix, boundaries)

    nouns = data.get("speaker_nouns") or []
    speaker_nouns = _compile(nouns, r"\w*", boundaries) if data.get("compounds") else comp("speaker_nouns")
    verbs = {
        stance: pattern
        for stance, entries in (data.get("verbs") or {}).items()
        if (pattern := _compile(entries or [], prefix, boundaries)) is not None
    }
    return Cues(
        code=code or "en",
        verbs=verbs,
        bare_verbs=comp("bare_verbs"),
        sources=comp("sources"),
        sources_after=comp("sources_after"),
        complementizers=comp("complementizers"),
        hedges=comp("hedges"),
        reportative=comp("reportative"),
        speculation=comp("speculation"),
        falsity=comp("falsity"),
        speaker_nouns=speaker_nouns,
        pronouns=comp("pronouns"),
        relatives=comp("relatives"),
        clause_breaks=_compile(data.get("clause_breaks") or [], "", False),
        quotatives=comp("quotatives"),
        determiners=comp("determiners"),
        of_preps=comp("of_preps"),
        auxiliaries=comp("auxiliaries"),
        object_verbs=comp("object_verbs"),
        as_words=comp("as_words"),
        right_attach=comp("right_attach")
        if isinstance(data.get("right_attach"), list)
        else _raw(data.get("right_attach")),
        topic_marker=_raw(data.get("topic_marker")),
        left_words=int(data.get("left_words", 0)),
        cjk=bool(data.get("cjk", False)),
        word_order=str(data.get("word_order", "svo")),
        capitalised=bool(data.get("capitalised", True)),
        complement_window=int(data.get("complement_window", 6)),
    )


# --------------------------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``start``/``end`` are the content inside the marks, ``open``/``close`` the marks."""

    open: int
    start: int
    end: int
    close: int
    dash: bool = False


def _may_open(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def _may_close(text: str, j: int) -> bool:
    return j + 1 >= len(text) or not text[j + 1].isalnum()


def find_quotes(text: str) -> list[Quote]:
    """Quoted passages in every quotation style; a quote may span sentences but not paragraphs."""
    quotes: list[Quote] = []
    i = 0
    while i < len(text):
        ch = text[i]
        closers = QUOTE_PAIRS.get(ch)
        if closers is None or (ch in SYMMETRIC_MARKS and not _may_open(text, i)):
            i += 1
            continue
        j = _find_closer(text, i + 1, closers, symmetric=ch in SYMMETRIC_MARKS)
        if j is None:
            i += 1
            continue
        inner = text[i + 1 : j]
        if inner.strip() and (ch != "'" or " " in inner.strip()):
            quotes.append(Quote(i, i + 1, j, j + 1))
        i = j + 1
    quotes.extend(_dash_speech(text, quotes))
    return sorted(quotes, key=lambda q: q.open)


def _find_closer(text: str, start: int, closers: str, symmetric: bool) -> int | None:
    limit = min(len(text), start + MAX_QUOTE_CHARS)
    for j in range(start, limit):
        if text.startswith("\n\n", j):
            return None
        if text[j] in closers and (not symmetric or _may_close(text, j)) and j > start:
            return j
    return None


def _dash_speech(text: str, quotes: Sequence[Quote]) -> list[Quote]:
    """Dialogue introduced by a dash at the start of a line: ``— Text, — said X.`` (ru, uk, pl, es, fr, ...)."""
    found: list[Quote] = []
    for m in SPEECH_DASH.finditer(text):
        start = m.end()
        if any(q.open <= start < q.close for q in quotes):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        inner = re.search(r"[,.!?…]?\s[—–―]\s", text[start:line_end])
        end = start + inner.start() + (1 if inner.group(0)[0] in ",.!?…" else 0) if inner else line_end
        while end > start and text[end - 1] in " ,":
            end -= 1
        found.append(Quote(m.start(), start, end, end, dash=True))
    return found


# --------------------------------------------------------------------------------------------- speakers


@dataclass
class Candidate:
    """A possible speaker in a sentence."""

    start: int
    end: int
    text: str
    kind: str  # entity | description | name | pronoun
    entity: Entity | None = None
    country: str | None = None
    role: str | None = None

    @property
    def rank(self) -> int:
        """Preference among overlapping candidates: named people and organisations before bare countries."""
        if self.entity is not None and self.entity.type in ("PERSON", "ORGANIZATION"):
            return 0
        return {"description": 1, "entity": 2, "name": 3, "pronoun": 4}[self.kind]

    def speaker(self) -> Speaker:
        ent = self.entity
        if ent is None:
            return Speaker(text=self.text, country=self.country, role=self.role)
        return Speaker(
            text=self.text,
            name=ent.name,
            entity_id=ent.id,
            country=self.country or _entity_country(ent),
            role=self.role or ent.role,
        )


def _entity_country(ent: Entity) -> str | None:
    if ent.country:
        return ent.country
    if ent.id.startswith("country:"):
        return ent.id.split(":", 1)[1]
    return None


def _entity_candidates(doc: Document, start: int, end: int) -> list[Candidate]:
    out = []
    for ent in doc.entities:
        if ent.type == "PLACE":
            continue
        for m in ent.mentions:
            if start <= m.start and m.end <= end:
                out.append(Candidate(m.start, m.end, doc.text[m.start : m.end], "entity", ent))
    return out


def _description_candidates(doc: Document, cues: Cues, start: int, end: int, ents: list[Candidate]) -> list[Candidate]:
    """Typed descriptions of unnamed speakers: [determiner] [modifiers] SPEAKER-NOUN [of/at X], e.g.
    "the Russian envoy to the UN". The country comes from an entity mention inside the description."""
    if cues.speaker_nouns is None:
        return []
    text = doc.text
    out = []
    for m in cues.speaker_nouns.finditer(text, start, end):
        s, e = m.start(), m.end()
        s = _extend_left(text, cues, s, start, ents)
        e = _extend_right(text, cues, e, end, ents)
        s, e = _attach_words(text, cues, s, e, start, end)
        inside = [c for c in ents if s <= c.start and c.end <= e]
        country = next((_entity_country(c.entity) for c in inside if c.entity and _entity_country(c.entity)), None)
        person = next((c.entity for c in inside if c.entity and c.entity.type == "PERSON"), None)
        out.append(Candidate(s, e, text[s:e], "description", person, country, m.group(0).lower()))
    return out


def _attach_words(text: str, cues: Cues, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """Languages without determiners or capitals: take up to ``left_words`` words before the speaker noun
    (Korean "국방부 장관") and following modifiers matching ``right_attach`` (Arabic "وزير الخارجية الروسية")."""
    for _ in range(cues.left_words):
        prev = _prev_word(text, s, start)
        if prev is None:
            break
        s = prev[0]
    for _ in range(3):
        m = re.compile(r"\s+(\w[\w'-]*)").match(text, e, end)
        if not m or cues.right_attach is None or not cues.right_attach.fullmatch(m.group(1)):
            break
        if cues.complementizers is not None and cues.complementizers.fullmatch(m.group(1)):
            break
        if any(v.fullmatch(m.group(1)) for v in cues.verbs.values()):
            break
        e = m.end()
    return s, e


def _extend_left(text: str, cues: Cues, s: int, limit: int, ents: list[Candidate]) -> int:
    for _ in range(4):
        prev = _prev_word(text, s, limit)
        if prev is None:
            break
        ps, pe = prev
        word = text[ps:pe]
        in_entity = any(c.start <= ps and pe <= c.end for c in ents)
        is_det = cues.determiners is not None and cues.determiners.fullmatch(word) is not None
        if not (in_entity or is_det or (cues.capitalised and word[:1].isupper() and ps > limit)):
            break
        s = next((c.start for c in ents if c.start <= ps and pe <= c.end), ps)
        if is_det:
            break
    return s


def _extend_right(text: str, cues: Cues, e: int, limit: int, ents: list[Candidate]) -> int:
    """Take up to two "of/at/to X" attachments when X is an entity or a capitalised name."""
    for _ in range(2):
        m = re.match(r"\s+(\w+)\s+", text[e:limit])
        if not m or cues.of_preps is None or not cues.of_preps.fullmatch(m.group(1)):
            break
        pos = e + m.end()
        det = re.match(r"(\w+)\s+", text[pos:limit])
        if det and cues.determiners is not None and cues.determiners.fullmatch(det.group(1)):
            pos += det.end()
        ent = next((c for c in ents if c.start == pos), None)
        if ent is not None:
            e = ent.end
            continue
        cap = re.match(r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ][\w-]*\s?)+", text[pos:limit])
        if not cap:
            break
        e = pos + len(cap.group(0).rstrip())
    return e


def _prev_word(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    m = re.search(r"(\w[\w-]*)\s*$", text[limit:pos])
    if not m or text[limit + m.end(1) : pos].strip():
        return None
    return limit + m.start(1), limit + m.end(1)


def _name_candidates(doc: Document, cues: Cues, sent: Sentence, taken: list[Candidate]) -> list[Candidate]:
    """Runs of capitalised words not covered by entities: names the entity stage did not know.
    A single capitalised word at the start of a sentence counts only if the document also uses it mid-sentence."""
    if not cues.capitalised:
        return []
    text = doc.text
    out = []
    for m in NAME_RUN.finditer(text, sent.start, sent.end):
        s, e = m.start(), m.end()
        if any(c.start <= s and e <= c.end for c in taken):
            continue
        words = text[s:e].split()
        if cues.determiners is not None:
            while words and cues.determiners.fullmatch(words[0]):
                s += text[s:e].index(words[0]) + len(words[0])
                s += len(text[s:e]) - len(text[s:e].lstrip())
                words = words[1:]
        if words and _is_sentence_initial(text, sent, s) and _common_word(doc, words[0], len(words), cues.code):
            s += text[s:e].index(words[0]) + len(words[0])
            s += len(text[s:e]) - len(text[s:e].lstrip())
            words = words[1:]
        if not words:
            continue
        if cues.pronouns is not None and cues.pronouns.fullmatch(words[0]):
            continue
        out.append(Candidate(s, e, text[s:e], "name"))
    return out


def _is_sentence_initial(text: str, sent: Sentence, pos: int) -> bool:
    return not re.sub(r"[\W_]", "", text[sent.start : pos])


def _common_word(doc: Document, word: str, run_length: int, lang: str) -> bool:
    """A sentence-initial capitalised word is an ordinary word if the document also writes it in lower case;
    alone, it is a name if it is capitalised mid-sentence elsewhere or is not a known word of the language."""
    if re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", doc.text):
        return True
    if run_length > 1 or _capitalised_elsewhere(doc, word):
        return False
    import simplemma

    return bool(simplemma.is_known(word.lower(), lang=lang))


def _capitalised_elsewhere(doc: Document, word: str) -> bool:
    return re.search(rf"(?<=\w[ ,]){re.escape(word)}(?!\w)", doc.text) is not None


def _pronoun_candidates(doc: Document, cues: Cues, start: int, end: int) -> list[Candidate]:
    if cues.pronouns is None:
        return []
    return [Candidate(m.start(), m.end(), m.group(0), "pronoun") for m in cues.pronouns.finditer(doc.text, start, end)]


def _merge(cands: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates collapse to the widest span, keeping the best-ranked entity inside it."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if out and c.start < out[-1].end:
            top = out[-1]
            top.end = max(top.end, c.end)
            if c.rank < top.rank and c.entity is not None and top.kind != "description":
                top.entity, top.kind = c.entity, c.kind
            elif top.entity is None and c.entity is not None:
                top.entity = c.entity
            top.country = top.country or c.country or (_entity_country(c.entity) if c.entity else None)
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------------------------- extraction


@dataclass
class Found:
    """A claim before ids and linking."""

    speaker: Candidate | None
    stance: str
    quote: str
    start: int
    end: int
    sentence: int
    attribution: tuple[int, int]
    hedged: bool = False


@dataclass
class Context:
    doc: Document
    quotes: list[Quote]
    sentences: list[Sentence]
    found: list[Found] = field(default_factory=list)
    used_quotes: set[Quote] = field(default_factory=set)
    pending_hedges: list[tuple[Found, int]] = field(default_factory=list)
    candidates: dict[int, list[Candidate]] = field(default_factory=dict)


def _language(doc: Document, sent: Sentence) -> str | None:
    """The sentence's language (from the language stage, else identified here when the sentence is long
    enough to tell), falling back to the document's."""
    if sent.language is None and len(WORD.findall(doc.sentence_text(sent.index))) >= 6:
        sent.language = _identify(doc.sentence_text(sent.index), doc.language)
    return sent.language or doc.language


def _sentence_candidates(ctx: Context, sent: Sentence) -> list[Candidate]:
    if sent.index not in ctx.candidates:
        cues = cues_for(_language(ctx.doc, sent))
        ents = _entity_candidates(ctx.doc, sent.start, sent.end)
        descs = _description_candidates(ctx.doc, cues, sent.start, sent.end, ents)
        names = _name_candidates(ctx.doc, cues, sent, ents + descs)
        pros = _pronoun_candidates(ctx.doc, cues, sent.start, sent.end)
        cands = _merge(ents + descs + names)
        cands += [p for p in pros if not any(c.start <= p.start < c.end for c in cands)]
        ctx.candidates[sent.index] = sorted(cands, key=lambda c: c.start)
    return ctx.candidates[sent.index]


def _in_quote(ctx: Context, pos: int) -> Quote | None:
    return next((q for q in ctx.quotes if q.start <= pos < q.end), None)


def _clauses(text: str, sent: Sentence, cues: Cues) -> list[tuple[int, int]]:
    bounds = [sent.start]
    if cues.clause_breaks is not None:
        bounds += [m.start() + 1 for m in cues.clause_breaks.finditer(text, sent.start, sent.end)]
    bounds.append(sent.end)
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _verb_hits(ctx: Context, cues: Cues, start: int, end: int) -> list[tuple[re.Match[str], str]]:
    hits = []
    for stance, pattern in cues.verbs.items():
        for m in pattern.finditer(ctx.doc.text, start, end):
            if _in_quote(ctx, m.start()) is None:
                hits.append((m, stance))
    hedge_spans = [m.span() for m in cues.hedges.finditer(ctx.doc.text, start, end)] if cues.hedges else []
    hits = [h for h in hits if not any(a <= h[0].start() < b for a, b in hedge_spans)]
    return sorted(hits, key=lambda h: h[0].start())


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:;，、：；" + DASHES):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",:;.!，、：；。！" + DASHES):
        e -= 1
    return s, e


def _adjacent_quote(ctx: Context, pos: int, before: bool, gap: int = 80) -> Quote | None:
    """The quote that ends just before ``pos`` (before=True) or starts just after it, with only a short
    attribution (a name, punctuation) in between."""
    for q in ctx.quotes:
        if q in ctx.used_quotes:
            continue
        if before and 0 <= pos - q.close <= gap and not re.search(r"[.!?]\s", ctx.doc.text[q.close : pos]):
            return q
        if not before and 0 <= q.open - pos <= gap and not re.search(r"[.!?]\s", ctx.doc.text[pos : q.open]):
            return q
    return None


def _pick_speaker(
    ctx: Context, cands: list[Candidate], clause: tuple[int, int], v_start: int, v_end: int, cues: Cues
) -> Candidate | None:
    """The candidate nearest the verb on its subject side: before it (the one before an auxiliary, "X has
    ... said"), or right after it for VSO languages, inverted order ("..., said X") and V2 inversion."""
    text = ctx.doc.text
    before = [c for c in cands if clause[0] <= c.start and c.end <= v_start and _in_quote(ctx, c.start) is None]
    before = [c for c in before if not _in_relative(text, cues, c, v_start)]
    after = [c for c in cands if v_end <= c.start < clause[1] and _in_quote(ctx, c.start) is None]
    comp = cues.complementizers.search(text, v_end, clause[1]) if cues.complementizers else None
    after = [c for c in after if comp is None or c.end <= comp.start()]
    near_after = [c for c in after if len(WORD.findall(text[v_end : c.start])) <= 1]
    if cues.word_order == "vso":
        return near_after[0] if near_after else _bare_subject_after(text, cues, v_end, clause[1])
    if cues.word_order == "sov":
        return before[0] if before else _topic_subject(text, cues, clause[0], v_start)
    if not before:
        return near_after[0] if near_after else None
    if cues.auxiliaries is not None:
        for c in reversed(before):
            aux = re.compile(r"[\s,]*").match(text, c.end)
            if aux and cues.auxiliaries.match(text, aux.end()) and not _has_relative(text, cues, c.end, v_start):
                return c
    gap_words = WORD.findall(text[before[-1].end : v_start])
    after_quote = re.search(r"[”“\"»«’]\W*$", text[clause[0] : v_start]) is not None
    if near_after and (after_quote or len(gap_words) > 3):
        return near_after[0]
    return before[-1]


def _bare_subject_after(text: str, cues: Cues, pos: int, end: int) -> Candidate | None:
    """VSO without a known entity: the word after the verb and its modifiers (Arabic "قال المتحدث الرسمي")."""
    m = re.compile(r"\s+(\w+)").match(text, pos, end)
    if m is None or cues.complementizers is not None and cues.complementizers.fullmatch(m.group(1)):
        return None
    s, e = _attach_words(text, cues, m.start(1), m.end(1), pos, end)
    return Candidate(s, e, text[s:e], "name")


def _topic_subject(text: str, cues: Cues, start: int, v_start: int) -> Candidate | None:
    """SOV without a known entity: the words before the first topic/subject marker (Korean 은/는/이/가)."""
    if cues.topic_marker is None:
        return None
    m = cues.topic_marker.search(text, start, v_start)
    if m is None:
        return None
    words = list(WORD.finditer(text, start, m.start()))
    if not words:
        return None
    first = words[-2] if len(words) >= 2 and m.start() - words[-2].start() < 16 else words[-1]
    return Candidate(first.start(), m.start(), text[first.start() : m.start()], "name")


def _has_relative(text: str, cues: Cues, start: int, end: int) -> bool:
    return cues.relatives is not None and cues.relatives.search(text, start, end) is not None


def _in_relative(text: str, cues: Cues, cand: Candidate, v_start: int) -> bool:
    """True when the candidate sits in a comma-enclosed relative clause before the verb (", who ..., said")."""
    if cues.relatives is None:
        return False
    seg = text[: cand.start]
    comma = seg.rfind(",")
    if comma < 0:
        return False
    rel = cues.relatives.match(text, comma + 1 + (len(text[comma + 1 :]) - len(text[comma + 1 :].lstrip())))
    return rel is not None and "," in text[cand.end : v_start]


def _complement(text: str, cues: Cues, v_end: int, c_end: int) -> int | None:
    """Offset after a complementiser that follows the verb within a few words ("said on Monday that")."""
    if cues.complementizers is None:
        return None
    m = cues.complementizers.search(text, v_end, c_end)
    if m is None or len(WORD.findall(text[v_end : m.start()])) > cues.complement_window:
        return None
    return m.end()


def _verb_claim(
    ctx: Context, sent: Sentence, clause: tuple[int, int], hit: re.Match[str], stance: str, cues: Cues
) -> Found | None:
    text = ctx.doc.text
    cands = _sentence_candidates(ctx, sent)
    v_start, v_end = hit.start(), hit.end()
    speaker = _pick_speaker(ctx, cands, clause, v_start, v_end, cues)
    if speaker is not None and _is_anaphoric(text, cues, speaker, v_start):
        return None
    content, quote_kind, used = _content(ctx, sent, clause, hit, stance, cues, speaker)
    if content is None and stance in ("deny", "call") or content is None and cues.word_order == "sov":
        subject = _first_subject(ctx, cands, clause, v_start)
        if subject is not None and not WORD.findall(text[v_end : _clause_stop(text, v_end, clause[1])]):
            speaker, content = subject, (subject.end, v_start)
            if cues.quotatives is not None:
                qm = list(cues.quotatives.finditer(text, subject.end, v_start))
                if qm:
                    content = (subject.end, qm[-1].start())
    if content is None:
        return None
    s, e = _strip(text, *content)
    if e - s < 2 or not WORD.findall(text[s:e]):
        return None
    if used is None:
        inner = next((q for q in ctx.quotes if q.start <= s + 1 and e - 1 <= q.end), None)
        if inner is not None:
            used, quote_kind, s, e = inner, "direct", inner.start, inner.end
    if used is not None:
        ctx.used_quotes.add(used)
    ctx.used_quotes.update(q for q in ctx.quotes if s <= q.start and q.end <= e)
    spans = [v_start, v_end] + ([speaker.start, speaker.end] if speaker else [])
    return Found(speaker, stance, quote_kind, s, e, ctx.doc.sentence_at(s), (min(spans), max(spans)))


def _clause_stop(text: str, pos: int, end: int) -> int:
    """End of the clause part after ``pos``: the next comma, semicolon or the clause end."""
    m = re.compile(r"[,;]").search(text, pos, end)
    return m.start() if m else end


def _content(
    ctx: Context,
    sent: Sentence,
    clause: tuple[int, int],
    hit: re.Match[str],
    stance: str,
    cues: Cues,
    speaker: Candidate | None,
) -> tuple[tuple[int, int] | None, str, Quote | None]:
    """The content a reporting verb introduces, its kind (direct/indirect) and the quote it uses, if any."""
    text = ctx.doc.text
    v_start, v_end = hit.start(), hit.end()
    c_end = clause[1]
    q_before = _adjacent_quote(ctx, v_start, before=True)
    q_after = _adjacent_quote(ctx, v_end, before=False, gap=40)
    if q_before is not None and _attributes_quote(text, q_before, v_start, cues):
        return (q_before.start, q_before.end), "direct", q_before
    comp = _complement(text, cues, v_end, c_end)
    if comp is not None:
        return (comp, c_end), "indirect", None
    if q_after is not None and (q_after.end - q_after.start > 40 or re.match(r"\W*:", text[v_end:])):
        return (q_after.start, q_after.end), "direct", q_after
    if re.match(r"[^.!?]{0,60}:\s*$", text[v_end : sent.end]):
        return _block_after(text, sent.end), "direct", None
    if stance in ("deny", "call") and WORD.findall(text[v_end : _clause_stop(text, v_end, c_end)]):
        return (v_end, c_end), "indirect", None
    takes_object = cues.object_verbs is not None and cues.object_verbs.fullmatch(hit.group(0))
    if (
        takes_object
        and speaker is not None
        and speaker.start >= v_end
        and len(WORD.findall(text[speaker.end : c_end])) >= 3
    ):
        return (speaker.end, c_end), "indirect", None
    if cues.bare_verbs is not None and cues.bare_verbs.fullmatch(hit.group(0)) and _size(text[v_end:c_end], cues) >= 4:
        return (v_end, c_end), "indirect", None
    return None, "indirect", None


def _size(text: str, cues: Cues) -> int:
    """Length of a passage in words; for Chinese and Japanese (no spaces) every two characters count as one."""
    if cues.cjk:
        return len(re.sub(r"\W", "", text)) // 2
    return len(WORD.findall(text))


def _is_anaphoric(text: str, cues: Cues, speaker: Candidate, v_start: int) -> bool:
    """ "..., as X claims" / "the capabilities that X claims": the verb's content is what came before."""
    if cues.as_words is None or speaker.end > v_start:
        return False
    m = re.search(r"(\w+)\W*$", text[max(0, speaker.start - 40) : speaker.start])
    return m is not None and cues.as_words.fullmatch(m.group(1)) is not None


def _attributes_quote(text: str, q: Quote, v_start: int, cues: Cues) -> bool:
    """ "“...,” X said": the quote ends in (or is followed by) a comma or stop, then only a few words; or
    (SOV) the quote is followed by a quotative ending and the verb ("「...」と述べた")."""
    between = text[q.close : v_start].strip()
    if cues.quotatives is not None and between and cues.quotatives.fullmatch(between):
        return True
    punctuated = text[q.start : q.end].rstrip()[-1:] in ",.!?…" or re.match(r"\s*[,.!?…—–-]", text[q.close : v_start])
    return bool(punctuated) and len(WORD.findall(text[q.close : v_start])) <= 6


def _first_subject(ctx: Context, cands: list[Candidate], clause: tuple[int, int], v_start: int) -> Candidate | None:
    inside = [c for c in cands if clause[0] <= c.start and c.end <= v_start and _in_quote(ctx, c.start) is None]
    return inside[0] if inside else None


def _block_after(text: str, pos: int) -> tuple[int, int]:
    """The paragraph after ``pos``: what a sentence ending in a colon introduces."""
    m = re.compile(r"\s*\n").match(text, pos)
    start = m.end() if m else pos
    end = text.find("\n\n", start)
    return start, len(text) if end < 0 else end


def _source_claims(ctx: Context, sent: Sentence, clause: tuple[int, int], cues: Cues) -> list[Found]:
    text = ctx.doc.text
    out = []
    cands = _sentence_candidates(ctx, sent)
    for pattern, after in ((cues.sources, True), (cues.sources_after, False)):
        if pattern is None:
            continue
        for m in pattern.finditer(text, clause[0], clause[1]):
            if _in_quote(ctx, m.start()) is not None:
                continue
            if after:
                speaker = next(
                    (
                        c
                        for c in cands
                        if m.end() <= c.start
                        and len(WORD.findall(text[m.end() : c.start])) <= 6
                        and "," not in text[m.end() : c.start]
                    ),
                    None,
                ) or _phrase_until_comma(text, m.end(), clause[1], cues)
                if speaker is None:
                    continue
                np_end = _apposition_end(text, cands, speaker.end)
            else:
                speaker = next((c for c in reversed(cands) if c.end <= m.start() and c.start >= clause[0]), None)
                speaker = speaker or _words_before(text, m.start(), clause[0])
                if speaker is None:
                    continue
                np_end = m.end()
            np_start = min(m.start(), speaker.start)
            if WORD.findall(text[clause[0] : np_start]) and len(WORD.findall(text[clause[0] : np_start])) > 2:
                content, quote_kind = (clause[0], np_start), "indirect"
            elif re.match(r"[^\w]*:\s*$", text[np_end : sent.end]):
                content, quote_kind = _block_after(text, sent.end), "direct"
            else:
                content, quote_kind = (np_end, clause[1]), "indirect"
            s, e = _strip(text, *content)
            if not WORD.findall(text[s:e]):
                continue
            inner = next((q for q in ctx.quotes if q.start <= s + 1 and e - 1 <= q.end), None)
            if inner is not None:
                s, e, quote_kind = inner.start, inner.end, "direct"
                ctx.used_quotes.add(inner)
            out.append(Found(speaker, "assert", quote_kind, s, e, ctx.doc.sentence_at(s), (np_start, np_end)))
    return out


def _phrase_until_comma(text: str, pos: int, end: int, cues: Cues) -> Candidate | None:
    """The source named after "according to" when no entity is known there: up to the comma (1-4 words), or
    else a determiner and one word ("enligt kustbevakningen sjönk ...")."""
    m = re.compile(r"\s*([^,;:.]+?)\s*[,،]").match(text, pos, end)
    if m is not None and 1 <= len(WORD.findall(m.group(1))) <= 4:
        return Candidate(m.start(1), m.end(1), m.group(1), "name")
    words = list(WORD.finditer(text, pos, end))[:2]
    if words and cues.determiners is not None and cues.determiners.fullmatch(words[0].group(0)) and len(words) > 1:
        return Candidate(words[0].start(), words[1].end(), text[words[0].start() : words[1].end()], "name")
    return Candidate(words[0].start(), words[0].end(), words[0].group(0), "name") if words else None


def _words_before(text: str, pos: int, start: int) -> Candidate | None:
    """The source named before a postposed source phrase (Korean "X에 따르면"): the word just before it."""
    words = list(WORD.finditer(text, start, pos))
    if not words:
        return None
    w = words[-1]
    return Candidate(w.start(), w.end(), w.group(0), "name")


def _apposition_end(text: str, cands: list[Candidate], end: int) -> int:
    """Skip an apposition after the source's speaker: "according to the ambassador, John Smith, ..."."""
    m = re.match(r",\s*", text[end:])
    if m:
        nxt = next((c for c in cands if c.start == end + m.end()), None)
        if nxt is not None and re.match(r"\s*,", text[nxt.end :]):
            return nxt.end + 1
    return end


def _hedge_claim(ctx: Context, sent: Sentence, clause: tuple[int, int], cues: Cues) -> Found | None:
    """An agentless hedged statement ("X is said to ..."): kept pending until a speaker is found."""
    found = [p.search(ctx.doc.text, clause[0], clause[1]) for p in (cues.hedges, cues.reportative) if p is not None]
    m = min((f for f in found if f is not None), key=lambda f: f.start(), default=None)
    if m is None or _in_quote(ctx, m.start()) is not None:
        return None
    s, e = _strip(ctx.doc.text, *clause)
    return Found(None, "hedged", "indirect", s, e, sent.index, (m.start(), m.end()), hedged=True)


def _attribute_hedges(ctx: Context, sent: Sentence, cues: Cues) -> None:
    """An anaphoric report ("..., as X claims", "the capabilities X claims") attributes the pending agentless
    hedges of the last two sentences to its speaker."""
    if not ctx.pending_hedges:
        return
    text = ctx.doc.text
    cands = _sentence_candidates(ctx, sent)
    for clause in _clauses(text, sent, cues):
        for hit, stance in _verb_hits(ctx, cues, *clause):
            speaker = _pick_speaker(ctx, cands, clause, hit.start(), hit.end(), cues)
            if stance not in ("assert", "speculate") or speaker is None or speaker.kind == "pronoun":
                continue
            if not _is_anaphoric(text, cues, speaker, hit.start()):
                continue
            for found, idx in list(ctx.pending_hedges):
                if sent.index - idx <= 2:
                    found.speaker = speaker
                    ctx.found.append(found)
            ctx.pending_hedges.clear()
            return


def _leftover_quotes(ctx: Context) -> None:
    """Quotes not claimed by a verb: a continuing quote of the previous speaker (same or next sentence,
    nothing but whitespace or a pronoun attribution in between) and dash-introduced speech."""
    text = ctx.doc.text
    for q in ctx.quotes:
        if q in ctx.used_quotes or any(f.start <= q.start < f.end for f in ctx.found):
            continue
        prev = [f for f in ctx.found if f.end <= q.open and f.speaker is not None]
        if not prev:
            continue
        last = max(prev, key=lambda f: f.end)
        said_in = ctx.sentences[ctx.doc.sentence_at(max(last.end, last.attribution[1]) - 1)]
        between = text[max(said_in.end, last.end) : q.open]
        if last.quote != "direct" or WORD.findall(between) or "\n\n" in between:
            continue
        if len(WORD.findall(text[q.start : q.end])) < 4:
            continue
        ctx.used_quotes.add(q)
        s, e = _strip(text, q.start, q.end)
        ctx.found.append(Found(last.speaker, "assert", "direct", s, e, ctx.doc.sentence_at(s), last.attribution))


def _resolve_pronouns(ctx: Context) -> None:
    """A pronoun speaker continues the previous claim's speaker (within three sentences); else the claim goes."""
    ctx.found.sort(key=lambda f: f.start)
    kept: list[Found] = []
    for f in ctx.found:
        if f.speaker is not None and f.speaker.kind == "pronoun":
            prev = next((k for k in reversed(kept) if k.speaker and k.sentence >= f.sentence - 3), None)
            if prev is None:
                continue
            f.speaker = prev.speaker
        if f.speaker is not None:
            kept.append(f)
    ctx.found = kept


# --------------------------------------------------------------------------------------------- stance, language


def _final_stance(doc: Document, f: Found, cues: Cues) -> None:
    text = doc.text[f.start : f.end]
    words = WORD.findall(text)
    if f.stance == "call":
        f.stance = "deny" if cues.falsity is not None and cues.falsity.search(text) else "assert"
    elif f.stance not in ("deny",) and cues.falsity is not None and len(words) <= 6 and cues.falsity.search(text):
        f.stance = "deny"
    if f.stance == "warn":
        f.stance = "assert"
    if f.stance == "promise":
        f.stance = "assert"
    window = doc.text[min(f.attribution[0], f.start) : f.end]
    if cues.hedges is not None and cues.hedges.search(window):
        f.hedged = True
    if f.stance == "assert" and text.rstrip().endswith("?") and f.quote == "indirect":
        f.stance = "question"
    if f.stance == "assert" and cues.speculation is not None and cues.speculation.search(text):
        f.stance = "speculate"
    if f.stance == "assert" and f.hedged:
        f.stance = "hedged"


def _identify(text: str, fallback: str | None) -> str | None:
    """The language of a passage (a quote, a sentence) when it is long enough to tell, else ``fallback``."""
    if len(WORD.findall(text)) < 5:
        return fallback
    lang, prob = supported_identifier().classify(text)
    return str(lang) if prob >= 0.9 else fallback


# --------------------------------------------------------------------------------------------- linking


def _content_words(text: str) -> set[str]:
    return {w.casefold()[:6] for w in WORD.findall(text) if len(w) > 3}


def _entities_in(doc: Document, start: int, end: int) -> set[str]:
    return {e.id for e in doc.entities for m in e.mentions if start <= m.start and m.end <= end}


def link_denials(doc: Document, claims: Sequence[Claim]) -> None:
    """Fill ``denies`` of each denial: earlier non-denial claims sharing entities or words with it (the
    denial's sentence, its speaker excluded), or else the closest preceding assertion within three sentences."""
    for i, claim in enumerate(claims):
        if claim.stance != "deny":
            continue
        earlier = [
            c
            for c in claims[:i]
            if c.stance != "deny"
            and c.speaker.entity_id != claim.speaker.entity_id
            or c.stance != "deny"
            and c.speaker.entity_id is None
        ]
        if not earlier:
            continue
        sent = doc.sentences[claim.sentence] if claim.sentence < len(doc.sentences) else None
        scope = (sent.start, sent.end) if sent else (claim.start, claim.end)
        mine_ents = _entities_in(doc, *scope) - {claim.speaker.entity_id}
        mine_words = _content_words(doc.text[scope[0] : scope[1]])
        scored = []
        for c in earlier:
            shared_ents = len(mine_ents & (_entities_in(doc, c.start, c.end) | {c.speaker.entity_id}))
            shared_words = len(mine_words & _content_words(c.text))
            if shared_ents + shared_words >= 3 and claim.sentence - c.sentence <= 10:
                scored.append((shared_ents + shared_words, c.id))
        if scored:
            claim.denies = [max(scored)[1]]
            continue
        near = [c for c in earlier if 0 <= claim.sentence - c.sentence <= 3]
        if near:
            claim.denies = [near[-1].id]


def link_events(events: Sequence[Event], claims: Sequence[Claim]) -> None:
    """Events whose trigger lies inside a claim's content are reported by that claim."""
    for claim in claims:
        for ev in events:
            if claim.start <= ev.event_start and ev.event_end <= claim.end:
                claim.event_ids.append(ev.id)
                ev.reported = True
                ev.claim_id = claim.id


def _statement_date(doc: Document, f: Found) -> str | None:
    """The date of the statement when the text gives it: a time expression in the attribution, outside the
    content ("X said on Tuesday that ...")."""
    sent = doc.sentences[f.sentence] if f.sentence < len(doc.sentences) else None
    if sent is None:
        return None
    lo, hi = min(f.attribution[0], f.start), max(f.attribution[1], f.start)
    if f.start < f.attribution[0]:
        lo, hi = f.end, f.attribution[1]
    for t in doc.times:
        if (
            t.kind == "date"
            and t.value
            and sent.start <= t.start
            and t.end <= sent.end
            and lo <= t.start
            and t.end <= hi + 40
            and not (f.start <= t.start < f.end)
        ):
            return t.value
    return None


# --------------------------------------------------------------------------------------------- stage


def _fallback_sentences(text: str) -> list[Sentence]:
    """Sentences when the segment stage did not run: split after . ! ? … followed by space and an upper-case
    letter or a quote, and at paragraph breaks."""
    out: list[Sentence] = []
    start = 0
    for m in re.finditer(
        r"(?<=[.!?…。！？])[\"”»’]?\s+(?=[\"“„«»‹「『—–A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ\u0600-\u06ff\uac00-\ud7a3\u4e00-\u9fff])|\n\s*\n",
        text,
    ):
        end = m.start()
        if text[start:end].strip():
            out.append(Sentence(len(out), start, end))
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(len(out), start, len(text.rstrip())))
    return out


def extract(doc: Document) -> list[Claim]:
    """The claims of a document (its sentences, entities and times as the earlier stages left them)."""
    if not doc.sentences:
        doc.sentences = _fallback_sentences(doc.text)
    ctx = Context(doc, find_quotes(doc.text), doc.sentences)
    for sent in doc.sentences:
        cues = cues_for(_language(doc, sent))
        _attribute_hedges(ctx, sent, cues)
        for clause in _clauses(doc.text, sent, cues):
            _clause_claims(ctx, sent, clause, cues)
    _leftover_quotes(ctx)
    _resolve_pronouns(ctx)
    return _to_claims(doc, ctx.found)


def _clause_claims(ctx: Context, sent: Sentence, clause: tuple[int, int], cues: Cues) -> None:
    if any(f.start <= clause[0] and clause[1] <= f.end + 1 for f in ctx.found):
        return
    sources = _source_claims(ctx, sent, clause, cues)
    if sources:
        ctx.found.extend(sources)
        return
    for hit, stance in _verb_hits(ctx, cues, *clause):
        if any(f.start <= hit.start() < f.end for f in ctx.found):
            continue
        found = _verb_claim(ctx, sent, clause, hit, stance, cues)
        if found is not None:
            ctx.found.append(found)
            return
    hedge = _hedge_claim(ctx, sent, clause, cues)
    if hedge is not None:
        ctx.pending_hedges.append((hedge, sent.index))


def _to_claims(doc: Document, found: list[Found]) -> list[Claim]:
    claims: list[Claim] = []
    for n, f in enumerate(sorted(found, key=lambda f: (f.start, f.end))):
        sent = doc.sentences[f.sentence] if f.sentence < len(doc.sentences) else None
        lang = _language(doc, sent) if sent else doc.language
        cues = cues_for(lang)
        _final_stance(doc, f, cues)
        text = doc.text[f.start : f.end]
        if f.quote == "direct":
            lang = _identify(text, lang)
        assert f.speaker is not None
        claims.append(
            Claim(
                id=f"{doc.id}:c{n}",
                speaker=f.speaker.speaker(),
                stance=f.stance,
                quote=f.quote,
                text=text,
                start=f.start,
                end=f.end,
                sentence=f.sentence,
                language=lang,
                date=_statement_date(doc, f),
                hedged=f.hedged,
                provenance=PROVENANCE,
            )
        )
    return claims


def run(doc: Document) -> Document:
    doc.claims = extract(doc)
    link_denials(doc, doc.claims)
    link_events(doc.events, doc.claims)
    return doc
