"""simplemma's lemma dictionaries as memory-mapped tries instead of in-memory dicts.

simplemma's module functions (``simplemma.lemmatize``, ``simplemma.is_known``, used by the entities, events and
claims stages) unpickle each language's dictionary into a Python dict: Polish alone takes ~500 MiB of resident
memory, German or Spanish ~150 MiB, and a worker reading a dozen languages passes 1.5 GiB. With ``marisa-trie``
installed, :func:`use_tries` points those module functions at simplemma's own ``TrieDictionaryFactory``: each
dictionary is converted once per machine into a trie (cached on disk under the user's cache directory; Polish takes
~10 CPU s) and then memory-mapped, a few MiB per language, shared between processes. Same data, same lemmatization
strategy, so the same lemmas (``tests/nlp/test_lemmas.py`` compares them).

simplemma (1.x) reads ``_legacy_dictionary_factory``, ``_legacy_lemmatizer`` and ``_legacy_greedy_lemmatizer`` from
its ``lemmatizer`` module at each call; they are replaced together, and left alone if a version lacks them.
"""

from __future__ import annotations

from functools import cache

_LEGACY = ("_legacy_dictionary_factory", "_legacy_lemmatizer", "_legacy_greedy_lemmatizer")


@cache
def use_tries() -> bool:
    """Make simplemma's module functions read tries; False (nothing changed) without ``marisa-trie``."""
    try:
        import marisa_trie  # noqa: F401  (simplemma imports it only when a trie is built)
    except ImportError:
        return False
    from simplemma import Lemmatizer
    from simplemma import lemmatizer as module
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

    if not all(hasattr(module, name) for name in _LEGACY):
        return False
    factory = TrieDictionaryFactory()
    replacements = dict(zip(_LEGACY, (
        factory,
        Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)),
        Lemmatizer(lemmatization_strategy=DefaultStrategy(greedy=True, dictionary_factory=factory)),
    ), strict=True))
    for name, value in replacements.items():
        setattr(module, name, value)
    return True
