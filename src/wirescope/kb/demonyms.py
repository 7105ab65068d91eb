"""Country adjectives/demonyms per language, generated from stems and inflection rules in ``data/demonyms.yaml``.

The data file has, per language, ``rules`` (ordered ``[ending, [replacement endings]]``: the first ending the base
form has wins; its endings are swapped for each replacement), optional ``prefixes`` (Arabic ``ال``) and ``stems``
(alpha-3 -> base form, or ``"a|b|c"`` for an explicit irregular paradigm, or a list of base forms). ``from_cldr``
languages (ko, ja, zh) also derive forms from each listed country's CLDR name plus the rule suffixes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from wirescope.kb.base import KnowledgeBase

from wirescope.kb.base import DATA_DIR


def inflect(base: str, rules: list[list[Any]], prefixes: list[str] | None = None) -> list[str]:
    """All forms of ``base`` under the first matching rule (and each prefix)."""
    if "|" in base:
        forms = [f.strip() for f in base.split("|") if f.strip()]
    else:
        forms = [base]
        for ending, replacements in rules:
            if base.endswith(ending):
                stem = base[: len(base) - len(ending)] if ending else base
                forms = [stem + r for r in replacements]
                break
    out: list[str] = []
    for prefix in prefixes or [""]:
        for form in forms:
            candidate = prefix + form
            if candidate not in out:
                out.append(candidate)
    return out


def _bases(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def load_demonyms(kb: KnowledgeBase) -> None:
    with (DATA_DIR / "demonyms.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    all_codes = set(data.get("countries", []))
    for lang, spec in data["languages"].items():
        rules = spec.get("rules", [["", [""]]])
        prefixes = spec.get("prefixes")
        stems: dict[str, Any] = dict(spec.get("stems", {}) or {})
        if spec.get("from_cldr"):
            cldr: dict[str, list[str]] = {}
            for ref in kb.aliases(lang):
                if ref.kind == "cldr" and ref.lang == lang:
                    cldr.setdefault(ref.entry_id.removeprefix("country:"), []).append(ref.text)
            for code in all_codes:
                stems[code] = _bases(stems.get(code, [])) + cldr.get(code, [])
        for code, value in stems.items():
            for base in _bases(value):
                for form in inflect(base, rules, prefixes):
                    kb.add_demonym(form, lang, code)
