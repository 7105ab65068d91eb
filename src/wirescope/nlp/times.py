"""Stage ``times``: find and normalise temporal expressions, anchored to the publication date.

One engine (``wirescope.nlp.timex``) reads the per-language rules in ``lang/<code>/times.yaml``. Values are
ISO 8601 at the precision the text gives, with an explicit interval. Without a publication date, expressions
that need an anchor ("yesterday", "in September", "on Tuesday") are listed with value, interval and anchor
None: they are never anchored to today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from wirescope.model import Document, Provenance, TimeExpression
from wirescope.nlp.timex.calendar import Span
from wirescope.nlp.timex.combine import Region, combine
from wirescope.nlp.timex.engine import Atom, duration_value, find_atoms, match_text, needs_anchor, resolve
from wirescope.nlp.timex.lexicon import Lexicon, empty_lexicon, get_lexicon

NAME = "times"
VERSION = "1.0"
CLAUSE_BREAK = re.compile(r"[;:,()\u2013\u2014\"«»“”]|\s-\s")
NAIVE_SENTENCE = re.compile(r"(?<![\d\s][.])(?<=[.!?])\s+(?=[^\s\d])|(?<=[。？！])")


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    language: str


def _sentences(doc: Document) -> list[_Sentence]:
    """The sentences with the language whose rules apply: the sentence's own when it has rules, else the
    document's (a Swedish article with a sentence misread as Norwegian keeps the Swedish rules)."""
    lang = doc.language or "en"
    if doc.sentences:
        return [_Sentence(s.index, s.start, s.end, s.language if s.language and get_lexicon(s.language) else lang)
                for s in doc.sentences]
    out, start = [], 0
    for m in NAIVE_SENTENCE.finditer(doc.text):
        out.append(_Sentence(0, start, m.start(), lang))
        start = m.end()
    out.append(_Sentence(0, start, len(doc.text), lang))
    return out


def _lexicon(code: str) -> Lexicon:
    return get_lexicon(code) or empty_lexicon(code)


def extract(text: str, language: str, anchor: date | None) -> list[TimeExpression]:
    """Time expressions of a text in one language (a convenience for evaluation and tests)."""
    return _extract(Document(text=text, language=language), anchor)


def _extract(doc: Document, anchor: date | None) -> list[TimeExpression]:
    normalised = match_text(doc.text)
    sentences = _sentences(doc)
    out: list[TimeExpression] = []
    for code in sorted({s.language for s in sentences}):
        lex = _lexicon(code)
        atoms = find_atoms(normalised, lex)
        for s in (s for s in sentences if s.language == code):
            inside = [a for a in atoms if a.start >= s.start and a.end <= s.end]
            if not inside:
                continue
            region = Region(normalised, s.start, s.end, lex)
            future = bool(lex.future and lex.future.search(normalised, s.start, s.end))
            for atom in combine(inside, region):
                fut = future and not _reported(atom, lex, normalised)
                out.append(_expression(doc.text, atom, s.index, anchor, fut))
    return sorted(out, key=lambda t: t.start)


def _reported(atom: Atom, lex: Lexicon, text: str) -> bool:
    """A past reporting verb right before the expression ("said on Tuesday that ... will") dates it in the past,
    whatever the tense of the rest of the sentence."""
    return bool(lex.past and lex.past.search(text, max(0, atom.start - 40), atom.start))


def _expression(text: str, atom: Atom, sentence: int, anchor: date | None, future: bool) -> TimeExpression:
    prov = Provenance(NAME, VERSION)
    surface = text[atom.start : atom.end]
    if atom.kind == "duration":
        return TimeExpression(surface, atom.start, atom.end, duration_value(atom), None, None, None, None, sentence,
                              kind="duration", provenance=prov)
    span: Span | None = resolve(atom, anchor, future)
    used = anchor.isoformat() if anchor is not None and needs_anchor(atom) else None
    if span is None:
        return TimeExpression(surface, atom.start, atom.end, None, None, None, None, None, sentence,
                              kind=atom.kind, provenance=prov)
    end = span.hi
    if atom.kind == "since" and anchor is not None and anchor > span.lo:
        end = anchor
    precision = "interval" if atom.type in ("range", "past") else span.precision
    return TimeExpression(surface, atom.start, atom.end, span.value, span.lo.isoformat(), end.isoformat(), precision,
                          used, sentence, kind=atom.kind, provenance=prov)


def run(doc: Document) -> Document:
    anchor = doc.published.date() if doc.published is not None else None
    doc.times = _extract(doc, anchor)
    return doc


def _clause_bounds(text: str, sent_start: int, sent_end: int, pos: int) -> tuple[int, int]:
    start, end = sent_start, sent_end
    for m in CLAUSE_BREAK.finditer(text, sent_start, sent_end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def date_for_span(doc: Document, start: int, end: int) -> tuple[str | None, str | None, str | None, str | None]:
    """Date of an event at ``[start, end)``: the nearest time expression in the same clause, else in the same
    sentence, else the publication date (precision "inferred"), else Nones. Returns
    ``(value, interval_start, interval_end, precision)``."""
    dated = [t for t in doc.times if t.value is not None and t.kind != "duration"]
    sentence = doc.sentence_at(start) if doc.sentences else None
    if sentence is not None:
        s = doc.sentences[sentence]
        s_start, s_end = s.start, s.end
    else:
        s_start, s_end = 0, len(doc.text)
    c_start, c_end = _clause_bounds(doc.text, s_start, s_end, start)
    mid = (start + end) / 2
    for lo, hi in ((c_start, c_end), (s_start, s_end)):
        inside = [t for t in dated if t.start >= lo and t.end <= hi]
        if inside:
            best = min(inside, key=lambda t: abs((t.start + t.end) / 2 - mid))
            return best.value, best.interval_start, best.interval_end, best.precision
    if doc.published is not None:
        day = doc.published.date().isoformat()
        return day, day, day, "inferred"
    return None, None, None, None
