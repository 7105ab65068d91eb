"""Per-language time lexicons (``lang/<code>/times.yaml``) compiled once into regexes.

Word lists in the YAML are literal strings (spaces match any whitespace); ``*_patterns`` are regex templates
with placeholders ({DAY}, {MONTH}, {MONTHNUM}, {YEAR}, {N}, {UNIT}, {UNITS}, {DECADE}, {DECADE2}, {CENTURY},
{Q}, {SEASON}, {AFTER}) that the engine fills with named groups. One engine reads every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wirescope.lang import load_lexicon

#: pattern families read from the YAML, in priority order (earlier wins a tie on length)
PATTERN_FAMILIES = (
    "date_patterns", "quarter_patterns", "century_patterns", "decade_patterns", "year_patterns",
    "ago_patterns", "past_patterns", "duration_patterns", "offset_patterns",
)
CUE_FAMILIES = (
    "prepositions", "connectors", "and_words", "range_from", "range_between", "range_to", "after_words",
    "before_words",
)
SIDED_FAMILIES = ("since", "until", "early", "mid", "late", "last", "next", "this")
TOKEN = re.compile(r"\w+")
DIGIT = re.compile(r"\d")
CHUNK_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
MARGIN = 80  # characters matched around a trigger word (patterns reach this far from their key word)
TEMPLATE_WORD = re.compile(r"(?<!\\)\b[^\W\d_]{4,}\b")


def _alt(words: list[str]) -> str:
    """Alternation of literal words, longest first; spaces match any run of whitespace."""
    forms = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


@dataclass
class Window:
    """A stretch of text worth matching, with the words in it (None: do not filter, CJK) and whether it has digits."""

    lo: int
    hi: int
    words: set[str] | None
    digit: bool


@dataclass
class Need:
    """What a pattern cannot match without: one of ``words`` in the window (when given), a digit (when set)."""

    words: frozenset[str] | None = None
    digit: bool = False

    def met(self, w: Window) -> bool:
        if self.digit and not w.digit:
            return False
        return w.words is None or self.words is None or not w.words.isdisjoint(self.words)


@dataclass
class Lexicon:
    code: str
    cjk: bool
    numeric_order: str
    months: dict[str, int]
    weekdays: dict[str, int]
    weekdays_past: dict[str, int]
    seasons: dict[str, str]
    seasons_past: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, str]
    relative: dict[str, tuple[str, int]]
    before_words: set[str] = field(default_factory=set)
    decade_words: dict[str, int] = field(default_factory=dict)
    duals: set[str] = field(default_factory=set)
    strong_months: bool = False
    offset_backward: bool = False
    triggers: set[str] = field(default_factory=set)
    clitics: tuple[str, ...] = ()
    lowercase_names: bool = False
    blockers: dict[str, re.Pattern[str]] = field(default_factory=dict)
    patterns: list[tuple[str, re.Pattern[str], Need]] = field(default_factory=list)
    names: list[tuple[str, re.Pattern[str], Need]] = field(default_factory=list)
    before: dict[str, re.Pattern[str]] = field(default_factory=dict)
    after: dict[str, re.Pattern[str]] = field(default_factory=dict)
    gaps: dict[str, re.Pattern[str]] = field(default_factory=dict)
    future: re.Pattern[str] | None = None
    past: re.Pattern[str] | None = None

    def windows(self, text: str) -> list[Window]:
        """Stretches of text worth matching: sentence-like chunks with a digit or a time word (every expression
        has one), plus a margin. Scanning only these, and in them only the patterns whose key words occur,
        keeps the stage fast on long articles; CJK text (no word tokens) is scanned whole."""
        if self.cjk or not self.triggers:
            return [Window(0, len(text), None, True)]
        spans: list[Window] = []
        start = 0
        for m in CHUNK_END.finditer(text + "\n"):
            lo, hi = max(0, start - MARGIN), min(len(text), m.start() + MARGIN)
            core, start = text[start : m.start()], m.end()
            if DIGIT.search(core) is None and self._words(core).isdisjoint(self.triggers):
                continue
            chunk = text[lo:hi]
            digit, words = DIGIT.search(chunk) is not None, self._words(chunk)
            if spans and lo <= spans[-1].hi:
                last = spans[-1]
                spans[-1] = Window(last.lo, hi, last.words | words if last.words is not None else None,
                                   last.digit or digit)
            else:
                spans.append(Window(lo, hi, words, digit))
        return spans

    def _words(self, chunk: str) -> set[str]:
        words = set(TOKEN.findall(chunk.lower()))
        for c in self.clitics:  # Arabic "ويوليو" also counts as "يوليو"
            words |= {w[len(c) :] for w in words if w.startswith(c)}
        return words

    def number(self, text: str) -> int | None:
        t = _norm(text)
        if t.isdigit():
            return int(t)
        return self.numbers.get(t, self.ordinals.get(t))


def _invert(table: dict[Any, list[str]] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, forms in (table or {}).items():
        for form in forms:
            out[_norm(str(form))] = key
    return out


def _raw(data: dict[str, Any], key: str) -> list[str]:
    """The forms of a table as written (case kept, for case-sensitive names)."""
    return [str(f) for forms in (data.get(key) or {}).values() for f in forms]


def _placeholders(lex: Lexicon, data: dict[str, Any]) -> dict[str, str]:
    names_flag = "?-i:" if "months" in (data.get("case_sensitive") or []) else ""
    num_alt = _alt(list(lex.numbers))
    units_plural = [w for forms in (data.get("units_plural") or {}).values() for w in forms]
    month_alt = _alt(_raw(data, "months"))
    return {
        "DAY": r"(?P<day>3[01]|[12]\d|0?[1-9])",
        "MONTH": rf"(?P<month>({names_flag}{month_alt}))(?:\.(?=\s*\d))?" if names_flag else
        rf"(?P<month>{month_alt})(?:\.(?=\s*\d))?",
        "MONTHNUM": r"(?P<monthnum>1[0-2]|0?[1-9])",
        "YEAR": r"(?P<year>19\d\d|20\d\d|2100)",
        "N": rf"(?P<n>\d{{1,3}}|{num_alt})" if num_alt else r"(?P<n>\d{1,3})",
        "UNIT": rf"(?P<unit>{_alt(list(lex.units))})",
        "UNITS": rf"(?P<unit>{_alt(units_plural)})",
        "DECADE": r"(?P<decade>1[0-9][0-9]0|20[0-9]0)",
        "DECADE2": r"(?P<decade2>[0-9]0)",
        "CENTURY": r"(?P<century>[12]?[0-9]|[IVXivx]{1,5})",
        "Q": rf"(?P<q>[1-4]|{_alt(list(lex.ordinals))})" if lex.ordinals else r"(?P<q>[1-4])",
        "SEASON": rf"(?P<season>{_alt(list(lex.seasons))})",
        "AFTER": rf"(?P<dir>{_alt(list(data.get('after_words') or []) + list(data.get('before_words') or []))})",
    }


def _bounded(body: str, cjk: bool, digit_end: bool = True) -> str:
    """Word boundaries around a pattern; in CJK text only digit boundaries, and after the pattern only when
    it ends in a number ("2020年" runs straight into "10月")."""
    if cjk:
        return rf"(?<!\d){body}" + (r"(?!\d)" if digit_end else "")
    return rf"(?<![\w]){body}(?![\w])"


def _template_need(template: str, lex: Lexicon) -> Need:
    """Key words and digits a template cannot match without (its unit, month or season words; its numbers)."""
    tables: list[Any] = []
    if "{UNIT" in template:
        tables.append(lex.units)
    elif "{MONTH}" in template:
        tables.append(lex.months)
    elif "{SEASON}" in template:
        tables.append(lex.seasons)
    words = frozenset(w for t in tables for phrase in t for w in TOKEN.findall(phrase.lower())) or None
    optional_year = "{YEAR})?" in template
    digit = any(k in template for k in ("{DAY}", "{DECADE", "{MONTHNUM}")) or (
        "{YEAR}" in template and not optional_year)
    return Need(words, digit)


def _triggers(lex: Lexicon, data: dict[str, Any]) -> set[str]:
    """Words of which every time expression contains one (besides digits): names, units, the longest word
    of each relative phrase, and the longer literal words of the century/decade/quarter/year templates."""
    words: set[str] = set()
    tables: list[Any] = [lex.months, lex.weekdays, lex.weekdays_past, lex.seasons, lex.seasons_past,
                         lex.units, lex.decade_words]
    for table in tables:
        for phrase in table:
            words.update(TOKEN.findall(phrase.lower()))
    for phrase in lex.relative:
        tokens = TOKEN.findall(phrase.lower())
        if tokens:
            words.add(max(reversed(tokens), key=len))
    for family in ("century_patterns", "decade_patterns", "quarter_patterns", "year_patterns"):
        for template in data.get(family) or []:
            stripped = re.sub(r"\{[A-Z0-9]+\}|\(\?P<\w+>", " ", template)
            words.update(w.lower() for w in TEMPLATE_WORD.findall(stripped))
    return words


def _before(alt: str, cjk: bool) -> re.Pattern[str]:
    """A cue right before an expression (matched against the text preceding it)."""
    if cjk:
        return _compile(rf"(?:{alt})\s*$")
    return _compile(rf"(?<![\w])(?:{alt})(?:\s+|(?<=['\-]))$")


def _after(alt: str, cjk: bool) -> re.Pattern[str]:
    """A cue right after an expression (matched with ``Pattern.match`` at the expression's end)."""
    return _compile(rf"\s*(?:{alt})" + ("" if cjk else r"(?![\w])"))


def _compile(body: str) -> re.Pattern[str]:
    return re.compile(body, re.IGNORECASE)


@cache
def get_lexicon(code: str) -> Lexicon | None:
    """The compiled lexicon of a language, or None when the language has no ``times.yaml``."""
    data = load_lexicon(code, "times")
    if not data:
        return None
    lex = Lexicon(
        code=code,
        cjk=bool(data.get("cjk")),
        numeric_order=str(data.get("numeric_order", "dmy")),
        months={k: int(v) for k, v in _invert(data.get("months")).items()},
        weekdays={k: int(v) for k, v in _invert(data.get("weekdays")).items()},
        weekdays_past={k: int(v) for k, v in _invert(data.get("weekdays_past")).items()},
        seasons=_invert(data.get("seasons")),
        seasons_past=_invert(data.get("seasons_past")),
        numbers={_norm(str(k)): int(v) for k, v in (data.get("numbers") or {}).items()},
        ordinals={_norm(str(k)): int(v) for k, v in (data.get("ordinals") or {}).items()},
        units=_invert(data.get("units")),
        relative={},
        before_words={_norm(str(w)) for w in data.get("before_words") or []},
        decade_words={k: int(v) for k, v in _invert(data.get("decade_words")).items()},
        duals={_norm(str(w)) for w in data.get("duals") or []},
        strong_months=bool(data.get("strong_months")),
        offset_backward=bool(data.get("offset_backward")),
    )
    for phrase, spec in (data.get("relative") or {}).items():
        unit, offset = str(spec).split()
        lex.relative[_norm(str(phrase))] = (unit, int(offset))
    lex.triggers = _triggers(lex, data)
    lex.clitics = tuple(str(c) for c in data.get("clitics") or [])
    lex.lowercase_names = bool(data.get("lowercase_names"))
    for phrase, words in (data.get("relative_blockers") or {}).items():
        lex.blockers[_norm(str(phrase))] = _before(_alt([str(w) for w in words]), lex.cjk)
    ph = _placeholders(lex, data)
    for family in PATTERN_FAMILIES:
        for template in data.get(family) or []:
            body = template
            for key, value in ph.items():
                body = body.replace("{" + key + "}", value)
            digit_end = template.rstrip("?)").endswith("}")
            pattern = _compile(_bounded(f"(?:{body})", lex.cjk, digit_end))
            lex.patterns.append((family, pattern, _template_need(template, lex)))
    sensitive = set(data.get("case_sensitive") or [])
    name_tables = (
        ("month", lex.months), ("weekday", lex.weekdays), ("weekday_past", lex.weekdays_past),
        ("season", lex.seasons), ("season_past", lex.seasons_past), ("relative", lex.relative),
        ("decade", lex.decade_words),
    )
    clitic = f"(?:{_alt([str(c) for c in data.get('clitics') or []])})?" if data.get("clitics") else ""
    for kind, table in name_tables:
        if table:
            if kind in ("month", "weekday") and f"{kind}s" in sensitive:
                group = f"(?-i:{_alt(_raw(data, kind + 's'))})"
            elif kind == "relative" and "relative" in sensitive:
                group = f"(?-i:{_alt([str(k) for k in data['relative']])})"
            else:
                group = f"(?:{_alt(list(table))})"
            body = f"{clitic}(?P<name>{group})"
            # CJK names ("昨年", "2月") sit right against digits and words: no boundaries at all
            need = Need(frozenset(w for phrase in table for w in TOKEN.findall(phrase.lower())))
            lex.names.append((kind, _compile(body if lex.cjk else _bounded(body, False)), need))
    for family in CUE_FAMILIES:
        words = [str(w) for w in data.get(family) or []]
        if words:
            alt = _alt(words)
            lex.before[family] = _before(alt, lex.cjk)
            lex.gaps[family] = _compile(rf"^\s*,?\s*(?:{alt})?\s*,?\s*$")
            lex.after[family] = _after(alt, lex.cjk)
    for family in SIDED_FAMILIES:
        sides = data.get(family) or {}
        if sides.get("before"):
            alt = _alt([str(w) for w in sides["before"]])
            lex.before[family] = _before(alt, lex.cjk)
        if sides.get("after"):
            alt = _alt([str(w) for w in sides["after"]])
            lex.after[family] = _after(alt, lex.cjk)
    if data.get("future_cues"):
        lex.future = _compile(_bounded(f"(?:{'|'.join(data['future_cues'])})", lex.cjk))
    if data.get("past_cues"):
        lex.past = _compile(_bounded(f"(?:{'|'.join(data['past_cues'])})", lex.cjk) + r"[^.;:]{0,12}$")
    return lex


def empty_lexicon(code: str) -> Lexicon:
    """A lexicon without words, for languages without ``times.yaml``: only numeric and ISO dates are found."""
    return Lexicon(code, False, "dmy", {}, {}, {}, {}, {}, {}, {}, {}, {})
