from __future__ import annotations

import sqlite3
from pathlib import Path

from pytest import MonkeyPatch
from typer.testing import CliRunner

from wirescope.cli import app
from wirescope.model import ActorRef, Claim, Document, Entity, Event, Mention, Sentence, Speaker
from wirescope.nlp.nil import (
    NilEntity,
    NilResolver,
    apply_entity_ids,
    block_keys,
    cluster_document,
    nil_id,
    nil_similarity,
)
from wirescope.store import open_store, repository

STAGES = "language,segment,entities"

# Articles written for these tests: one unknown diplomat and one unknown analyst, spelled by Dutch and Swedish
# conventions, and a South Korean namesake of the diplomat.
DUTCH = (
    "De Noord-Koreaanse ambassadeur in Rusland, Sin Hong Chol, zei dinsdag dat Pyongyang meer arbeiders naar het "
    "Verre Oosten wil sturen.\n\nVolgens analist Arkadi Zjoerbenko van een denktank in Vladivostok is dat een teken "
    "van nauwere banden tussen beide landen.\n"
)
SWEDISH = (
    "Nordkoreas ambassadör i Ryssland, Sin Hong-chol, sade på torsdagen att landet vill skicka fler arbetare "
    "österut.\n\nAnalytikern Arkadij Zjurbenko i Vladivostok menar att banden mellan länderna blir starkare för "
    "varje månad.\n"
)
NAMESAKE = (
    "Sydkoreas ambassadör i Japan, Sin Hong-chol, sade på fredagen att Seoul vill förbättra förbindelserna med "
    "Tokyo.\n"
)


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


def test_block_keys_are_shared_by_spelling_variants_only() -> None:
    assert block_keys("Sin Hong Chol", "nl") & block_keys("Sin Hongchol", "sv")
    assert block_keys("Arkadi Zjoerbenko", "nl") & block_keys("Arkadij Zjurbenko", "sv")
    assert not block_keys("Sin Hong Chol", "nl") & block_keys("Pak Yong Sik", "en")


def test_both_readings_of_a_name_in_a_dutch_text_are_tried() -> None:
    # Dutch "ch" transliterates Russian "kh", but a Korean "Chol" in a Dutch text is the romanised spelling
    assert nil_similarity("Sin Hong Chol", "nl", "Sin Hong-chol", "sv") == 1.0
    assert nil_similarity("Sin Hong Chol", "nl", "Sin Hyon Chol", "sv") < 0.88


def _doc(text: str, lang: str, entities: list[Entity]) -> Document:
    doc = Document(text=text, language=lang)
    doc.sentences = [Sentence(0, 0, len(text), lang)]
    doc.entities = entities
    return doc


def test_cluster_document_joins_known_entity_and_splits_namesake() -> None:
    stored_id = nil_id("Sin Hong Chol", "PERSON", "nl")
    known = NilEntity(stored_id, "PERSON", "Sin Hong Chol", country="PRK", names=[("Sin Hong Chol", "nl")])
    same = Entity(nil_id("Sin Hongchol", "PERSON", "sv"), "PERSON", "Sin Hongchol", country="PRK",
                  mentions=[Mention("Sin Hongchol", 0, 12, 0)])
    namesake = Entity(stored_id, "PERSON", "Sin Hong Chol", country="KOR",
                      mentions=[Mention("Sin Hong Chol", 17, 30, 0)])
    doc = _doc("Sin Hongchol met Sin Hong Chol.", "nl", [same, namesake])
    requested: list[set[str]] = []

    def lookup(keys: set[str]) -> list[NilEntity]:
        requested.append(keys)
        return [known]

    found = cluster_document(doc, lookup)
    assert found[same.id].id == stored_id
    assert found[stored_id].id != stored_id  # a KOR namesake of a stored PRK name is an entity of its own
    assert len(requested) == 1 and "sin" in requested[0]


