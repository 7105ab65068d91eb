"""Transliteration-aware name matching: "Poetin", "Poutine", "Путин" and "푸틴" are one name.

A name is reduced to comparable forms in three steps:

1. per-language spelling conventions are undone on the lower-cased Latin text (Dutch ``oe``->``u`` and
   ``tsj``->``ch``, Swedish ``sj``->``sh``, German ``sch``->``sh`` and ``w``->``v``, French ``ou``->``u`` ...), read
   from the ``transliteration`` list of ``lang/<code>/entities.yaml``;
2. every script is transliterated to ASCII (``rigour.text.ascii_text``: Cyrillic, Hangul, Han, Arabic ...);
3. a phonetic *skeleton* merges spellings that transliteration conventions keep apart (``y``/``j``/``i``,
   ``kh``/``h``, ``w``/``v``, doubled letters).

``name_similarity`` compares the token multisets order-invariantly with Jaro-Winkler (``rapidfuzz``), so that
"Kim Jong Un" equals "Jong Un Kim"; ``match_names`` adds context (country, role) to keep apart different people
whose names are alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein
from rigour.names.org_types import remove_org_types
from rigour.text import ascii_text

from wirescope.lang import load_lexicon

#: score at or above which two names are taken to be the same
MATCH_THRESHOLD = 0.88

_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Generic phonetic merges applied after transliteration (order matters: digraphs first).
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("tsh", "ch"), ("dzh", "j"), ("zh", "j"), ("kh", "h"),
    ("ph", "f"), ("ck", "k"), ("ch", "ch"), ("ts", "z"), ("ou", "u"), ("oe", "u"), ("ie", "i"),
    ("w", "v"), ("y", "i"), ("j", "i"), ("q", "k"), ("c", "k"), ("x", "ks"),
)
_DOUBLE_RE = re.compile(r"(.)\1+")
# Legal-form and honorific words that carry no identity for matching.
_NOISE_TOKENS = frozenset({"the", "mr", "mrs", "ms", "dr", "sir", "de", "la", "le", "der", "die", "das"})


@lru_cache(maxsize=32)
def _conventions(lang: str | None) -> tuple[tuple[str, str], ...]:
    """``(from, to)`` spelling rewrites of a language, longest first."""
    if not lang:
        return ()
    rules = load_lexicon(lang, "entities").get("transliteration") or []
    pairs = [(str(a).casefold(), str(b).casefold()) for a, b in rules]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _apply_rules(token: str, rules: tuple[tuple[str, str], ...]) -> str:
    """Apply rewrite rules left to right without rewriting a rewritten part twice."""
    if not rules:
        return token
    out: list[str] = []
    i = 0
    while i < len(token):
        for src, dst in rules:
            if src and token.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            out.append(token[i])
            i += 1
    return "".join(out)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


@lru_cache(maxsize=65536)
def latin_tokens(name: str, lang: str | None = None) -> tuple[str, ...]:
    """Lower-case ASCII tokens of a name after undoing the spelling conventions of ``lang``."""
    tokens: list[str] = []
    for raw in _TOKEN_RE.findall(name.casefold()):
        if _is_latin(raw):
            tok = _apply_rules(raw, _conventions(lang))
            tok = _strip_marks(tok)
        else:
            tok = ascii_text(raw).casefold()
        tokens.extend(t for t in _TOKEN_RE.findall(tok) if t)
    return tuple(t for t in tokens if t not in _NOISE_TOKENS) or tuple(tokens)


@lru_cache(maxsize=1 << 17)
def skeleton(token: str) -> str:
    """Phonetic skeleton of one ASCII token (spelling variants collapse to one form)."""
    tok = _apply_rules(token, _SKELETON_RULES)
    return _DOUBLE_RE.sub(r"\1", tok)


@lru_cache(maxsize=65536)
def name_key(name: str, lang: str | None = None) -> str:
    """Canonical, order-invariant key of a name: sorted skeleton tokens (used for deterministic NIL ids)."""
    return " ".join(sorted(skeleton(t) for t in latin_tokens(name, lang)))


@lru_cache(maxsize=1 << 17)
def _token_score(a: str, b: str) -> float:
    """Similarity of two ASCII tokens: Jaro-Winkler (forgiving at the end of a word) averaged with normalised
    Levenshtein (strict about how many letters differ), so that "Lukashevich"/"Lukashenko" stay apart while
    transliteration variants, which share a skeleton, score near 1."""
    if a == b:
        return 1.0
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 0.98
    # An initial matches a full token ("V. Putin").
    if (len(a) == 1 or len(b) == 1) and a[0] == b[0]:
        return 0.85
    jw = max(JaroWinkler.similarity(sa, sb), JaroWinkler.similarity(a, b))
    lev = max(Levenshtein.normalized_similarity(sa, sb), Levenshtein.normalized_similarity(a, b))
    return (jw + lev) / 2


def _align(short: tuple[str, ...], long: tuple[str, ...]) -> list[float]:
    """Greedy best one-to-one alignment of the tokens of ``short`` onto ``long`` (order-invariant)."""
    pairs = sorted(
        ((_token_score(a, b), i, j) for i, a in enumerate(short) for j, b in enumerate(long)), reverse=True
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    scores: list[float] = []
    for score, i, j in pairs:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        scores.append(score)
    return scores


def _script_similarity(a: str, b: str) -> float | None:
    """Character-level similarity when both names are written in the same non-Latin script (김종은/김정은):
    transliteration can hide a differing character, the original script cannot."""
    ca = [c for c in a if c.isalpha()]
    cb = [c for c in b if c.isalpha()]
    if not ca or not cb or _is_latin("".join(ca)) or _is_latin("".join(cb)):
        return None
    if unicodedata.name(ca[0], "").split()[0] != unicodedata.name(cb[0], "").split()[0]:
        return None
    return Levenshtein.normalized_similarity("".join(ca), "".join(cb))


@lru_cache(maxsize=1 << 16)
def name_similarity(
    a: str, b: str, lang_a: str | None = None, lang_b: str | None = None, organisation: bool = False
) -> float:
    """Similarity in [0, 1] of two names, order-invariant and transliteration-aware.

    Unmatched extra tokens (a middle name, a patronymic) are penalised lightly; a missing surname is not
    treated as a match because every token of the shorter name must align with a good score. For
    organisations, legal forms ("AG", "Aktiengesellschaft", "JSC", "Ltd") are removed first.
    """
    if organisation:
        a, b = remove_org_types(a) or a, remove_org_types(b) or b
    in_script = _script_similarity(a, b)
    score = _latin_similarity(a, b, lang_a, lang_b)
    return score if in_script is None else min(score, in_script)


def _latin_similarity(a: str, b: str, lang_a: str | None, lang_b: str | None) -> float:
    ta, tb = latin_tokens(a, lang_a), latin_tokens(b, lang_b)
    if not ta or not tb:
        return 0.0
    if "".join(ta) == "".join(tb) or "".join(map(skeleton, ta)) == "".join(map(skeleton, tb)):
        return 1.0  # "Kim Jong-un" vs "Kim Jongun"
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    scores = _align(short, long)
    weakest = min(scores)
    mean = sum(scores) / len(scores)
    extra = len(long) - len(short)
    penalty = 0.04 * extra if len(short) >= 2 else 0.12 * extra
    return max(0.0, min(mean, weakest + 0.05) - penalty)


@dataclass(frozen=True)
class NameContext:
    """What else is known about a name: used to keep apart different people with similar names."""

    country: str | None = None
    role: str | None = None
    type: str | None = None


def match_names(
    a: str,
    b: str,
    lang_a: str | None = None,
    lang_b: str | None = None,
    ctx_a: NameContext | None = None,
    ctx_b: NameContext | None = None,
    threshold: float = MATCH_THRESHOLD,
) -> bool:
    """True when ``a`` and ``b`` name the same actor.

    Context vetoes a name match: different countries or different entity types never match; matching roles
    lower the bar slightly (the same surname as the same country's defence minister).
    """
    ctx_a, ctx_b = ctx_a or NameContext(), ctx_b or NameContext()
    if ctx_a.type and ctx_b.type and ctx_a.type != ctx_b.type:
        return False
    if ctx_a.country and ctx_b.country and ctx_a.country != ctx_b.country:
        return False
    bonus = 0.03 if ctx_a.role and ctx_a.role == ctx_b.role else 0.0
    organisation = (ctx_a.type or ctx_b.type or "PERSON").upper() != "PERSON"
    return name_similarity(a, b, lang_a, lang_b, organisation) + bonus >= threshold
