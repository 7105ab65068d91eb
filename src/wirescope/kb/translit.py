"""Romanise Russian and Ukrainian names the way newsrooms of each language do (Путин: Putin, Poetin, Poutine).

Each convention maps Cyrillic letters to Latin strings; a value ``"a|b"`` yields both variants (en Sergei/Sergey).
Context rules cover what letter tables cannot: ``е`` at the start of a word or after a vowel (Yevgeny/Jewgeni),
``ё`` after hushing consonants (Gorbatsjov), ``й`` before a consonant in English (Shoigu), soft sign before a vowel,
adjective endings ``-ий``/``-ый``, French and Spanish ``gu`` before e/i (Sergueï, Serguéi), French and German
``ss`` between vowels, French final ``-ine`` (Poutine).
"""

from __future__ import annotations

from itertools import product

_VOWELS = set("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ")

_HUSHING = set("жчшщ")
#: Soft sign before a vowel is written as j/i in these conventions (Iljitsjov, Iljitschow, Ilitchiov).
_SOFT_SIGN_J = {"de": "j", "nl": "j", "sv": "j", "pl": "j", "fr": "i"}

_COMMON = {
    "а": "a", "б": "b", "д": "d", "ф": "f", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "т": "t", "ъ": "", "ь": "", "'": "", "’": "",
}