def test_apply_entity_ids_merges_and_rewrites_references() -> None:
    a = Entity("nil:person:a", "PERSON", "Ri Su Yong", mentions=[Mention("Ri Su Yong", 0, 10, 0)], aliases=["x"])
    b = Entity("nil:person:b", "PERSON", "Ri Suyong", mentions=[Mention("Ri Suyong", 20, 29, 0)], aliases=["y"])
    doc = _doc("Ri Su Yong said Ri Suyong", "en", [a, b])
    doc.events = [Event("e1", "CONSULT", actor=[ActorRef("Ri Suyong", "PRK", entity_id="nil:person:b")])]
    doc.claims = [Claim("c1", Speaker("Ri Suyong", entity_id="nil:person:b"), "assert", "direct", "t", 0, 1, 0)]
    apply_entity_ids(doc, {"nil:person:b": "nil:person:a"})
    assert [e.id for e in doc.entities] == ["nil:person:a"]
    assert len(doc.entities[0].mentions) == 2 and doc.entities[0].aliases == ["x", "y"]
    assert doc.events[0].actor[0].entity_id == "nil:person:a"
    assert doc.claims[0].speaker.entity_id == "nil:person:a"


def test_store_clusters_nil_entities_of_later_documents(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    first = _doc("Sin Hong Chol arrived.", "nl", [
        Entity(nil_id("Sin Hong Chol", "PERSON", "nl"), "PERSON", "Sin Hong Chol", country="PRK",
               mentions=[Mention("Sin Hong Chol", 0, 13, 0)]),
    ])
    second = _doc("Sin Hongchol left.", "sv", [
        Entity(nil_id("Sin Hongchol", "PERSON", "sv"), "PERSON", "Sin Hongchol", country="PRK",
               mentions=[Mention("Sin Hongchol", 0, 12, 0)]),
    ])
    store.save(first, "a.txt", "test")
    store.save(second, "b.txt", "test")
    assert second.entities[0].id == first.entities[0].id
    assert second.entities[0].name == "Sin Hong Chol"
    loaded = store.load_document(second.id)
    assert loaded is not None and loaded.entities[0].id == first.entities[0].id


def _nil_mentions(db: Path) -> dict[str, set[tuple[str, str | None]]]:
    """Stored NIL entity id -> {(mention text, entity country)}."""
    out: dict[str, set[tuple[str, str | None]]] = {}
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT e.id, m.text, e.country FROM entities e JOIN mentions m ON m.entity_id = e.id "
            "WHERE e.id LIKE 'nil:%'"
        )
        for entity_id, text, country in rows:
            out.setdefault(entity_id, set()).add((text, country))
    return out


def test_two_ingest_runs_share_nil_entities_across_languages(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "w.db"
    for name, text in (("nl.txt", DUTCH), ("sv.txt", SWEDISH), ("namesake.txt", NAMESAKE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(tmp_path / "nl.txt"), "--db", str(db), "--stages", STAGES])
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        app, ["ingest", str(tmp_path / "sv.txt"), str(tmp_path / "namesake.txt"), "--db", str(db), "--stages", STAGES]
    )
    assert second.exit_code == 0, second.output
    by_text: dict[str, set[str]] = {}
    for entity_id, mentions in _nil_mentions(db).items():
        for text, _ in mentions:
            by_text.setdefault(text, set()).add(entity_id)
    diplomat = by_text["Sin Hong Chol"]
    assert len(diplomat) == 1
    assert diplomat < by_text["Sin Hong-chol"]  # the Swedish spelling joined the Dutch entity...
    assert len(by_text["Sin Hong-chol"]) == 2  # ...and the South Korean namesake is another entity
    assert by_text["Arkadi Zjoerbenko"] == by_text["Arkadij Zjurbenko"]
    assert len(by_text["Arkadi Zjoerbenko"]) == 1


def test_store_lookup_uses_blocking_keys_and_skips_crowded_ones(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    store = open_store(str(tmp_path / "s.db"))
    surnames = ["Zelenko", "Baranov", "Kuzmin", "Orlov", "Sokolov", "Lebedev", "Morozov", "Volkov", "Pavlov"]
    for i, surname in enumerate(surnames):
        name = f"Ivan {surname}"
        doc = _doc(f"{name} spoke.", "en", [
            Entity(nil_id(name, "PERSON", "en"), "PERSON", name, mentions=[Mention(name, 0, len(name), 0)]),
        ])
        store.save(doc, f"{i}.txt", "test")
    with store.engine.connect() as conn:
        every = store._nil_candidates(conn, block_keys("Ivan Zelenko", "en"))
        monkeypatch.setattr(repository, "_MAX_BLOCK_ROWS", 5)
        rare = store._nil_candidates(conn, block_keys("Ivan Zelenko", "en"))
    assert len(every) == len(surnames)  # "ivan" is shared by all of them
    assert [e.name for e in rare] == ["Ivan Zelenko"]  # a crowded key is not used once it exceeds the limit
