"""Claims ledger: the same proposition across documents and languages, denials linked across documents.
Uses the real cross-lingual embedding model (loaded once per process by wirescope.nlp.embed)."""

from __future__ import annotations

from wirescope.ledger import build_ledger, claim_entities, link_denials
from wirescope.model import Claim, Entity, Mention, Speaker

RUS = Entity(id="country:RUS", type="COUNTRY", name="Russia", country="RUS")
PRK = Entity(id="country:PRK", type="COUNTRY", name="North Korea", country="PRK")


def claim(doc: str, n: int, text: str, stance: str, speaker: Speaker, denies: list[str] | None = None) -> Claim:
    return Claim(
        id=f"{doc}:c{n}",
        speaker=speaker,
        stance=stance,
        quote="indirect",
        text=text,
        start=0,
        end=len(text),
        sentence=0,
        language=None,
        date=f"2024-0{n + 1}-01",
        denies=denies or [],
    )


def mentioned(text: str, *surfaces_entities: tuple[str, Entity]) -> list[Entity]:
    """Copies of the entities with a mention at each surface form found in ``text``."""
    out = []
    for surface, ent in surfaces_entities:
        start = text.index(surface)
        out.append(
            Entity(
                id=ent.id,
                type=ent.type,
                name=ent.name,
                country=ent.country,
                mentions=[Mention(surface, start, start + len(surface), 0)],
            )
        )
    return out


PENTAGON = Speaker(text="Pentagon", name="Pentagon", entity_id="org:pentagon", country="USA")
NYT = Speaker(text="New York Times", name="The New York Times", entity_id="org:nyt")
ENVOY = Speaker(text="the Russian envoy", country="RUS", role="envoy")
PYONGYANG = Speaker(text="Pyongyang", name="North Korea", entity_id="country:PRK", country="PRK")

EN = "Russia asked North Korea for artillery ammunition"
NL = "Rusland heeft Noord-Korea om artilleriemunitie gevraagd"
RU_DENIAL = "Россия не просила у Северной Кореи никаких боеприпасов"
OTHER = "The harbour of Vladivostok will reopen for passenger ferries in spring"


def items() -> list[tuple[str, Claim, list[Entity]]]:
    a = claim("en1", 0, EN, "assert", PENTAGON)
    b = claim("nl1", 1, NL, "assert", NYT)
    c = claim("ru1", 2, RU_DENIAL, "deny", ENVOY)
    d = claim("en2", 3, OTHER, "assert", NYT)
    return [
        ("en1", a, mentioned(EN, ("Russia", RUS), ("North Korea", PRK))),
        ("nl1", b, mentioned(NL, ("Rusland", RUS), ("Noord-Korea", PRK))),
        ("ru1", c, mentioned(RU_DENIAL, ("Россия", RUS), ("Северной Кореи", PRK))),
        ("en2", d, []),
    ]


def test_claim_entities_include_content_and_speaker() -> None:
    _, c, ents = items()[0]
    assert claim_entities(c, ents) == {"country:RUS", "country:PRK", "RUS", "PRK", "org:pentagon", "USA"}


def test_denial_linked_across_documents_and_languages() -> None:
    links = link_denials(items())
    assert set(links) == {"ru1:c2"}
    assert links["ru1:c2"][0] in {"en1:c0", "nl1:c1"}


def test_in_document_denial_link_is_kept() -> None:
    data = items()
    doc_claim = claim("ru1", 0, "Россия закупает снаряды у КНДР", "assert", NYT)
    data.append(("ru1", doc_claim, []))
    data[2][1].denies = [doc_claim.id]
    assert doc_claim.id in link_denials(data)["ru1:c2"]


def test_ledger_groups_one_proposition_across_languages() -> None:
    ledger = build_ledger(items())
    top = ledger[0]
    assert {e.claim_id for e in top.entries} == {"en1:c0", "nl1:c1", "ru1:c2"}
    assert {e.speaker.text for e in top.asserted_by} == {"Pentagon", "New York Times"}
    assert [e.speaker.text for e in top.denied_by] == ["the Russian envoy"]
    assert top.sources == ["en1", "nl1", "ru1"] and top.contested
    assert (top.first_date, top.last_date) == ("2024-01-01", "2024-03-01")
    assert {"country:RUS", "country:PRK"} <= set(top.entities)
    assert [e.claim_id for p in ledger[1:] for e in p.entries] == ["en2:c3"]


def test_ledger_json() -> None:
    d = build_ledger(items())[0].to_dict()
    assert set(d) == {
        "id",
        "text",
        "entities",
        "asserted_by",
        "denied_by",
        "other",
        "sources",
        "first_date",
        "last_date",
        "contested",
    }
    assert d["denied_by"][0]["speaker"]["country"] == "RUS"


def test_empty_input() -> None:
    assert build_ledger([]) == [] and link_denials([]) == {}
