"""Sentence segmentation with character offsets into ``Document.text``.

A pure, regex-based splitter for all supported languages. Per-language data (abbreviations, whether a number
followed by a period is an ordinal) lives in ``lang/<code>/segment.yaml``. The rules, in order:

1. Blank lines always end a sentence (paragraphs). Inside a paragraph, a line without final punctuation that is
   clearly shorter than the paragraph's longest line (a headline, a byline) or that precedes a list item ends
   a sentence too; lines of hard-wrapped text do not.
2. Inside a block, a run of terminators (``. ! ? …`` and ``؟ ۔``) followed by closing quotes/brackets and
   whitespace ends a sentence unless the next word starts in lower case, or the word before a single period is
   an abbreviation, an initial (``J. R. R. Tolkien``), a dotted abbreviation (``z.B.``) or, for languages
   that write ordinals with a period, a short number (``24. Februar``), or the next word is a listed
   continuation (Korean ``라고`` after a quote). The closing quote stays with the
   sentence it closes, so a quote of several sentences never makes a closing quote start a new sentence.
3. CJK full stops ``。！？`` end a sentence without a following space, unless they stand inside a
   「…」 quotation or a closing quote follows and the sentence goes on (``「…。」と述べた``).

Each sentence is the span of its text stripped of surrounding whitespace: ``text[s.start:s.end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from wirescope.lang import SUPPORTED_LANGUAGES, load_lexicon
from wirescope.model import Document, Sentence

NAME = "segment"
VERSION = "1.0"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_TERMINATORS = re.compile(r"[.!?…‼⁇⁈⁉؟۔。！？]+")
_CJK_STOPS = frozenset("。！？")
_CLOSERS = frozenset("\"'”’»«“)]}」』）〕】›")
_OPENERS = frozenset("\"'“‘„«»([{「『（〔【‹¿¡")
_SPACES = frozenset(" \u00a0\u202f\u2009")
_LIST_ITEM = re.compile(r"^(?:[-*•–—·]|\d{1,3}[.)])\s")
_CONTINUATION_END = frozenset(",;:(-–—/&")
#: a line at most this share of the paragraph's longest line, without final punctuation, is a line of its own
_SHORT_LINE_RATIO = 0.7
_DOTTED_ABBREVIATION = re.compile(r"^[^\W\d_]{1,4}(?:\.-?[^\W\d_]{1,4})+\.$")


@dataclass(frozen=True)
class SegmentRules:
    """Segmentation data for one language (or the union used when the language is unknown)."""

    abbreviations: frozenset[str]
    may_end: frozenset[str]
    before_number: frozenset[str]
    continuations: frozenset[str]
    sentence_starters: frozenset[str]
    ordinal_period: bool


@cache
def rules_for(lang: str | None) -> SegmentRules:
    """Rules of a language plus English (the language most often quoted); the union of all when unknown.

    The language's own lists win over English: an abbreviation that never ends a sentence in the language
    (Spanish ``Sr.``) is not turned into one that may end it by the English list, and vice versa.
    """
    if lang not in SUPPORTED_LANGUAGES:
        merged = [load_lexicon(code, "segment") for code in SUPPORTED_LANGUAGES]
        abbreviations, may_end, before_number, continuations, starters = (_union(merged, key) for key in _KEYS)
        return SegmentRules(abbreviations - may_end, may_end, before_number, continuations, starters, False)
    own = load_lexicon(lang, "segment")
    english = load_lexicon("en", "segment")
    own_abbr, own_may = _union([own], "abbreviations"), _union([own], "may_end")
    return SegmentRules(
        abbreviations=(own_abbr | _union([english], "abbreviations")) - own_may,
        may_end=(own_may | _union([english], "may_end")) - own_abbr,
        before_number=_union([own, english], "before_number"),
        continuations=_union([own], "continuations"),
        sentence_starters=_union([own, english], "sentence_starters"),
        ordinal_period=bool(own.get("ordinal_period", False)),
    )


_KEYS = ("abbreviations", "may_end", "before_number", "continuations", "sentence_starters")


def _union(lexicons: list[dict[str, Any]], key: str) -> frozenset[str]:
    return frozenset(str(entry).lower() for data in lexicons for entry in data.get(key, []))


def segment(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, stripped of surrounding whitespace, in order."""
    rules = rules_for(lang)
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        for cut in _cuts(text, block_start, block_end, rules):
            _add_span(text, start, cut, spans)
            start = cut
        _add_span(text, start, block_end, spans)
    return spans


