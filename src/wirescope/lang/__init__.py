"""Per-language data: ``lang/<code>/<name>.yaml`` files (lexicons, patterns), loaded by one engine per stage.

Adding a language means adding a folder here with the same files as the others (see docs/architecture.md);
no stage code changes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent

#: ISO 639-1 codes of the languages wirescope segments and identifies.
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "sv", "nl", "de", "fr", "es", "it", "pt", "ru", "uk", "pl", "ko", "ja", "zh", "ar",
)


@cache
def load_lexicon(code: str, name: str) -> dict[str, Any]:
    """Load ``lang/<code>/<name>.yaml``; an empty dict when the language has no such file."""
    path = LANG_DIR / code / f"{name}.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return data or {}


def languages_with(name: str) -> list[str]:
    """Codes of the languages that ship a ``<name>.yaml`` file."""
    return sorted(p.parent.name for p in LANG_DIR.glob(f"*/{name}.yaml"))
