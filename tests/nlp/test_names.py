from wirescope.nlp.names import NameContext, latin_tokens, match_names, name_key, name_similarity


def test_transliteration_conventions_collapse_to_one_key() -> None:
    forms = [("Sergei Shoigu", "en"), ("Sergej Sjojgoe", "nl"), ("Sergej Schoigu", "de"), ("Sergueï Choïgou", "fr"),
             ("Сергей Шойгу", "ru")]
    keys = {name_key(n, lang) for n, lang in forms}
    assert len(keys) == 1, keys


def test_dutch_and_english_spellings_match() -> None:
    assert match_names("Artjom Loekin", "Artyom Lukin", "nl", "en")
    assert match_names("Pjotr Iljitsjev", "Pyotr Ilyichev", "nl", "en")


def test_token_order_does_not_matter() -> None:
    assert name_similarity("Kim Jong Un", "Jong Un Kim") == 1.0


def test_shared_family_name_is_not_a_match() -> None:
    assert not match_names("Kim Kun Ok", "Kim Jong Un")
    assert not match_names("Kim", "Kim Jong Un")


def test_context_separates_namesakes() -> None:
    a, b = NameContext(country="RUS"), NameContext(country="UKR")
    assert match_names("Oleksandr Kovalenko", "Oleksandr Kovalenko")
    assert not match_names("Oleksandr Kovalenko", "Oleksandr Kovalenko", ctx_a=a, ctx_b=b)


def test_latin_tokens_transliterate_hangul_and_cyrillic() -> None:
    assert latin_tokens("푸틴") == ("putin",)
    assert latin_tokens("Путин") == ("putin",)