#: Russian letter tables per convention (letters not listed come from ``_COMMON``).
RU: dict[str, dict[str, str]] = {
    "en": {"в": "v", "г": "g", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y", "с": "s", "у": "u",
           "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "э": "e", "ю": "yu", "я": "ya"},
    "de": {"в": "w", "г": "g", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i", "й": "i", "с": "s", "у": "u",
           "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ы": "y", "э": "e", "ю": "ju", "я": "ja"},
    "fr": {"в": "v", "г": "g", "е": "e", "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "ï", "с": "s", "у": "ou",
           "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ы": "y", "э": "e", "ю": "iou", "я": "ia"},
    "nl": {"в": "v", "г": "g", "е": "e", "ё": "jo", "ж": "zj", "з": "z", "и": "i", "й": "j", "с": "s", "у": "oe",
           "х": "ch", "ц": "ts", "ч": "tsj", "ш": "sj", "щ": "sjtsj", "ы": "y", "э": "e", "ю": "joe", "я": "ja"},
    "sv": {"в": "v", "г": "g", "е": "e", "ё": "jo", "ж": "zj", "з": "z", "и": "i", "й": "j", "с": "s", "у": "u",
           "х": "ch", "ц": "ts", "ч": "tj", "ш": "sj", "щ": "sjtj", "ы": "y", "э": "e", "ю": "ju", "я": "ja"},
    "es": {"в": "v", "г": "g", "е": "e", "ё": "io", "ж": "zh", "з": "z", "и": "i", "й": "i", "с": "s", "у": "u",
           "х": "j", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch", "ы": "y", "э": "e", "ю": "iu", "я": "ia"},
    "pl": {"в": "w", "г": "g", "е": "e", "ё": "io", "ж": "ż", "з": "z", "и": "i", "й": "j", "с": "s", "у": "u",
           "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ы": "y", "э": "e", "ю": "iu", "я": "ia"},
}

#: Ukrainian differs in г/и/і/ї/є/ґ (Volodymyr Zelenskyy, Wolodymyr Selenskyj, Zelensky).
UK_EXTRA: dict[str, dict[str, str]] = {
    "en": {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "є": "ye"},
    "de": {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "ji", "є": "je"},
    "fr": {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "ï", "є": "ie"},
    "nl": {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "ji", "є": "je"},
    "sv": {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "ji", "є": "je"},
    "es": {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "yi", "є": "ie"},
    "pl": {"г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "ji", "є": "je"},
}

#: ``е`` at the start of a word or after a vowel / soft or hard sign.
_IOTATED_E = {"en": "ye", "de": "je", "fr": "ie", "nl": "je", "sv": "je", "es": "ie", "pl": "je"}

#: Word endings replaced before letter mapping: (ending, {convention: latin}).
_RU_ENDINGS: list[tuple[str, dict[str, str]]] = [
    ("ий", {"en": "y|iy", "de": "ij|i", "fr": "i", "nl": "i", "sv": "ij", "es": "i", "pl": "ij"}),
    ("ый", {"en": "y", "de": "y", "fr": "y", "nl": "y", "sv": "yj", "es": "i", "pl": "y"}),
    ("ей", {"en": "ei|ey", "de": "ei|ej", "fr": "eï", "nl": "ej", "sv": "ej", "es": "éi|ei", "pl": "iej"}),
]
_UK_ENDINGS: list[tuple[str, dict[str, str]]] = [
    ("ий", {"en": "y|yi|yy", "de": "yj", "fr": "y|i", "nl": "y|yj", "sv": "yj", "es": "i", "pl": "yj|i"}),
    ("ій", {"en": "iy|ii", "de": "ij", "fr": "i", "nl": "i", "sv": "ij", "es": "i", "pl": "ij"}),
]

CONVENTIONS = tuple(RU)


def _table(lang: str, source: str) -> dict[str, str]:
    table = {**_COMMON, **RU[lang]}
    if source == "uk":
        table.update(UK_EXTRA[lang])
    return table


def _word_options(word: str, lang: str, source: str) -> list[str]:
    """Latin variants of one word under one convention."""
    lower = word.lower()
    table = _table(lang, source)
    tail: list[str] = [""]
    endings = _UK_ENDINGS if source == "uk" else _RU_ENDINGS
    for ending, by_lang in endings:
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            lower = lower[: -len(ending)]
            tail = by_lang[lang].split("|")
            break
    parts: list[list[str]] = []
    for i, ch in enumerate(lower):
        prev = lower[i - 1] if i else ""
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if ch == "е" and (i == 0 or prev in _VOWELS or prev in "ьъ'’"):
            parts.append([_IOTATED_E[lang]])
        elif ch == "ё" and prev in _HUSHING:
            parts.append(["o"])
        elif ch == "й" and lang in ("en", "es") and prev in _VOWELS and nxt and nxt not in _VOWELS:
            parts.append(["i"])
        elif ch == "ь" and nxt in _VOWELS and lang in _SOFT_SIGN_J:
            parts.append([_SOFT_SIGN_J[lang]])
        elif lang in ("fr", "es") and ch == "г" and nxt in "еиыэ" and source == "ru":
            parts.append(["gu"])
        elif lang in ("fr", "de") and ch == "с" and prev in _VOWELS and nxt in _VOWELS:
            parts.append(["ss"])
        elif ch in table:
            parts.append(table[ch].split("|"))
        elif ch.isalpha() and not ch.isascii() and ch.lower() not in table:
            return []  # a letter we cannot romanise: produce nothing rather than a half-Cyrillic form
        else:
            parts.append([ch])
    stems = ["".join(p) for p in product(*parts)]
    out = [s + t for s in stems for t in tail]
    if lang == "fr" and source == "ru":
        out = [o + "e" if o.endswith("in") and len(o) > 3 else o for o in out]
    return [_recase(o, word) for o in out]


def _recase(latin: str, original: str) -> str:
    if original[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


def romanise(name: str, source: str = "ru", langs: tuple[str, ...] = CONVENTIONS) -> list[str]:
    """Latin forms of a Cyrillic name in each newsroom convention (deduplicated, order kept)."""
    out: list[str] = []
    for lang in langs:
        words = [_word_options(w, lang, source) for w in name.replace("-", " - ").split()]
        if any(not w for w in words):
            continue
        for combo in product(*words):
            form = " ".join(combo).replace(" - ", "-")
            if form not in out:
                out.append(form)
    return out
