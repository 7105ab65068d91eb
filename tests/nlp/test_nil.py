from wirescope.nlp.nil import NilResolver, nil_id


def test_nil_id_is_stable_across_spellings_and_languages() -> None:
    assert nil_id("Artjom Loekin", "PERSON", "nl") == nil_id("Artyom Lukin", "PERSON", "en")
    assert nil_id("Artyom Lukin", "PERSON") != nil_id("Artyom Lukin", "ORGANIZATION")


def test_resolver_attaches_fuzzy_variant_to_known_entity() -> None:
    resolver = NilResolver()
    first = resolver.resolve("Alexander Matsegora", "PERSON", "en", country="RUS")
    again = resolver.resolve("Aleksandr Matsegora", "PERSON", "sv", country="RUS")
    other = resolver.resolve("Alexander Matveev", "PERSON", "en", country="RUS")
    assert first == again
    assert other != first
    assert len(resolver.entities[first].names) == 2


def test_resolver_respects_country_context() -> None:
    resolver = NilResolver()
    a = resolver.resolve("Ivan Petrenko", "PERSON", "en", country="UKR")
    b = resolver.resolve("Ivan Petrenko", "PERSON", "en", country="RUS")
    assert a != b
    assert resolver.entities[a].country == "UKR"
    assert resolver.entities[b].country == "RUS"
