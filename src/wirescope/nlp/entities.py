"""Entity stage: mentions, typing, in-document coreference and resolution to the knowledge base.

Per sentence (in the sentence's language):

1. *Gazetteer*: longest-match lookup of token n-grams in the KB surface forms, surviving inflection (genitive
   ``-s``/``:s``, case endings, Korean particles, French/Arabic clitics) through per-language suffix/prefix lists
   and, for Slavic languages, ``simplemma`` lemmas and a case-ending stem key. Demonyms and adjectives
   ("ryska", "Russische") are COUNTRY mentions; metonyms ("Kremlin", "Pyongyang") resolve as the KB says.
2. *Unknown names*: runs of capitalised tokens not covered by the gazetteer, typed by per-language context cues
   (roles, speech verbs, organisation and place words, vehicle nouns) from ``lang/<code>/entities.yaml``.
3. *Roles*: a role word ("försvarsminister", "ambassadeur") gives the nearest following (or preceding, in
   apposition) person its role, sector and country; without a named holder it becomes an unnamed actor.

Per document, short forms are resolved to a full name seen in the document (surname or family name), unknown
full names are resolved to KB people by transliteration-aware matching, and the rest get NIL ids.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from typing import Any

import simplemma

from wirescope.kb import KBEntry, KnowledgeBase, load_kb, normalise_alias
from wirescope.lang import SUPPORTED_LANGUAGES, load_lexicon
from wirescope.model import Document, Entity, Mention, Provenance, Sentence
from wirescope.nlp.entity_typer import LABEL_TYPES, load_model, span_features
from wirescope.nlp.names import latin_tokens, name_similarity, skeleton
from wirescope.nlp.ner_tagger import TextSpan, all_given_names, cue_in, load_tagger
from wirescope.nlp.nil import nil_id

NAME = "entities"
VERSION = "0.1.0"

TOKEN_RE = re.compile(r"[^\W_]+(?:[-‐'’:.][^\W_]+)*[’']?", re.UNICODE)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: a parenthetical carrying a Creative Commons licence is an image credit, whatever the language
_CREDIT_RE = re.compile(r"\([^()]*\bCC(?:[ -]BY|0)\b[^()]*\)")
_NO_SPACE_LANGS = frozenset({"ja", "zh"})
_SLAVIC = frozenset({"ru", "uk", "pl"})
_TYPE_PRIORITY = {"COUNTRY": 0, "ORGANIZATION": 1, "PERSON": 2, "PLACE": 3, "OTHER": 4}
#: Slavic case endings stripped to build a stem key (longest first)
_CASE_ENDINGS = sorted(
    [
        "а", "я", "у", "ю", "е", "и", "ы", "ой", "ей", "ом", "ем", "ою", "ею", "ам", "ям", "ах", "ях", "ами",
        "ями", "ого", "его", "ому", "ему", "ым", "им", "ую", "ая", "ое", "ые", "ых", "ие", "ия", "ии", "ию", "ией",
        "ь", "й", "ий", "ый", "ій", "ої", "ові", "еві", "ї", "є", "і", "ів", "ą", "ę", "ie", "y", "i", "u", "em",
        "owi", "om", "ami", "ach", "ej", "ów", "a", "e", "o", "ego", "emu", "ym", "ich", "ych", "о",
    ],
    key=len,
    reverse=True,
)
_ROLE_SLACK = 3  # inflectional letters allowed after a role word ("ministern", "ambassadörens")
_ROLE_WINDOW = 7
SMALL_PLACE_POPULATION = 100_000  # tokens between a role word and the name of its holder


# --------------------------------------------------------------------------------------------- language rules


@dataclass(frozen=True)
class LangRules:
    lang: str
    suffixes: tuple[str, ...]
    prefixes: tuple[str, ...]
    stopwords: frozenset[str]
    connectors: frozenset[str]
    particles: frozenset[str]
    titles: frozenset[str]  # honorifics dropped from the start of a name ("Dr", "Hero")
    speech_verbs: frozenset[str]
    vehicle_cues: tuple[str, ...]
    place_preps: frozenset[str]
    affiliation_preps: frozenset[str]
    org_cues: tuple[str, ...]
    place_cues: tuple[str, ...]
    roles: tuple[tuple[tuple[str, ...], str, str], ...]  # (key tokens, canonical role, sector), longest first
    collectives: dict[str, tuple[str, str, str]]
    #: short ministry names -> (role of the KB organisation, country when only one country uses the name)
    ministries: dict[str, tuple[str, str | None]]
    given_names: frozenset[str]
    #: (adjective ending, noun ending) pairs deriving nationality nouns from the KB's demonym adjectives
    #: ("nordkoreansk" -> "nordkoreanerna" by ("nsk", "nerna"))
    demonym_nouns: tuple[tuple[str, str], ...] = ()
    #: endings of agent and role nouns ("-er", "-erin", "-ador"): such a common word capitalised before a name is
    #: a role ("Verdediger Olga Carmona"), not a given name
    agent_suffixes: tuple[str, ...] = ()
    #: articles after which a capitalised word is a common noun (languages capitalising every noun: German)
    noun_articles: frozenset[str] = frozenset()


def _words(values: Iterable[Any] | None) -> list[str]:
    return [str(v).casefold() for v in values or []]


@cache
def _english_org_cues() -> list[str]:
    """English organisation words appear in names in every language ("Carnegie Endowment", "Times")."""
    return _words(load_lexicon("en", "entities").get("org_cues"))


@cache
def lang_rules(lang: str) -> LangRules:
    """Compiled lexicon of a language (``lang/<code>/entities.yaml``), falling back to English."""
    lex = load_lexicon(lang, "entities") or load_lexicon("en", "entities")
    roles = [
        (tuple(str(k).casefold().split()), str(v[0]), str(v[1])) for k, v in (lex.get("roles") or {}).items()
    ]
    roles.sort(key=lambda r: -len(" ".join(r[0])))
    collectives = {
        str(k).casefold(): (str(v[0]), str(v[1]), str(v[2])) for k, v in (lex.get("collectives") or {}).items()
    }
    return LangRules(
        lang=lang,
        suffixes=tuple(sorted(_words(lex.get("suffixes")), key=len, reverse=True)),
        prefixes=tuple(sorted(_words(lex.get("prefixes")), key=len, reverse=True)),
        stopwords=frozenset(_words(lex.get("stopwords"))),
        connectors=frozenset(_words(lex.get("connectors"))),
        particles=frozenset(_words(lex.get("person_particles"))),
        titles=frozenset(_words(lex.get("titles"))),
        speech_verbs=frozenset(_words(lex.get("speech_verbs"))),
        vehicle_cues=tuple(_words(lex.get("vehicle_cues"))),
        place_preps=frozenset(_words(lex.get("place_preps"))),
        affiliation_preps=frozenset(_words(lex.get("affiliation_preps"))),
        org_cues=tuple(dict.fromkeys(_words(lex.get("org_cues")) + _english_org_cues())),
        place_cues=tuple(_words(lex.get("place_cues"))),
        roles=tuple(roles),
        collectives=collectives,
        ministries={
            str(k).casefold(): (str(v[0]), str(v[1]) if len(v) > 1 else None)
            for k, v in (lex.get("ministries") or {}).items()
        },
        given_names=all_given_names(),
        demonym_nouns=tuple((str(a).casefold(), str(b).casefold()) for a, b in lex.get("demonym_nouns") or []),
        agent_suffixes=tuple(sorted(_words(lex.get("agent_suffixes")), key=len, reverse=True)),
        noun_articles=frozenset(_words(lex.get("noun_articles"))),
    )


# --------------------------------------------------------------------------------------------- tokens


#: apostrophes written interchangeably inside names
_APOSTROPHES = ("'", "\u2019", "\u02bc")


@dataclass
class Token:
    text: str
    start: int
    end: int
    index: int

    @cached_property
    def lower(self) -> str:
        return self.text.casefold()

    @property
    def cased(self) -> bool:
        """True when the script has letter case."""
        return self.text[:1].lower() != self.text[:1].upper()

    @property
    def capitalised(self) -> bool:
        first = self.text[:1]
        return first.isupper() or first.isdigit() or (not self.cased and first.isalpha())

    @property
    def upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    tokens = []
    for i, m in enumerate(TOKEN_RE.finditer(text)):
        word = m.group().rstrip(".")
        tokens.append(Token(word, offset + m.start(), offset + m.start() + len(word), i))
    return tokens


# --------------------------------------------------------------------------------------------- gazetteer


def stem_key(word: str) -> str:
    """Case-ending stem of a Slavic word ("Путина" and "Путин" -> "путин"); unchanged when too short."""
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


@dataclass
class Gazetteer:
    keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    first_tokens: set[str] = field(default_factory=set)
    max_tokens: int = 1
    cjk_max: int = 0


def _alias_tokens(alias: str) -> list[str]:
    return [t.casefold().rstrip(".") for t in TOKEN_RE.findall(alias)]


def _apostrophe_variants(alias: str) -> list[str]:
    """The alias with each apostrophe written inside names (CLDR's Ukrainian "Обʼєднані" is typed "Об'єднані")."""
    if not any(a in alias for a in _APOSTROPHES):
        return [alias]
    return list(dict.fromkeys([alias] + [re.sub("[" + "".join(_APOSTROPHES) + "]", a, alias) for a in _APOSTROPHES]))


@lru_cache(maxsize=64)
def gazetteer(kb: KnowledgeBase, lang: str) -> Gazetteer:
    """Token index of the KB surface forms of a language, built once per (KB, language)."""
    gaz = Gazetteer()
    keys: dict[str, list[str]] = {}
    stems: dict[str, list[str]] = {}
    forms = ((alias, eid) for written, eid in kb.surface_forms(lang) for alias in _apostrophe_variants(written))
    for alias, entry_id in forms:
        toks = _alias_tokens(alias)
        if not toks:
            continue
        key = " ".join(toks)
        keys.setdefault(key, []).append(entry_id)
        gaz.first_tokens.add(toks[0])
        gaz.max_tokens = max(gaz.max_tokens, len(toks))
        if lang in _SLAVIC:
            skey = " ".join(stem_key(t) for t in toks)
            stems.setdefault(skey, []).append(entry_id)
            gaz.first_tokens.add(stem_key(toks[0]))
        if _CJK_RE.search(alias) and " " not in alias:
            gaz.cjk_max = max(gaz.cjk_max, len(alias))
    gaz.keys = {k: tuple(dict.fromkeys(v)) for k, v in keys.items()}
    gaz.stems = {k: tuple(dict.fromkeys(v)) for k, v in stems.items()}
    return gaz


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    try:
        return str(simplemma.lemmatize(word, lang)).casefold()
    except ValueError:
        return word


def _token_variants(word: str, rules: LangRules, last: bool, first: bool) -> list[str]:
    """Lookup forms of one (case-folded) token: as is, without clitics, without inflectional endings."""
    forms = [word]
    if first:
        forms += [word[len(p) :] for p in rules.prefixes if word.startswith(p) and len(word) > len(p) + 1]
    if last:
        for form in list(forms):
            forms += [form[: -len(s)] for s in rules.suffixes if form.endswith(s) and len(form) - len(s) >= 2]
    if rules.lang in _SLAVIC:
        forms.append(_lemma(word, rules.lang))
    return list(dict.fromkeys(forms))


@dataclass
class Match:
    start: int  # token index
    end: int  # token index (exclusive)
    ids: tuple[str, ...]
    kind: str  # "alias" | "demonym" | "compound"


def _lookup_span(tokens: Sequence[Token], gaz: Gazetteer, rules: LangRules) -> tuple[str, ...]:
    words = [t.lower for t in tokens]
    n = len(words)
    heads = words[:-1]
    for last in _token_variants(words[-1], rules, last=True, first=n == 1):
        if n == 1:
            ids = gaz.keys.get(last)
        else:
            firsts = _token_variants(heads[0], rules, last=False, first=True)[:2]
            ids = None
            for f in firsts:
                ids = gaz.keys.get(" ".join([f, *heads[1:], last]))
                if ids:
                    break
        if ids:
            return ids
    if rules.lang in _SLAVIC:
        return gaz.stems.get(" ".join(stem_key(w) for w in words), ())
    return ()


def _case_ok(tokens: Sequence[Token], rules: LangRules) -> bool:
    """Names are capitalised in cased scripts; short aliases (EU, FN, US) must be written in capitals."""
    first = tokens[0]
    if not first.cased:
        return True
    head = next((first.text[len(p) :] for p in rules.prefixes if first.lower.startswith(p)), first.text)
    if not (head[:1].isupper() or head[:1].isdigit()):
        return False
    letters = sum(c.isalpha() for t in tokens for c in t.text)
    if len(tokens) == 1 and letters <= 3:
        core = first.text.split(":")[0].split("'")[0].split("’")[0]
        return core.isupper()
    return True


def _gazetteer_matches(tokens: list[Token], kb: KnowledgeBase, rules: LangRules) -> list[Match]:
    gaz = gazetteer(kb, rules.lang)
    matches: list[Match] = []
    i = 0
    n = len(tokens)
    while i < n:
        found: Match | None = None
        first_forms = set(_token_variants(tokens[i].lower, rules, last=True, first=True))
        if rules.lang in _SLAVIC:
            first_forms.add(stem_key(tokens[i].lower))
        if first_forms & gaz.first_tokens:
            for length in range(min(gaz.max_tokens, n - i), 0, -1):
                span = tokens[i : i + length]
                ids = _lookup_span(span, gaz, rules)
                if ids and _case_ok(span, rules):
                    found = Match(i, i + length, ids, "alias")
                    break
        phrase = _phrase_demonym(tokens, i, kb, rules)
        if phrase is not None and (found is None or phrase.end > found.end):
            found = phrase
        if found is None:
            found = _single_token_match(tokens[i], i, kb, gaz, rules)
        if found is not None:
            matches.append(found)
            i = found.end
        else:
            i += 1
    return matches


_PHRASE_DEMONYM_MAX = 3  # tokens of the longest demonym written in words ("North Korean", "Papua New Guinean")


def _phrase_demonym(tokens: list[Token], i: int, kb: KnowledgeBase, rules: LangRules) -> Match | None:
    """A demonym of several capitalised words ("North Korean", "South African"), longest first; not when a
    capitalised word follows, as in a name that begins with one ("South African Airways")."""
    for n in range(min(_PHRASE_DEMONYM_MAX, len(tokens) - i), 1, -1):
        span = tokens[i : i + n]
        if not all(t.capitalised and t.text[:1].isalpha() for t in span):
            continue
        if i + n < len(tokens) and tokens[i + n].capitalised:
            continue
        if any(b.start - a.end != 1 for a, b in zip(span, span[1:], strict=False)):
            continue
        code = _demonym(kb, " ".join(t.lower for t in span), rules.lang)
        if code:
            return Match(i, i + n, (f"country:{code}",), "demonym")
    return None


def _single_token_match(token: Token, i: int, kb: KnowledgeBase, gaz: Gazetteer, rules: LangRules) -> Match | None:
    """Demonyms/adjectives ("ryska" -> RUS) and compound heads ("FN-sanktioner" -> UN)."""
    if not token.text[:1].isalpha() or len(token.text) < 3:
        return None
    code = None if token.lower in rules.stopwords else _demonym(kb, token.lower, rules.lang)
    if code:
        return Match(i, i + 1, (f"country:{code}",), "demonym")
    if "-" in token.text:
        head = token.text.split("-", 1)[0]
        ids = gaz.keys.get(head.casefold())
        if ids and head[:1].isupper() and (len(head) > 3 or head.isupper()):
            return Match(i, i + 1, ids, "compound")
        code = _demonym(kb, head.casefold(), rules.lang)
        if code and len(head) > 3:
            return Match(i, i + 1, (f"country:{code}",), "demonym")
    return None


def _demonym(kb: KnowledgeBase, word: str, lang: str) -> str | None:
    try:
        code = kb.demonym(word, lang)
    except NotImplementedError:
        return None
    return code or _nationality_nouns(kb, lang).get(normalise_alias(word)) or None


_MIN_NOUN_LEN = 5  # derived nouns shorter than this collide with ordinary words and given names


@lru_cache(maxsize=64)
def _nationality_nouns(kb: KnowledgeBase, lang: str) -> dict[str, str]:
    """Nationality nouns of ``lang`` derived from the KB's demonym adjectives by the language's ending pairs.

    A form derived for two countries maps to "" (ambiguous, never matched).
    """
    pairs = lang_rules(lang).demonym_nouns
    out: dict[str, str] = {}
    if not pairs:
        return out
    try:
        forms = list(kb.demonym_forms(lang))
    except NotImplementedError:
        return out
    for form, code in forms:
        for adj, noun in pairs:
            if not form.endswith(adj) or len(form) <= len(adj) + 2:
                continue
            derived = form[: -len(adj)] + noun
            if len(derived) >= _MIN_NOUN_LEN:
                out[derived] = code if out.get(derived, code) == code else ""
    return out


@lru_cache(maxsize=16)
def _cjk_sites(kb: KnowledgeBase, lang: str) -> dict[str, tuple[str, ...]]:
    """Unspaced names of curated sites (seas, straits, regions), so that the longest match reads "日本海" as the
    Sea of Japan and not as Japan followed by a character."""
    index: dict[str, list[str]] = {}
    for alias, entry_id in kb.surface_forms(lang, types=["PLACE"]):
        if entry_id.startswith(_NOTABLE) and _CJK_RE.search(alias) and " " not in alias:
            index.setdefault(alias.casefold(), []).append(entry_id)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def _cjk_matches(text: str, offset: int, kb: KnowledgeBase, lang: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Longest-match scan over characters, for scripts written without spaces (zh, ja)."""
    gaz = gazetteer(kb, lang)
    sites = _cjk_sites(kb, lang)
    longest = max(gaz.cjk_max, max(map(len, sites), default=0))
    found = []
    i = 0
    while i < len(text):
        hit = None
        if _CJK_RE.match(text[i]):
            for length in range(min(longest, len(text) - i), 1, -1):
                form = text[i : i + length].casefold()
                ids = gaz.keys.get(form) or sites.get(form)
                if ids:
                    hit = (offset + i, offset + i + length, ids)
                    break
        if hit:
            found.append(hit)
            i = hit[1] - offset
        else:
            i += 1
    return found


# --------------------------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    """A mention before document-level resolution."""

    start: int
    end: int
    text: str
    sentence: int
    lang: str
    type: str
    ids: tuple[str, ...] = ()  # KB candidates
    kind: str = "name"  # alias | demonym | compound | name | ministry | merged | actor
    country: str | None = None
    role: str | None = None
    sector: str | None = None
    tok_start: int = 0
    tok_end: int = 0
    place_prep: bool = False  # preceded by a place preposition ("in", "i", "в")
    tagged: bool = False  # found or typed by the CRF tagger (a lone surname it calls PER stays a person)
    label: str | None = None  # the entity's name when the mention does not spell it (a ministry without KB entry)


@lru_cache(maxsize=1 << 16)
def _is_common_word(word: str, lang: str) -> bool:
    try:
        return bool(simplemma.is_known(word, lang))
    except ValueError:
        return False


_cue_in = lru_cache(maxsize=1 << 16)(cue_in)


def _role_at(tokens: Sequence[Token], i: int, rules: LangRules) -> tuple[int, str, str] | None:
    """Role word(s) starting at token ``i``: (token count, canonical role, sector)."""
    first = tokens[i].lower
    for key, role, sector in _multiword_roles(rules.lang).get(first, ()):
        n = len(key)
        if i + n > len(tokens):
            continue
        if [t.lower for t in tokens[i + 1 : i + n - 1]] == list(key[1:-1]) and _role_word_fits(
            tokens[i + n - 1].lower, key[-1], True, rules.lang
        ):
            return n, role, sector
    single = _single_role(first, rules.lang)
    return (1, *single) if single else None


@cache
def _multiword_roles(lang: str) -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """Multi-word roles of a language by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for key, role, sector in lang_rules(lang).roles:
        if len(key) > 1:
            index.setdefault(key[0], []).append((key, role, sector))
    return index


@lru_cache(maxsize=100_000)
def _single_role(word: str, lang: str) -> tuple[str, str] | None:
    for key, role, sector in lang_rules(lang).roles:
        if len(key) == 1 and _role_word_fits(word, key[0], False, lang):
            return role, sector
    return None


def _role_word_fits(word: str, key: str, multi: bool, lang: str) -> bool:
    """``word`` is the role word ``key``, inflected ("ministern") or as the head of a compound
    ("försvarsminister"), but not an organisation word containing it ("ministerie", "Außenministerium": an
    organisation word that runs past the end of the role word)."""
    pos = word.find(key)
    if pos < 0 or len(word) - pos - len(key) > _ROLE_SLACK:
        return False
    if pos > 0 and (multi or len(key) < 5):
        return False  # compounds only for single, specific role words
    end = pos + len(key)
    cues = lang_rules(lang).org_cues
    return not any(c in word and (len(c) > len(key) or word.find(c) + len(c) > end) for c in cues)


def _name_runs(ctx: SentenceContext, covered: set[int], roles: dict[int, Any]) -> list[list[int]]:
    """Maximal runs of capitalised, uncovered tokens (lower-case connectors allowed inside)."""
    tokens, rules = ctx.tokens, ctx.rules
    runs: list[list[int]] = []
    current: list[int] = []
    for i, tok in enumerate(tokens):
        if current and ctx.between(tokens[current[-1]], tok) not in {" ", "\u00a0"}:
            runs.append(current)  # punctuation or a line break ends a name
            current = []
        usable = i not in covered and i not in roles and tok.cased and tok.capitalised and tok.text[:1].isalpha()
        if usable and not _lowercase_compound(tok, ctx):
            current.append(i)
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        bridge = (
            current
            and (tok.lower in rules.connectors or tok.lower in rules.particles)
            and nxt is not None
            and nxt.capitalised
            and i + 1 not in covered
            and nxt.start - tok.end <= 1
        )
        if bridge:
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    for run in runs:
        while run and not tokens[run[-1]].capitalised:
            run.pop()
    return [r for r in runs if r]


def _lowercase_compound(tok: Token, ctx: SentenceContext) -> bool:
    """"Kim-dynastin", "Putin-regimen", "Likud-man": a common noun compounded with a name, not a name itself. A
    short lower-case part that is no word of the language is a hyphenated given name ("Hong-chol", "Jong-un")."""
    parts = tok.text.split("-")
    last = parts[-1]
    if len(parts) < 2 or not last[:1].islower():
        return False
    word = last.casefold()
    return len(last) > 5 or (len(last) >= 3 and (_is_common_word(word, ctx.lang) or word in ctx.lowercase_words))


def _sentence_initial(ctx: SentenceContext, i: int) -> bool:
    if i == 0:
        return True
    return any(c in ctx.between(ctx.tokens[i - 1], ctx.tokens[i]) for c in ".:!?\"“”«»—–-\n")


@dataclass
class SentenceContext:
    text: str
    tokens: list[Token]
    index: int
    lang: str
    rules: LangRules
    lowercase_words: set[str]  # words seen in lower case anywhere in the document
    offset: int  # document offset of the sentence text
    #: words written with a capital inside a sentence (not after a full stop, not in a title-case line): name parts
    name_words: frozenset[str] = frozenset()

    def between(self, left: Token, right: Token) -> str:
        """Sentence text between two tokens."""
        return self.text[left.end - self.offset : right.start - self.offset]


def _titled_name(rest: Sequence[Token], rules: LangRules) -> bool:
    """What follows a title word can be the name of its holder: capitalised words without an organisation word
    ("Commissioner Ana de Vries", not "High Commissioner for Refugees" or "Prosecutor General's Office")."""
    return all(t.capitalised or t.lower in rules.particles for t in rest) and not any(
        _cue_in(t.lower, rules.org_cues) for t in rest
    )


def _trim_run(run: list[int], ctx: SentenceContext) -> list[int]:
    """Drop function words, honorific titles and sentence-initial common words from the start of a run; a name
    starts after the last title in it ("Monday Comrade Ri Kwang Son" -> "Ri Kwang Son")."""
    tokens = ctx.tokens
    titles = [j for j, i in enumerate(run[:-1]) if tokens[i].lower in ctx.rules.titles]
    if titles and _titled_name([tokens[i] for i in run[titles[-1] + 1 :]], ctx.rules):
        run = run[titles[-1] + 1 :]
    while run:
        tok = tokens[run[0]]
        initial = _sentence_initial(ctx, run[0])
        lower = tok.lower
        if lower in ctx.rules.stopwords or (
            initial and (lower in ctx.lowercase_words or (len(run) == 1 and _is_common_word(lower, ctx.lang)))
        ):
            run = run[1:]
            while run and not tokens[run[0]].capitalised:
                run = run[1:]
            continue
        break
    return run


def _trim_leading_common(run: list[int], ctx: SentenceContext, kb: KnowledgeBase) -> list[int]:
    """Drop capitalised common words glued before a name: role nouns ("Verdediger Olga Carmona", "Stürmerin
    Alexandra Popp", see ``_role_noun``) when at least two name tokens remain, and common words before a given
    name ("Justitie Marc Verwilghen") unless the run is an organisation or place name that contains them by
    right."""
    if not run:
        return run
    before = [t.lower for t in ctx.tokens[max(0, run[0] - 3) : run[0]]]
    if any(_cue_in(w, ctx.rules.vehicle_cues) for w in before):
        return run
    run = _strip_role_nouns(ctx, run, kb)
    if len(run) >= 2 and _article_noun(ctx, run[0], kb):
        run = run[1:]
        while run and not ctx.tokens[run[0]].capitalised:
            run = run[1:]  # "Bau von Satelliten": the connector after the noun
    words = [ctx.tokens[i].lower for i in run]
    if any(_cue_in(w, ctx.rules.org_cues) or _cue_in(w, ctx.rules.place_cues) for w in words):
        return run
    while (
        len(run) >= 3
        and ctx.tokens[run[0]].lower not in ctx.rules.given_names
        and _is_common_word(ctx.tokens[run[0]].lower, ctx.lang)
        and ctx.tokens[run[1]].capitalised
        and ctx.tokens[run[1]].lower in ctx.rules.given_names
    ):
        run = run[1:]
    return run


#: languages that capitalise every noun: there a capital does not mark a name anywhere in the sentence
_NOUN_CAPITALISING = frozenset({"de"})
_AGENT_MIN = 6  # shortest word read as an agent noun by its ending ("Spits", "Kim" are not)
_TITLE_HEAD_MIN = 5  # shortest title read as the head of a compound ("oppositieleider", "förbundskaptenen")


def _strip_role_nouns(ctx: SentenceContext, run: list[int], kb: KnowledgeBase) -> list[int]:
    """``run`` without the role nouns before its name ("Verdediger Olga Carmona"), while two name tokens remain."""
    while len(run) >= 3 and _name_rest(ctx, run[1:]) and _role_noun(ctx, run[0], kb):
        run = run[1:]
    return run


def _name_rest(ctx: SentenceContext, rest: list[int]) -> bool:
    """What is left after a leading word still looks like a name: it starts with a capital and holds no
    organisation word ("Trainer Hansi Flick", not "Sprecher Deutsche Bank"). Place words are allowed: they
    begin many surnames ("Sjöholm", "Bergman")."""
    tokens, rules = ctx.tokens, ctx.rules
    words = [tokens[i].lower for i in rest]
    return (
        tokens[rest[0]].capitalised
        and words[0] not in rules.stopwords
        and not any(_cue_in(w, rules.org_cues) for w in words)
    )


def _role_noun(ctx: SentenceContext, i: int, kb: KnowledgeBase) -> bool:
    """Token ``i`` is a role or common noun written with a capital before a name, not a given name.

    A title or role word of the lexicon is one anywhere. Otherwise the word must be where a capital does not
    mark a name (sentence-initial, or any noun in German), be a known word of the language with an agent-noun
    ending ("Verdediger", "Stürmerin", "Entrenador") or a title as the head of a compound ("Oppositieleider"),
    and nothing may show it as part of a name: a given name, a token of a KB person's name ("Kim", "Peter"), the
    same word capitalised inside a sentence elsewhere in the document ("Salvador").
    """
    lower = ctx.tokens[i].lower
    rules = ctx.rules
    if lower in rules.given_names or lower in _kb_person_tokens(kb):
        return False
    if lower in rules.titles or _single_role(lower, ctx.lang) is not None:
        return True
    nouns_capitalised = ctx.lang in _NOUN_CAPITALISING
    if not nouns_capitalised and (lower in ctx.name_words or not _sentence_initial(ctx, i)):
        return False
    return _agent_noun(lower, ctx.lang) and _is_common_word(lower, ctx.lang)


def _article_noun(ctx: SentenceContext, i: int, kb: KnowledgeBase) -> bool:
    """Token ``i`` is a common noun because an article stands right before it ("im Gebiet Amur", "die Segeljacht
    von Rostock"), in a language that capitalises every noun; a given name or a KB person's name token is not
    ("die Ursula von der Leyen")."""
    if i == 0 or not ctx.rules.noun_articles:
        return False
    prev, tok = ctx.tokens[i - 1], ctx.tokens[i]
    return (
        prev.lower in ctx.rules.noun_articles
        and ctx.between(prev, tok) == " "
        and tok.lower not in ctx.rules.given_names
        and tok.lower not in _kb_person_tokens(kb)
    )


@lru_cache(maxsize=1 << 16)
def _agent_noun(word: str, lang: str) -> bool:
    """``word`` ends like an agent noun of the language or has a title as its head (inflected by a few letters:
    "Kapitänin", "partiledaren")."""
    rules = lang_rules(lang)
    if len(word) < _AGENT_MIN:
        return False
    if any(word.endswith(s) and len(word) - len(s) >= 3 for s in rules.agent_suffixes):
        return True
    for title in rules.titles:
        pos = word.rfind(title)
        if len(title) >= _TITLE_HEAD_MIN and pos >= 0 and len(word) - pos - len(title) <= _ROLE_SLACK:
            return True
    return False


@lru_cache(maxsize=8)
def _kb_person_tokens(kb: KnowledgeBase) -> frozenset[str]:
    """Every token of every KB person's names, in all languages: words that are names by the KB's word."""
    tokens: set[str] = set()
    for alias, entry_id in kb.surface_forms(None):
        entry = _entry(kb, entry_id)
        if entry is not None and entry.type == "PERSON":
            tokens.update(_alias_tokens(alias))
    return frozenset(tokens)


def _type_run(run: list[int], ctx: SentenceContext, roles: dict[int, Any]) -> str | None:
    """Type of an unknown capitalised span from context cues; None when it is not a name."""
    tokens, rules = ctx.tokens, ctx.rules
    words = [tokens[i].lower for i in run]
    before = [t.lower for t in tokens[max(0, run[0] - 3) : run[0]]]
    after = tokens[run[-1] + 1].lower if run[-1] + 1 < len(tokens) else ""
    if any(_cue_in(w, rules.vehicle_cues) for w in before):
        return "OTHER"
    if len(run) == 1 and words[0] in rules.collectives:
        return None  # "el Gobierno": a collective noun is an actor only with its country (``collectives``)
    if _month_phrase(words, ctx):
        return None
    if any(_cue_in(w, rules.org_cues) for w in words):
        return "ORGANIZATION"
    titled = run[0] > 0 and before[-1] in rules.titles and ctx.between(tokens[run[0] - 1], tokens[run[0]]) == " "
    if len(run) >= 2 and titled:
        return "PERSON"  # the holder of the title before it ("Åklagaren Lena Berg", "the coach Ana Lindqvist")
    if any(_cue_in(w, rules.place_cues) for w in words[1:]):
        return "PLACE"
    noun_before = bool(before) and ctx.lang in _NOUN_CAPITALISING and tokens[run[0] - 1].capitalised
    if noun_before and _cue_in(before[-1], rules.place_cues):
        return "PLACE"  # the name after a place noun ("auf der Insel Bornholm")
    if len(run) == 1 and tokens[run[0]].upper and 2 <= len(words[0]) <= 6:
        return "ORGANIZATION"
    near_role = any(j in roles for j in range(max(0, run[0] - _ROLE_WINDOW), run[0])) or (
        run[-1] + 1 in roles or run[-1] + 2 in roles
    )
    speech = (before[-1:] and before[-1] in rules.speech_verbs) or after in rules.speech_verbs
    given = words[0] in rules.given_names
    if len(run) >= 2 and (near_role or speech or given or any(w in rules.particles for w in words)):
        return "PERSON"
    model = load_model()
    if model is not None:
        return _model_type(run, ctx)
    if len(run) == 1 and before[-1:] and before[-1] in rules.place_preps:
        return "PLACE"
    if len(run) == 1 and (_sentence_initial(ctx, run[0]) or _is_common_word(words[0], ctx.lang)):
        return "TENTATIVE"  # kept only if it is the short form of a name in the document
    if any(_is_common_word(w, ctx.lang) for w in words):
        return None
    if 2 <= len(run) <= 4 and all(tokens[i].capitalised for i in run):
        return "PERSON"
    return "OTHER"


@cache
def _month_names(lang: str) -> frozenset[str]:
    """Month names of a language (``lang/<code>/times.yaml``), of three letters or more."""
    months = load_lexicon(lang, "times").get("months") or {}
    return frozenset(w for names in months.values() for w in _words(names) if len(w) >= 3)


def _month_phrase(words: list[str], ctx: SentenceContext) -> bool:
    """"Anfang November", "Ende Mai": common words before a month name are a time, not a name."""
    return (
        len(words) >= 2
        and words[-1] in _month_names(ctx.lang)
        and all(_is_common_word(w, ctx.lang) and w not in ctx.rules.given_names for w in words[:-1])
    )


def run_features(run: list[int], ctx: SentenceContext) -> list[str]:
    """Features of an unknown run for the statistical typer (see ``entity_typer``)."""
    tokens = ctx.tokens
    return span_features(
        [tokens[i].text for i in run],
        [t.lower for t in tokens[max(0, run[0] - 2) : run[0]]],
        [t.lower for t in tokens[run[-1] + 1 : run[-1] + 3]],
        _sentence_initial(ctx, run[0]),
        [_is_common_word(tokens[i].lower, ctx.lang) for i in run],
    )


def _model_type(run: list[int], ctx: SentenceContext) -> str | None:
    """Most probable type. Names judged not to be actors (O, and MISC: wars, events, nationality nouns) are
    dropped; a lone word stays tentative, since it may still be the short form of a name in the document."""
    model = load_model()
    assert model is not None
    probs = model.probabilities(run_features(run, ctx))
    label = max(probs, key=lambda k: probs[k])
    etype = LABEL_TYPES.get(label)
    if etype is None or etype == "OTHER":
        return "TENTATIVE" if len(run) == 1 else None
    return etype


# --------------------------------------------------------------------------------------------- per sentence


def _entry(kb: KnowledgeBase, entry_id: str) -> KBEntry | None:
    try:
        return kb.get(entry_id)
    except NotImplementedError:
        return None


def _best_entry(kb: KnowledgeBase, ids: Sequence[str], context_countries: Counter[str]) -> KBEntry | None:
    entries = [e for e in (_entry(kb, i) for i in ids) if e is not None]
    if not entries:
        return None

    def rank(e: KBEntry) -> tuple[int, int, float]:
        population = float(e.extra.get("population") or 0)
        return (_TYPE_PRIORITY.get(e.type, 9), -context_countries.get(e.country or "", 0), -population)

    return min(entries, key=rank)


def _lookup_run(ctx: SentenceContext, run: list[int], kb: KnowledgeBase) -> tuple[str, ...]:
    """Direct KB lookup of a whole capitalised run (entries the gazetteer index does not hold, e.g. small places).
    A short word not written in capitals is only a place name ("Oss"), never an abbreviation ("Sin" is no China)."""
    places_only = not _case_ok([ctx.tokens[i] for i in run], ctx.rules)
    text = " ".join(ctx.tokens[i].text for i in run)
    for form in _strip_genitive(text, ctx.rules):
        try:
            entries = kb.lookup(form, ctx.lang)
        except NotImplementedError:
            return ()
        entries = [e for e in entries if e.type == "PLACE" or not places_only]
        if entries:
            return tuple(e.id for e in entries)
    if ctx.lang in _SLAVIC:
        for form in _slavic_base_forms([ctx.tokens[i].text for i in run], ctx.lang):
            places = [e for e in kb.lookup(form, ctx.lang) if e.type == "PLACE"]
            if places:
                return tuple(e.id for e in places)
        return _notable_place_stems(kb, ctx.lang).get(" ".join(stem_key(ctx.tokens[i].lower) for i in run), ())
    return ()


@lru_cache(maxsize=16)
def _notable_place_stems(kb: KnowledgeBase, lang: str) -> dict[str, tuple[str, ...]]:
    """Case-ending stem keys of the names of curated sites and regions of a Slavic language, whose adjectives
    agree with the noun in every case ("Каспийском море", "Каспийское море")."""
    index: dict[str, list[str]] = {}
    for alias, entry_id in kb.surface_forms(lang, types=["PLACE"]):
        if entry_id.startswith(_NOTABLE) and " " in alias:
            index.setdefault(" ".join(stem_key(t) for t in _alias_tokens(alias)), []).append(entry_id)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


#: nominative endings tried on the case-ending stem of an inflected Slavic place name ("Маріуполя" -> "Маріуполь")
_NOMINATIVE_ENDINGS = ("", "а", "я", "ь", "о", "a", "o")


def _slavic_base_forms(words: list[str], lang: str) -> list[str]:
    """Dictionary forms of an inflected Slavic name for a direct KB lookup of places (which the gazetteer does not
    index): the lemma of every word, and the last word's case-ending stem with each nominative ending."""
    lemmas = [str(simplemma.lemmatize(w, lang)) for w in words]
    last = words[-1].casefold()
    stem = stem_key(last)
    forms = [" ".join(lemmas)]
    if stem != last:
        forms += [" ".join([*words[:-1], stem + e]) for e in _NOMINATIVE_ENDINGS]
    return list(dict.fromkeys(forms))


def _roles(ctx: SentenceContext) -> dict[int, tuple[int, str, str]]:
    """Token index -> role found there (every token of a multi-word role)."""
    roles: dict[int, tuple[int, str, str]] = {}
    for i in range(len(ctx.tokens)):
        if ctx.tokens[i].text[:1].isalpha() and i not in roles:
            role = _role_at(ctx.tokens, i, ctx.rules)
            if role:
                for j in range(i, i + role[0]):
                    roles[j] = role
    return roles


def unknown_runs(ctx: SentenceContext, kb: KnowledgeBase) -> list[list[int]]:
    """The capitalised runs that neither the gazetteer nor a direct KB lookup explains (training the typer)."""
    matches = _gazetteer_matches(ctx.tokens, kb, ctx.rules)
    roles = _roles(ctx)
    covered = {i for m in matches if not (m.start in roles and m.kind != "alias") for i in range(m.start, m.end)}
    runs = [_trim_leading_common(_trim_run(run, ctx), ctx, kb) for run in _name_runs(ctx, covered, roles)]
    return [run for run in runs if run and not _lookup_run(ctx, run, kb)]


def _sentence_candidates(ctx: SentenceContext, kb: KnowledgeBase) -> list[Candidate]:
    tokens, rules = ctx.tokens, ctx.rules
    matches = _gazetteer_matches(tokens, kb, rules)
    roles = _roles(ctx)
    cands: list[Candidate] = []
    covered: set[int] = set()
    for m in matches:
        span = tokens[m.start : m.end]
        cand = Candidate(
            start=span[0].start,
            end=span[-1].end,
            text="",
            sentence=ctx.index,
            lang=ctx.lang,
            type="",
            ids=m.ids,
            kind=m.kind,
            tok_start=m.start,
            tok_end=m.end,
            place_prep=m.start > 0 and tokens[m.start - 1].lower in rules.place_preps,
        )
        if m.start in roles and m.kind != "alias":
            continue
        cands.append(cand)
        covered.update(range(m.start, m.end))
    for run in _name_runs(ctx, covered, roles):
        run = _trim_leading_common(_trim_run(_with_ministry_words(ctx, run, covered), ctx), ctx, kb)
        if not run:
            continue
        ministry = _ministry_role(ctx, run[0], run[-1] + 1) is not None  # before homonyms ("UD", a town)
        kb_ids = () if ministry else _lookup_run(ctx, run, kb)
        if kb_ids:
            cands.append(_alias_candidate(ctx, run, kb_ids))
            continue
        etype = _type_run(run, ctx, roles)
        nxt = tokens[run[-1] + 1] if run[-1] + 1 < len(tokens) else None
        joined = nxt is not None and ctx.between(tokens[run[-1]], nxt) == " "
        if nxt is not None and joined and not nxt.capitalised and _cue_in(nxt.lower, rules.place_cues):
            etype = "PLACE"  # "Vostochny cosmodrome", "Khasan district"
            run = [*run, nxt.index]
            kb_ids = _lookup_run(ctx, run, kb) if ctx.lang in _SLAVIC else ()  # "Каспийском море" (-ое море)
            if kb_ids:
                cands.append(_alias_candidate(ctx, run, kb_ids))
                continue
        kind = "name"
        if etype is None and ministry:
            etype, kind = "ORGANIZATION", "ministry"  # a common noun naming a ministry ("Außenministerium")
        if etype is None:
            continue
        cands.append(
            Candidate(
                start=tokens[run[0]].start,
                end=tokens[run[-1]].end,
                text="",
                sentence=ctx.index,
                lang=ctx.lang,
                type=etype,
                kind=kind,
                tok_start=run[0],
                tok_end=run[-1] + 1,
            )
        )
    cands.sort(key=lambda c: c.start)
    cands = _merge_org_with_place(cands, ctx, kb)
    for cand in cands:
        _resolve_ministry(cand, cands, ctx, kb)
    return [c for c in cands if c.kind != "ministry"]  # a ministry word without a country is no name


def _alias_candidate(ctx: SentenceContext, run: list[int], ids: tuple[str, ...]) -> Candidate:
    """A capitalised run found in the KB by direct lookup."""
    tokens = ctx.tokens
    return Candidate(
        start=tokens[run[0]].start, end=tokens[run[-1]].end, text="", sentence=ctx.index, lang=ctx.lang,
        type="", ids=ids, kind="alias", tok_start=run[0], tok_end=run[-1] + 1,
    )


@lru_cache(maxsize=8)
def _orgs_by_role(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    """(role, country) -> id of the KB organisation holding that role ("foreign_ministry", "RUS")."""
    index: dict[tuple[str, str], str] = {}
    for entry in kb.entries.values():
        if entry.type == "ORGANIZATION" and entry.role and entry.country:
            index.setdefault((entry.role, entry.country), entry.id)
    return index


def _ministry_role(ctx: SentenceContext, tok_start: int, tok_end: int) -> tuple[str, str | None] | None:
    """The ministry a name stands for, read with or without its leading organisation words ("Ministerie van")."""
    words = [t.lower for t in ctx.tokens[tok_start:tok_end]]
    while words:
        found = _ministry_named(words, ctx.rules)
        if found or not (_cue_in(words[0], ctx.rules.org_cues) or words[0] in ctx.rules.connectors):
            return found
        words = words[1:]
    return None


def _ministry_named(words: list[str], rules: LangRules) -> tuple[str, str | None] | None:
    """The ministries lexicon entry of ``words``, in Slavic languages in any case ("Міністерства оборони")."""
    found = rules.ministries.get(" ".join(words))
    if found is None and rules.lang in _SLAVIC:
        found = _ministry_stems(rules.lang).get(" ".join(stem_key(w) for w in words))
    return found


@cache
def _ministry_stems(lang: str) -> dict[str, tuple[str, str | None]]:
    return {" ".join(stem_key(w) for w in k.split()): v for k, v in lang_rules(lang).ministries.items()}


_MINISTRY_WORDS = 3  # lower-case words after a capitalised ministry word that may complete its name


def _with_ministry_words(ctx: SentenceContext, run: list[int], covered: set[int]) -> list[int]:
    """A capitalised ministry word and the lower-case words naming its field are one name ("Міністерство оборони",
    "Ministerstwo obrony"); the run is extended over them when the longer span is a ministry and the run alone
    is not."""
    if _ministry_role(ctx, run[0], run[-1] + 1) is not None:
        return run
    tokens = ctx.tokens
    for n in range(_MINISTRY_WORDS, 0, -1):
        nxt = list(range(run[-1] + 1, min(run[-1] + 1 + n, len(tokens))))
        if len(nxt) < n or any(i in covered or tokens[i].capitalised for i in nxt):
            continue
        if not all(ctx.between(tokens[i - 1], tokens[i]) == " " for i in nxt):
            continue
        for k, first in enumerate(run):  # the ministry may follow a capitalised word ("Wczoraj Ministerstwo obrony")
            if _ministry_role(ctx, first, nxt[-1] + 1) is not None:
                return [*run[k:], *nxt]
    return run


#: English names of ministries without a KB entry, by the role of the ministries lexicons
_MINISTRY_NAMES = {"foreign_ministry": "Ministry of Foreign Affairs", "defence_ministry": "Ministry of Defence"}


def _resolve_ministry(cand: Candidate, cands: list[Candidate], ctx: SentenceContext, kb: KnowledgeBase) -> None:
    """A short ministry name ("Buitenlandse Zaken", "UD", "Außenministerium") is the ministry of the country in
    its context ("het ministerie van Buitenlandse Zaken van Chili", "das russische Außenministerium"), resolved
    to that country's KB organisation; a name only one country uses needs no context ("Quai d'Orsay")."""
    if cand.ids or cand.kind not in {"name", "ministry"} or cand.tok_start < 0:
        return
    found = _ministry_role(ctx, cand.tok_start, cand.tok_end)
    if found is None:
        return
    role, default = found
    country = _role_country(ctx, cands, kb, cand.tok_start, cand.tok_end - cand.tok_start)[0] or default
    if country is not None:
        _assign_ministry(cand, role, country, kb)


def _assign_ministry(cand: Candidate, role: str, country: str, kb: KnowledgeBase) -> None:
    """Make ``cand`` the ministry of ``country``: its KB organisation if there is one, else a NIL organisation."""
    cand.type, cand.country, cand.kind = "ORGANIZATION", country, "name"
    org = _orgs_by_role(kb).get((role, country))
    if org is not None:
        cand.ids, cand.kind = (org,), "alias"
        return
    state = _entry(kb, f"country:{country}")
    if role in _MINISTRY_NAMES and state is not None:  # "МИД Ирана" -> "Ministry of Foreign Affairs of Iran"
        cand.label = f"{_MINISTRY_NAMES[role]} of {state.name}"


def _merge_org_with_place(cands: list[Candidate], ctx: SentenceContext, kb: KnowledgeBase) -> list[Candidate]:
    """An organisation word followed by a place is one organisation ("Universidad de Barcelona", "Bank of
    Korea", "Real Madrid"), not an organisation plus a place."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and not prev.ids and cand.ids and cand.kind == "alias":
            gap = [t.lower for t in ctx.tokens[prev.tok_end : cand.tok_start]]
            words = [t.lower for t in ctx.tokens[prev.tok_start : prev.tok_end]]
            org_word = any(_cue_in(w, ctx.rules.org_cues) for w in words)
            entry = _entry(kb, cand.ids[0])
            geo = entry is not None and entry.type in {"PLACE", "COUNTRY"}
            if org_word and geo and all(w in ctx.rules.connectors for w in gap) and len(gap) <= 2:
                ministry = _ministry_role(ctx, prev.tok_start, prev.tok_end)
                prev.end, prev.tok_end, prev.type = cand.end, cand.tok_end, "ORGANIZATION"
                country = _country_of(cand, kb)
                if ministry is not None and country:  # "Ministerio de Asuntos Exteriores de China"
                    _assign_ministry(prev, ministry[0], country, kb)
                continue
        out.append(cand)
    return out


# --------------------------------------------------------------------------------------------- document level


def _kb_type(kb: KnowledgeBase, cand: Candidate, countries: Counter[str]) -> KBEntry | None:
    return _best_entry(kb, cand.ids, countries)


def _absorb_weak_matches(cands: list[Candidate], kb: KnowledgeBase, ctx: SentenceContext) -> list[Candidate]:
    """A single-token KB person/place match glued to an unknown name is part of that name ("Hero Kim Kun Ok")."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev and cand.start - prev.end <= 1 and _mergeable(prev, cand, kb):
            out[-1] = _merge(prev, cand, ctx)
            continue
        out.append(cand)
    return out


def _single_name(kb: KnowledgeBase, cand: Candidate) -> bool:
    if not cand.ids or cand.tok_end - cand.tok_start != 1 or cand.kind != "alias":
        return False
    entry = _entry(kb, cand.ids[0])
    return entry is not None and entry.type in {"PERSON", "PLACE"}


def _mergeable(a: Candidate, b: Candidate, kb: KnowledgeBase) -> bool:
    """Unknown + single-token KB name, or two unknown parts that such a token had split."""
    unknown = [c for c in (a, b) if not c.ids]
    weak = [c for c in (a, b) if _single_name(kb, c)]
    return (len(unknown) == 1 and len(weak) == 1) or (len(unknown) == 2 and a.kind == "merged")


def _merge(a: Candidate, b: Candidate, ctx: SentenceContext) -> Candidate:
    unknown = a if not a.ids else b
    run = list(range(a.tok_start, b.tok_end))
    etype = _type_run(run, ctx, {}) or unknown.type
    return Candidate(
        start=a.start, end=b.end, text="", sentence=a.sentence, lang=a.lang, type=etype, kind="merged",
        tok_start=a.tok_start, tok_end=b.tok_end,
    )


def _country_of(cand: Candidate, kb: KnowledgeBase) -> str | None:
    if not cand.ids:
        return None
    entry = _entry(kb, cand.ids[0])
    if entry is not None and entry.type == "COUNTRY":
        return entry.country or entry.id.split(":")[-1]
    return None


def _attach_roles(ctx: SentenceContext, cands: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """Give role holders their role/sector/country; turn holder-less roles with a country into actors. A ministry
    named inside a role phrase is the ministry of the role's country ("minister van Buitenlandse Zaken Choe Son
    Hui": North Korea's)."""
    tokens, rules = ctx.tokens, ctx.rules
    by_tok = {c.tok_start: c for c in cands}
    actors: list[Candidate] = []
    i = 0
    while i < len(tokens):
        role = _role_at(tokens, i, rules)
        if not role or i in by_tok:
            i += 1
            continue
        n, role_name, sector = role
        country, country_tok = _role_country(ctx, cands, kb, i, n)
        holder = _role_holder(ctx, cands, kb, i, n)
        _ministry_in_role(ctx, cands, kb, (i, i + n), country or _holder_country(holder, kb))
        if holder is not None:
            holder.role = holder.role or role_name
            holder.sector = holder.sector or sector
            holder.country = holder.country or country
            if holder.ids == () and holder.type in {"OTHER", "ORGANIZATION"} and holder.tok_end - holder.tok_start >= 2:
                holder.type = "PERSON"
        elif country:
            start_tok = min(country_tok, i) if country_tok is not None and country_tok < i else i
            actors.append(_actor(ctx, start_tok, i + n, country, role_name, sector, "OTHER"))
        i += n
    taken = {t for a in actors for t in range(a.tok_start, a.tok_end)}
    for i, tok in enumerate(tokens):
        group = rules.collectives.get(tok.lower)
        if group and i > 0 and i not in taken:
            country = _country_of(by_tok.get(i - 1) or Candidate(0, 0, "", 0, "", ""), kb)
            if country:
                actors.append(_actor(ctx, i - 1, i + 1, country, group[0], group[1], group[2]))
    return cands + actors


def _holder_country(holder: Candidate | None, kb: KnowledgeBase) -> str | None:
    if holder is None:
        return None
    entry = _entry(kb, holder.ids[0]) if holder.ids else None
    return holder.country or (entry.country if entry is not None else None)


def _ministry_in_role(
    ctx: SentenceContext, cands: list[Candidate], kb: KnowledgeBase, span: tuple[int, int], country: str | None
) -> None:
    """Resolve an unknown ministry name within the role phrase ``span`` to the ministry of ``country``."""
    for c in cands:
        if c.ids or not (span[0] <= c.tok_start and c.tok_end <= span[1]) or country is None:
            continue
        found = _ministry_role(ctx, c.tok_start, c.tok_end)
        if found is not None:
            _assign_ministry(c, found[0], country, kb)


def _actor(
    ctx: SentenceContext, tok_start: int, tok_end: int, country: str, role: str, sector: str, etype: str
) -> Candidate:
    start, end = ctx.tokens[tok_start].start, ctx.tokens[tok_end - 1].end
    return Candidate(
        start=start, end=end, text="", sentence=ctx.index, lang=ctx.lang, type=etype, kind="actor",
        country=country, role=role, sector=sector, tok_start=tok_start, tok_end=tok_end,
    )


def _role_country(
    ctx: SentenceContext, cands: list[Candidate], kb: KnowledgeBase, i: int, n: int
) -> tuple[str | None, int | None]:
    """Country of a role: a country/demonym just before it, else one introduced by "of"/"van" after it."""
    for c in reversed(cands):
        if i - 3 <= c.tok_start < i:
            code = _country_of(c, kb)
            if code:
                return code, c.tok_start
    tokens = ctx.tokens
    for c in cands:
        if i + n <= c.tok_start <= i + n + 3:
            code = _country_of(c, kb)
            gap = [t.lower for t in tokens[i + n : c.tok_start]]
            introduced = bool(gap) and gap[0] in ctx.rules.affiliation_preps
            adjacent = not gap and (c.kind == "demonym" or ctx.lang in _SLAVIC)  # "ministre russe", "министр России"
            if code and (introduced or adjacent):
                return code, c.tok_start
    return None, None


def _is_person_like(c: Candidate, kb: KnowledgeBase) -> bool:
    if c.ids:
        entry = _entry(kb, c.ids[0])
        return entry is not None and entry.type == "PERSON"
    return c.type in {"PERSON", "OTHER"} and c.kind == "name"


def _role_holder(
    ctx: SentenceContext, cands: list[Candidate], kb: KnowledgeBase, i: int, n: int
) -> Candidate | None:
    """The person a role word refers to: the next person name within a few tokens, or one in apposition before."""
    tokens = ctx.tokens
    for c in cands:
        if i + n <= c.tok_start <= i + n + _ROLE_WINDOW and _is_person_like(c, kb):
            gap = ctx.between(tokens[i + n - 1], tokens[c.tok_start])
            if not any(p in gap for p in ".;:?!\"”“(") and not any(
                _is_person_like(o, kb) for o in cands if i + n <= o.tok_start < c.tok_start
            ):
                return c
            break
    for c in reversed(cands):
        if c.tok_end <= i and i - c.tok_end <= 2 and _is_person_like(c, kb):
            gap = ctx.between(tokens[c.tok_end - 1], tokens[i])
            if "," in gap:
                return c
    return None


@dataclass
class _Group:
    id: str
    type: str
    name: str
    country: str | None = None
    wikidata: str | None = None
    role: str | None = None
    sector: str | None = None
    mentions: list[Candidate] = field(default_factory=list)


def _sentence_language(doc: Document, sent: Sentence) -> str:
    lang = sent.language or doc.language or "en"
    return lang if lang in SUPPORTED_LANGUAGES else "en"


def _lowercase_vocabulary(text: str) -> set[str]:
    return {m.group() for m in TOKEN_RE.finditer(text) if m.group()[:1].islower()}


def _surname_index(groups: dict[str, _Group]) -> dict[str, list[str]]:
    """First and last name tokens of multi-token person names in the document -> entity ids."""
    index: dict[str, list[str]] = {}
    for g in groups.values():
        if g.type != "PERSON":
            continue
        for m in g.mentions:
            toks = _alias_tokens(m.text)
            if len(toks) >= 2:
                for t in {toks[0], toks[-1]}:
                    if g.id not in index.setdefault(t, []):
                        index[t].append(g.id)
    return index


def _strip_genitive(word: str, rules: LangRules) -> list[str]:
    return [word] + [word[: -len(s)] for s in rules.suffixes if word.endswith(s) and len(word) - len(s) >= 2]


@lru_cache(maxsize=8)
def _kb_person_keys(kb: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    """Transliterated last-name token -> [(entry id, alias)] of KB people, for fuzzy full-name resolution."""
    index: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for alias, entry_id in kb.surface_forms(None):
        if (alias, entry_id) in seen or len(alias.split()) < 2:
            continue
        seen.add((alias, entry_id))
        entry = _entry(kb, entry_id)
        if entry is None or entry.type != "PERSON":
            continue
        toks = latin_tokens(alias)
        if toks:
            index.setdefault(toks[-1][:3], []).append((entry_id, alias))
    return index


def _fuzzy_kb_person(kb: KnowledgeBase, name: str, lang: str) -> str | None:
    """A KB person whose full name matches ``name`` after transliteration (all tokens must agree)."""
    toks = latin_tokens(name, lang)
    if len(toks) < 2:
        return None
    best, best_score = None, 0.0
    for tok in {toks[-1][:3], toks[0][:3]}:
        for entry_id, alias in _kb_person_keys(kb).get(tok, []):
            score = name_similarity(name, alias, lang, None)
            if score > best_score:
                best, best_score = entry_id, score
    return best if best_score >= 0.9 else None


def _resolve_document(doc: Document, cands: list[Candidate], kb: KnowledgeBase) -> list[Entity]:
    groups: dict[str, _Group] = {}
    countries: Counter[str] = Counter()
    _prefer_named_organisations(cands, kb)
    for c in cands:
        code = _country_of(c, kb)
        if code:
            countries[code] += 1
    _apply_abbreviation_definitions(doc.text, cands, kb)
    weak: list[Candidate] = []
    unknown: list[Candidate] = []
    for c in cands:
        c.text = doc.text[c.start : c.end]
        if c.kind == "actor":
            key = f"actor:{c.country}:{c.role}".replace(" ", "_")
            g = groups.setdefault(key, _Group(key, c.type, c.text, c.country, None, c.role, c.sector))
            g.mentions.append(c)
            continue
        if not c.ids:
            unknown.append(c)
            continue
        entry = _kb_type(kb, c, countries)
        if entry is None:
            unknown.append(c)
            continue
        if entry.type == "PERSON" and c.tok_end - c.tok_start == 1 and c.kind == "alias":
            weak.append(c)
            continue
        if _unsupported_small_place(entry, c):
            continue
        if entry.type == "PLACE" and entry.country and countries and entry.country not in countries:
            c.ids, c.type = (), "PLACE"  # a namesake abroad: keep the place, not the wrong identification
            unknown.append(c)
            continue
        _add_kb(groups, entry, c)
    for c in weak:
        entry = _kb_type(kb, c, countries)
        assert entry is not None
        persons = [i for i in c.ids if (e := _entry(kb, i)) is not None and e.type == "PERSON"]
        if entry.id in groups or len(persons) == 1:
            _add_kb(groups, entry, c)
        else:
            c.ids = ()
            c.type = "PERSON"
            unknown.append(c)
    _resolve_unknown(doc, unknown, groups, kb)
    if doc.published is not None:
        _acting_for_organisations(groups, kb, doc.published.date().isoformat())
    return [_to_entity(g) for g in groups.values()]


def _acting_for_organisations(groups: dict[str, _Group], kb: KnowledgeBase, day: str) -> None:
    """A KB person whose only office on the article's date is held in an international organisation (von der
    Leyen at the Commission, Borrell as the EU's High Representative) acts for that organisation, not for the
    state of their nationality: the entity keeps no country and takes the office's role and the organisation's
    sector."""
    for g in groups.values():
        if g.type != "PERSON" or g.id.startswith(("nil:", "actor:")):
            continue
        offices = kb.roles_of(g.id, day)
        orgs = [o for o in offices if str(o.get("country") or "").startswith("org:")]
        if not orgs or len(orgs) != len(offices):
            continue
        org = _entry(kb, str(orgs[0]["country"]))
        g.country, g.role = None, str(orgs[0]["role"])
        g.sector = org.sector if org is not None and org.sector else g.sector


def _prefer_named_organisations(cands: list[Candidate], kb: KnowledgeBase) -> None:
    """An ambiguous name that can stand for an organisation named unambiguously elsewhere in the document is that
    organisation (one sense per discourse): "Brussels" is the EU in an article naming the EU, Belgium otherwise."""
    named = {c.ids[0] for c in cands if len(c.ids) == 1}
    for c in cands:
        if len(c.ids) < 2:
            continue
        orgs = [i for i in c.ids if i in named and (e := _entry(kb, i)) is not None and e.type == "ORGANIZATION"]
        if len(orgs) == 1:
            c.ids = (orgs[0],)


_DEFINITION_GAP = 40  # characters between a name and the parenthesised abbreviation that defines it


def _apply_abbreviation_definitions(text: str, cands: list[Candidate], kb: KnowledgeBase) -> None:
    """A place name followed by a parenthesised abbreviation of an organisation named after it is that
    organisation's short form ("the Volksrepubliek Lugansk (LNR)", "Donetsk and Luhansk (DPR/LPR)"); one sense
    per discourse: the place's other mentions in the document are the organisation too."""
    retarget: dict[str, str] = {}
    for i, c in enumerate(cands):
        places = [e for e in (_entry(kb, x) for x in c.ids) if e is not None and e.type == "PLACE"]
        if c.kind != "alias" or not places:
            continue
        for o in cands[i + 1 :]:
            gap = text[c.end : o.start]
            if o.sentence != c.sentence or len(gap) > _DEFINITION_GAP or ")" in gap or "." in gap:
                break
            org = _entry(kb, o.ids[0]) if o.ids else None
            if "(" not in gap or org is None or org.type != "ORGANIZATION":
                continue
            org_key = {skeleton(t) for t in latin_tokens(org.name)}
            named = [p for p in places if {skeleton(t) for t in latin_tokens(p.name)} <= org_key]
            if named:
                retarget.update((p.id, org.id) for p in places)
                break
    for c in cands:
        target = next((retarget[x] for x in c.ids if x in retarget), None)
        if target is not None:
            c.ids = (target,)


#: KB places notable by definition (curated sites), never homonyms of small towns
_NOTABLE = ("site:",)


def _unsupported_small_place(entry: KBEntry, c: Candidate) -> bool:
    """A one-word town name without a place preposition before it is more often a homonym ("the Stanton
    fellow"); large cities and notable sites need no such support."""
    if entry.type != "PLACE" or c.tok_end - c.tok_start != 1 or c.place_prep or entry.id.startswith(_NOTABLE):
        return False
    return float(entry.extra.get("population") or 0) < SMALL_PLACE_POPULATION


def _add_kb(groups: dict[str, _Group], entry: KBEntry, c: Candidate) -> None:
    country = entry.country
    if entry.type == "COUNTRY" and not country:
        country = entry.id.split(":")[-1]
    g = groups.setdefault(
        entry.id, _Group(entry.id, entry.type, entry.name, country, entry.wikidata, entry.role, entry.sector)
    )
    g.role = g.role or c.role
    g.sector = g.sector or c.sector
    g.mentions.append(c)


def _resolve_unknown(doc: Document, unknown: list[Candidate], groups: dict[str, _Group], kb: KnowledgeBase) -> None:
    """Full names first (to KB people by fuzzy match, else NIL), then short forms to a full name in the document."""
    doc_words = set(TOKEN_RE.findall(doc.text))
    for c in unknown:
        _drop_leading_titles(c)
    multi = sorted((c for c in unknown if c.tok_end - c.tok_start >= 2), key=lambda c: c.start)
    single = [c for c in unknown if c.tok_end - c.tok_start < 2]
    for c in multi:
        rules = lang_rules(c.lang)
        name = c.label or _canonical_text(c.text, rules, doc_words)
        entity_id = None
        if c.type == "PERSON":
            entity_id = _fuzzy_kb_person(kb, name, c.lang)
        if entity_id is not None and (entry := _entry(kb, entity_id)) is not None:
            _add_kb(groups, entry, c)
            continue
        existing = _doc_match(groups, name, c)
        if existing is not None:
            _add_to(existing, c)
            continue
        gid = nil_id(name, c.type, c.lang)
        groups.setdefault(gid, _Group(gid, c.type, name, c.country, None, c.role, c.sector))
        _add_to(groups[gid], c)
    surnames = _surname_index(groups)
    for c in single:
        rules = lang_rules(c.lang)
        forms = _strip_genitive(c.text.casefold(), rules)
        ids = next((surnames[f] for f in forms if f in surnames), [])
        if len(ids) == 1:
            _add_to(groups[ids[0]], c)
            continue
        fuzzy = _fuzzy_surname(groups, c)
        if fuzzy is not None:
            _add_to(fuzzy, c)
            continue
        if c.type == "TENTATIVE":
            continue
        if c.type == "PERSON" and not (c.role or c.country or c.tagged):
            c.type = "OTHER"
        name = c.label or _canonical_text(c.text, rules, doc_words)
        existing = _doc_match(groups, name, c)
        if existing is not None:
            _add_to(existing, c)
            continue
        gid = nil_id(name, c.type, c.lang)
        groups.setdefault(gid, _Group(gid, c.type, name, c.country, None, c.role, c.sector))
        _add_to(groups[gid], c)


def _drop_leading_titles(c: Candidate) -> None:
    """Honorifics before a name, whichever step found the name ("Dr Miriam Oosterhuis" -> "Miriam Oosterhuis")."""
    titles = lang_rules(c.lang).titles
    tokens = tokenize(c.text, c.start)
    skipped = 0
    while len(tokens) - skipped > 1 and tokens[skipped].lower in titles:
        skipped += 1
    if skipped and _titled_name(tokens[skipped:], lang_rules(c.lang)):
        c.text = c.text[tokens[skipped].start - c.start :]
        c.start = tokens[skipped].start
        c.tok_start += skipped


def _fuzzy_surname(groups: dict[str, _Group], c: Candidate) -> _Group | None:
    """A person of the document whose last name matches a short form across spellings ("Illyichev")."""
    found = []
    for g in groups.values():
        if g.type != "PERSON":
            continue
        last = latin_tokens(g.name, None)[-1:] if g.name else ()
        mention_lasts = {latin_tokens(m.text, m.lang)[-1] for m in g.mentions if latin_tokens(m.text, m.lang)}
        if last:
            mention_lasts.add(last[0])
        if any(name_similarity(c.text, other, c.lang, None) >= 0.9 for other in mention_lasts if len(other) > 3):
            found.append(g)
    return found[0] if len(found) == 1 else None


def _doc_match(groups: dict[str, _Group], name: str, c: Candidate) -> _Group | None:
    for g in groups.values():
        compatible = g.type == c.type or "OTHER" in {g.type, c.type}
        if compatible and g.id.startswith("nil:") and name_similarity(name, g.name, c.lang, c.lang) >= 0.95:
            return g
    return None


def _canonical_text(text: str, rules: LangRules, doc_words: set[str]) -> str:
    """Name without a genitive ending on its last token. A bare ``-s`` is ambiguous for unknown names, so it is
    removed only when the shorter form also occurs in the document ("Shoigus" next to "Shoigu")."""
    words = text.split()
    last = words[-1]
    for suffix in rules.suffixes:
        stripped = last[: -len(suffix)]
        if last.endswith(suffix) and len(stripped) >= 2 and (not suffix.isalpha() or stripped in doc_words):
            words[-1] = stripped
            break
    return " ".join(words)


def _add_to(g: _Group, c: Candidate) -> None:
    g.country = g.country or c.country
    g.role = g.role or c.role
    g.sector = g.sector or c.sector
    if g.type == "OTHER" and c.type not in {"OTHER", "TENTATIVE"}:
        g.type = c.type
    g.mentions.append(c)


def _to_entity(g: _Group) -> Entity:
    mentions = [Mention(c.text, c.start, c.end, c.sentence) for c in sorted(g.mentions, key=lambda m: m.start)]
    return Entity(
        id=g.id,
        type=g.type,
        name=g.name,
        country=g.country,
        wikidata=g.wikidata,
        role=g.role,
        sector=g.sector,
        mentions=mentions,
        aliases=sorted({m.text for m in mentions}),
        provenance=Provenance(NAME, VERSION),
    )


# --------------------------------------------------------------------------------------------- CRF tagger hook

#: Languages where the CRF tagger (``nlp/ner_tagger``) was measured to improve the stage (CoNLL-2002 nl, es).
TAGGER_LANGS = frozenset({"nl", "es"})
_TAGGER_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "PLACE"}
_TAGGER_MIN = 0.5  # smallest tagger confidence (smallest tag marginal of the span) for a name to be used
_TAGGER_COMMON_MIN = 0.9  # the same for a name of one word that is also a common word of the language
#: smallest tagger confidence that retypes a knowledge-base place match, per tagger label
_TAGGER_OVERRIDE = {"PER": 0.8, "ORG": 0.95}


def _with_tagger(ctx: SentenceContext, cands: list[Candidate], kb: KnowledgeBase) -> list[Candidate]:
    """Names found by the CRF tagger replace the candidates they cover and are longer than ("Koninklijke Belgische
    Voetbalbond" over the demonym), type the unknown names they overlap (a MISC verdict drops them) and add the
    names the rules missed. A confident PER or ORG verdict on the exact span of a KB place match (a surname
    shared with a town, a club named after its city) replaces it. Other KB matches and actors are kept.
    Spans the rules would reject (stopwords such as "Westen", lowercase words inside, "Donbas-republieken")
    and unsure new names are ignored."""
    tagger = load_tagger() if ctx.lang in TAGGER_LANGS else None
    if tagger is None:
        return cands
    found = tagger.tag_text(ctx.text, ctx.lang, ctx.offset, ctx.lowercase_words)
    spans = [_without_role_noun(s, ctx, kb) for s in found if _tagger_ok(s, ctx)]
    vetoes = spans + [s for s in found if s.label == "MISC" and s not in spans]
    out = []
    for c in cands:
        over = [s for s in (spans if c.ids else vetoes) if s.start < c.end and c.start < s.end]
        same = [s for s in over if (s.start, s.end) == (c.start, c.end)]
        inside = [s for s in over if s.start <= c.start and c.end <= s.end and not same and s.label != "MISC"]
        if c.ids and same and same[0].label == "LOC" and any(i.startswith("place:") for i in c.ids):
            c.place_prep = True  # the tagger's LOC verdict supports a small town as a place preposition would
        if c.kind == "actor" or (c.ids and not inside and not _tagger_overrides(kb, c, same)) or not over:
            out.append(c)
    for s in spans:
        toks = _span_tokens(ctx, s)
        if s.label not in _TAGGER_TYPES or not toks or any(k.start < s.end and s.start < k.end for k in out):
            continue
        out.append(Candidate(toks[0].start, toks[-1].end, "", ctx.index, ctx.lang, _TAGGER_TYPES[s.label],
                             tok_start=toks[0].index, tok_end=toks[-1].index + 1, tagged=True))
    return sorted(out, key=lambda c: c.start)


def _without_role_noun(span: TextSpan, ctx: SentenceContext, kb: KnowledgeBase) -> TextSpan:
    """A tagged person name without the role nouns glued before it, as for the rules' runs (``_role_noun``)."""
    if span.label != "PER":
        return span
    toks = [t.index for t in _span_tokens(ctx, span)]
    trimmed = _strip_role_nouns(ctx, toks, kb)
    if trimmed == toks:
        return span
    start = ctx.tokens[trimmed[0]].start
    return replace(span, start=start, text=span.text[start - span.start :])


def _span_tokens(ctx: SentenceContext, span: TextSpan) -> list[Token]:
    """The sentence's tokens inside a tagged span."""
    return [t for t in ctx.tokens if t.start >= span.start and t.end <= span.end]


def _tagger_ok(span: TextSpan, ctx: SentenceContext) -> bool:
    toks = _span_tokens(ctx, span)
    if len(toks) == 1 and _is_common_word(toks[0].lower, ctx.lang) and span.score < _TAGGER_COMMON_MIN:
        return False  # a lone common noun ("Alliantie" in a title) needs a confident verdict
    if len(toks) == 1 and toks[0].index in _roles(ctx):
        return False  # a word of a role phrase ("secretario de Estado"), as in the rules
    return span.score >= _TAGGER_MIN and not any(
        t.lower in ctx.rules.stopwords or _lowercase_compound(t, ctx)
        or (not t.capitalised and t.lower not in ctx.rules.connectors and t.lower not in ctx.rules.particles)
        for t in toks
    )


def _tagger_overrides(kb: KnowledgeBase, cand: Candidate, same: list[TextSpan]) -> bool:
    if not same or same[0].score < _TAGGER_OVERRIDE.get(same[0].label, 2.0):
        return False
    types = {e.type for e in (_entry(kb, i) for i in cand.ids) if e is not None}
    return types == {"PLACE"}


def extract(doc: Document, kb: KnowledgeBase) -> list[Entity]:
    """Entities of a document against a given knowledge base (``run`` uses the default KB)."""
    sentences = doc.sentences or [Sentence(0, 0, len(doc.text), doc.language)]
    lowercase = _lowercase_vocabulary(doc.text)
    contexts: list[tuple[Sentence, SentenceContext]] = []
    for sent in sentences:
        lang = _sentence_language(doc, sent)
        text = doc.text[sent.start : sent.end]
        tokens = tokenize(text, sent.start)
        if tokens:
            ctx = SentenceContext(text, tokens, sent.index, lang, lang_rules(lang), lowercase, sent.start)
            contexts.append((sent, ctx))
    name_words = _name_words([ctx for _, ctx in contexts])
    cands: list[Candidate] = []
    for sent, ctx in contexts:
        ctx.name_words = name_words
        sent_cands = _with_tagger(ctx, _sentence_candidates(ctx, kb), kb)
        sent_cands = _absorb_weak_matches(sent_cands, kb, ctx)
        sent_cands = _attach_roles(ctx, sent_cands, kb)
        if ctx.lang in _NO_SPACE_LANGS:
            sent_cands += _cjk_candidates(ctx.text, sent, ctx.lang, kb, sent_cands)
        cands.extend(sent_cands)
    return _resolve_document(doc, _drop_credit_names(doc.text, cands), kb)


_TITLE_CASE_SHARE = 0.6  # share of capitalised words above which an unpunctuated line is a title-case headline


def _name_words(contexts: Sequence[SentenceContext]) -> frozenset[str]:
    """Words written with a capital inside a sentence (not sentence-initial) somewhere in the document, outside
    headlines written in title case: in languages that write common nouns in lower case, these are names."""
    words: set[str] = set()
    for ctx in contexts:
        cased = [t for t in ctx.tokens if t.cased and t.text[:1].isalpha()]
        headline = not ctx.text.rstrip().endswith((".", "!", "?", "…", '"', "”", "»"))
        if not cased or (headline and sum(t.capitalised for t in cased) > _TITLE_CASE_SHARE * len(cased)):
            continue
        words.update(t.lower for t in cased if t.capitalised and not _sentence_initial(ctx, t.index))
    return frozenset(words)


def _drop_credit_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Unknown names inside image credits ("(Photo: X, CC BY 4.0, via Y)") are sources of pictures, not actors."""
    credits = [(m.start(), m.end()) for m in _CREDIT_RE.finditer(text)]
    if not credits:
        return cands
    return [c for c in cands if c.ids or not any(s <= c.start and c.end <= e for s, e in credits)]


def _cjk_candidates(text: str, sent: Sentence, lang: str, kb: KnowledgeBase, taken: list[Candidate]) -> list[Candidate]:
    spans = [(c.start, c.end) for c in taken]
    out = []
    for start, end, ids in _cjk_matches(text, sent.start, kb, lang):
        if any(s < end and start < e for s, e in spans):
            continue
        out.append(Candidate(start, end, "", sent.index, lang, "", ids=ids, kind="alias", tok_start=-1, tok_end=-1))
    return out


def run(doc: Document) -> Document:
    doc.entities = extract(doc, load_kb())
    return doc


__all__ = ["NAME", "VERSION", "extract", "normalise_alias", "run", "tokenize"]
