"""simplemma's lemma dictionaries as compact tries instead of Python dicts.

simplemma's module functions (``simplemma.lemmatize``, ``simplemma.is_known``, used by the entities, events and
claims stages) unpickle each language's dictionary into a Python dict: Polish alone takes ~500 MiB of resident
memory, German or Spanish ~150 MiB, and a worker reading a dozen languages passes 1.5 GiB. With ``marisa-trie``
installed, :func:`use_tries` points those module functions at simplemma's own ``TrieDictionaryFactory``: each
dictionary is converted once per machine into a trie (cached on disk under the user's cache directory; Polish takes
~10 CPU s) and later loaded from that file: 44 MB on disk for ten languages. Same data, same lemmatization strategy,
so the same lemmas (``tests/nlp/test_lemmas.py`` compares them). The cache file is written under a temporary name
and renamed, so workers building the same trie at once never read a half-written one.

simplemma (1.x) reads ``_legacy_dictionary_factory``, ``_legacy_lemmatizer`` and ``_legacy_greedy_lemmatizer`` from
its ``lemmatizer`` module at each call; they are replaced together, and left alone if a version lacks them.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from typing import Any

from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

log = logging.getLogger(__name__)
#: where the tries are cached (default: simplemma's directory under the user's cache directory)
CACHE_ENV = "WIRESCOPE_LEMMA_CACHE"
_LEGACY = ("_legacy_dictionary_factory", "_legacy_lemmatizer", "_legacy_greedy_lemmatizer")


class _AtomicTrieFactory(TrieDictionaryFactory):
    def _write_trie_to_disk(self, lang: str, trie: Any) -> None:
        """Cache the trie; an unwritable cache (read-only home, full disk) only costs rebuilding it next time."""
        try:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            partial = self._cache_dir / f"{lang}.dic.{os.getpid()}.partial"
            trie.save(str(partial))
            os.replace(partial, self._cache_dir / f"{lang}.dic")
        except OSError as exc:
            log.warning("lemma trie for %s not cached in %s: %s", lang, self._cache_dir, exc)


@cache
def use_tries() -> bool:
    """Make simplemma's module functions read tries; False (nothing changed) without ``marisa-trie``."""
    try:
        import marisa_trie  # noqa: F401  (simplemma imports it only when a trie is built)
        import platformdirs  # noqa: F401  (simplemma's trie factory names its cache directory with it)
    except ImportError:
        return False
    from simplemma import Lemmatizer
    from simplemma import lemmatizer as module
    from simplemma.strategies import DefaultStrategy

    if not all(hasattr(module, name) for name in _LEGACY):
        return False
    factory = _AtomicTrieFactory(disk_cache_dir=os.environ.get(CACHE_ENV) or None)
    replacements = dict(zip(_LEGACY, (
        factory,
        Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)),
        Lemmatizer(lemmatization_strategy=DefaultStrategy(greedy=True, dictionary_factory=factory)),
    ), strict=True))
    for name, value in replacements.items():
        setattr(module, name, value)
    return True