def run(doc: Document) -> Document:
    """Segment ``doc.text`` (with the rules of ``doc.language``) and label each sentence with its language."""
    from wirescope.nlp.language import label_sentences

    doc.sentences = [Sentence(i, s, e) for i, (s, e) in enumerate(segment(doc.text, doc.language))]
    label_sentences(doc)
    return doc


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs (split at blank lines), then split at line breaks that end a headline-like line."""
    blocks: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        blocks.extend(_line_blocks(text, start, m.start()))
        start = m.end()
    blocks.extend(_line_blocks(text, start, len(text)))
    return blocks


def _line_blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        lines.append((pos, stop))
        if nl == -1:
            break
        pos = nl + 1
    if len(lines) == 1:
        return lines
    longest = max(len(text[s:e].strip()) for s, e in lines)
    blocks: list[tuple[int, int]] = []
    block_start = lines[0][0]
    for (s, e), (ns, ne) in zip(lines, lines[1:], strict=False):
        if _line_ends_block(text[s:e].strip(), text[ns:ne].strip(), longest):
            blocks.append((block_start, e))
            block_start = ns
    blocks.append((block_start, lines[-1][1]))
    return blocks


def _line_ends_block(line: str, next_line: str, longest: int) -> bool:
    if not line or not next_line:
        return True
    if _LIST_ITEM.match(next_line) or _LIST_ITEM.match(line):
        return True
    if line[-1] in _CONTINUATION_END:
        return False
    return not next_line[0].islower() and len(line) < _SHORT_LINE_RATIO * longest


def _cuts(text: str, start: int, end: int, rules: SegmentRules) -> list[int]:
    """Offsets (inside the block) after which a sentence ends."""
    cuts: list[int] = []
    depth, scanned = 0, start  # depth of CJK quotation brackets 「『 open at the terminator
    for m in _TERMINATORS.finditer(text, start, end):
        depth = max(0, depth + _bracket_balance(text[scanned : m.start()]))
        scanned = m.start()
        after = _skip_closers(text, m.end(), end)
        if after >= end:
            continue
        if depth and after == m.end() and any(ch in _CJK_STOPS for ch in m.group()):
            continue  # a full stop inside 「…」: the quotation is part of the sentence around it
        if _is_boundary(text, m.start(), m.end(), after, end, rules):
            cuts.append(after)
    return cuts


def _bracket_balance(chunk: str) -> int:
    return sum(chunk.count(ch) for ch in "「『") - sum(chunk.count(ch) for ch in "」』")


def _skip_closers(text: str, pos: int, end: int) -> int:
    """Position after the closing quotes/brackets that belong to the sentence ending at ``pos``."""
    while pos < end:
        ch = text[pos]
        if ch in _CLOSERS:
            pos += 1
        elif ch in _SPACES and pos + 1 < end and text[pos + 1] == "»":  # French: « Fin. » Puis
            pos += 2
        else:
            break
    return pos


def _is_boundary(text: str, t_start: int, t_end: int, after: int, end: int, rules: SegmentRules) -> bool:
    run = text[t_start:t_end]
    if any(ch in _CJK_STOPS for ch in run):
        if after == t_end or text[after].isspace():
            return True
        return text[after] in _OPENERS or _TERMINATORS.match(text[after]) is not None
    if not text[after].isspace():
        return False  # 3.5, example.com, U.S.A, a.m.
    nxt = _next_char(text, after, end)
    if nxt is None:
        return True
    if nxt.islower() or _next_word(text, after, end) in rules.continuations:
        return False
    if run == ".":
        return not _period_continues(text, t_start, nxt, _next_word(text, after, end), rules)
    return True


def _next_char(text: str, pos: int, end: int) -> str | None:
    while pos < end and text[pos].isspace():
        pos += 1
    return text[pos] if pos < end else None


def _next_word(text: str, pos: int, end: int) -> str:
    while pos < end and text[pos].isspace():
        pos += 1
    stop = pos
    while stop < end and not text[stop].isspace():
        stop += 1
    return text[pos:stop].rstrip(".,;:!?").lower()


def _starts_sentence(word: str, rules: SegmentRules) -> bool:
    return len(word) > 1 and word in rules.sentence_starters  # one letter may be the next initial (J. A. Smith)


def _period_continues(text: str, period: int, nxt: str, next_word: str, rules: SegmentRules) -> bool:
    """True when the single period at ``period`` belongs to an abbreviation, initial or ordinal number.

    An initial or an upper-case dotted abbreviation before a word that typically starts sentences ("… the
    U.S. The …", "… plan B. It …") ends the sentence after all.
    """
    token_start = period
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start : period + 1].lstrip("".join(_OPENERS))
    lowered = token.lower()
    word = token[:-1]
    if not word:
        return False
    if lowered in rules.abbreviations:
        return True
    if lowered in rules.before_number and nxt.isdigit():
        return True
    if lowered in rules.may_end:
        return not (nxt.isupper() or nxt in _OPENERS)
    if len(word) == 1 and word.isupper():  # an initial: J. R. R. Tolkien, V. Poetin
        return nxt.isupper() and not _starts_sentence(next_word, rules)
    if _DOTTED_ABBREVIATION.match(token):  # z.B., t.ex., J.R., U.S.
        return not (word[0].isupper() and _starts_sentence(next_word, rules))
    if word.isdigit() and len(word) <= 3 and not text[text.rfind("\n", 0, token_start) + 1 : token_start].strip():
        return True  # an enumeration at the start of a line: "1. Budget"
    return rules.ordinal_period and word.isdigit() and len(word) <= 3 and nxt.isupper()
