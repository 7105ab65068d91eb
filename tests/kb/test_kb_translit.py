"""Romanisation of Cyrillic names per newsroom convention (src/wirescope/kb/translit.py)."""

from __future__ import annotations

import pytest

from wirescope.kb.translit import romanise


@pytest.mark.parametrize(
    ("name", "source", "lang", "expected"),
    [("Путин", "ru", "nl", "Poetin"), ("Путин", "ru", "fr", "Poutine"), ("Путин", "ru", "en", "Putin"),
     ("Шойгу", "ru", "en", "Shoigu"), ("Шойгу", "ru", "de", "Schoigu"), ("Шойгу", "ru", "fr", "Choïgou"),
     ("Шойгу", "ru", "sv", "Sjojgu"), ("Шойгу", "ru", "nl", "Sjojgoe"), ("Шойгу", "ru", "pl", "Szojgu"),
     ("Лавров", "ru", "de", "Lawrow"), ("Евгений", "ru", "en", "Yevgeny"), ("Евгений", "ru", "de", "Jewgeni"),
     ("Сергей", "ru", "fr", "Sergueï"), ("Сергей", "ru", "es", "Serguéi"), ("Горбачёв", "ru", "nl", "Gorbatsjov"),
     ("Горбачёв", "ru", "de", "Gorbatschow"),
     ("Зеленський", "uk", "de", "Selenskyj"), ("Зеленський", "uk", "en", "Zelenskyy"),
     ("Зеленський", "uk", "fr", "Zelensky"),
     ("Володимир", "uk", "en", "Volodymyr"), ("Кулеба", "uk", "nl", "Koeleba")],
)
def test_conventions(name: str, source: str, lang: str, expected: str) -> None:
    assert expected in romanise(name, source, langs=(lang,))


def test_multiword_names_and_hyphens() -> None:
    forms = romanise("Касым-Жомарт Токаев", "ru", langs=("en",))
    assert "Kasym-Zhomart Tokayev" in forms


def test_unknown_letters_give_nothing() -> None:
    assert romanise("Путин 普京", "ru") == []
