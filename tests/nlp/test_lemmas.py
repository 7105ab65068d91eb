"""simplemma's module functions read tries after use_tries() and give the lemmas of the in-memory dictionaries."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest
import simplemma
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import DefaultDictionaryFactory

from wirescope.nlp.lemmas import use_tries


@pytest.mark.parametrize("lang", ["en", "sv", "de"])
def test_trie_lemmas_and_known_words_equal_the_dictionaries(lang: str) -> None:
    assert use_tries()
    from simplemma import lemmatizer as module
    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

    assert isinstance(module._legacy_dictionary_factory, TrieDictionaryFactory)
    dictionaries = DefaultDictionaryFactory()
    reference = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=dictionaries))
    lookup = DictionaryLookupStrategy(dictionaries)
    keys = list(dictionaries.get_dictionary(lang))
    words = random.Random(0).sample(keys, 2000)
    words += [w.capitalize() for w in words[:300]] + [w + "zq" for w in words[:300]] + ["Budget", "talks", "xyzzy"]
    for word in words:
        assert simplemma.lemmatize(word, lang) == reference.lemmatize(word, lang), word
        assert simplemma.is_known(word, lang) == (lookup.get_lemma(word, lang) is not None), word


def test_the_trie_cache_file_is_complete_and_reloads_to_the_same_lemmas(tmp_path: Path) -> None:
    from wirescope.nlp.lemmas import _AtomicTrieFactory

    built = _AtomicTrieFactory(disk_cache_dir=str(tmp_path)).get_dictionary("en")
    assert [p.name for p in tmp_path.iterdir()] == ["en.dic"]  # renamed into place, no partial file left
    reloaded = _AtomicTrieFactory(disk_cache_dir=str(tmp_path)).get_dictionary("en")
    for word in ("talks", "agreed", "sanctions", "went"):
        assert reloaded[word] == built[word] == DefaultDictionaryFactory().get_dictionary("en")[word]


def test_an_unwritable_cache_only_costs_rebuilding(tmp_path: Path) -> None:
    """A cache directory that cannot be created (here: a file is in the way) must not stop lemmatization."""
    from wirescope.nlp.lemmas import _AtomicTrieFactory, log

    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    level = log.level
    log.addHandler(handler)  # on the module's logger itself: the CLI (run in-process by other tests) configures
    log.setLevel(logging.WARNING)  # propagation and levels of the package's loggers
    try:
        trie = _AtomicTrieFactory(disk_cache_dir=str(blocker / "cache")).get_dictionary("en")
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
    assert trie["went"] == DefaultDictionaryFactory().get_dictionary("en")["went"]
    assert any("not cached" in w for w in warnings)
