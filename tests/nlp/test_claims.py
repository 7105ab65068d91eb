"""Claims stage: quotation styles, reporting cues per language, speakers, stance, linking. Documents are built
by hand (sentences from the stage's own fallback splitter, entities where a test needs them), so these tests do
not depend on the other stages; the seed test runs the real segmenter and language identifier."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml
from tests.conftest import require_shared

from wirescope.model import Claim, Document, Entity, Event, Mention, TimeExpression
from wirescope.nlp import claims
from wirescope.nlp.claims import find_quotes


def run(text: str, lang: str, entities: list[tuple[str, str, str, str | None]] = ()) -> Document:  # type: ignore[assignment]
    """Run the claims stage on ``text``; ``entities`` are (surface, id, type, country) marked at every occurrence."""
    doc = Document(text=text, language=lang)
    doc.sentences = claims._fallback_sentences(text)
    for surface, ent_id, ent_type, country in entities:
        ent = Entity(id=ent_id, type=ent_type, name=surface, country=country)
        start = text.find(surface)
        while start >= 0:
            ent.mentions.append(Mention(surface, start, start + len(surface), doc.sentence_at(start)))
            start = text.find(surface, start + 1)
        doc.entities.append(ent)
    return claims.run(doc)


def only(doc: Document) -> Claim:
    assert len(doc.claims) == 1, [c.to_dict() for c in doc.claims]
    return doc.claims[0]


# --------------------------------------------------------------------------------------------- quotation styles


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("He said “we will stay” and left.", "we will stay"),
        ("Er sagte „wir bleiben hier“ und ging.", "wir bleiben hier"),
        ("Il a dit « nous resterons » puis il est parti.", " nous resterons "),
        ("Elle a dit ‹ non › deux fois.", " non "),
        ("彼は「ここに残る」と述べた。", "ここに残る"),
        ("彼は『ここに残る』と述べた。", "ここに残る"),
        ('He said "we will stay" and left.', "we will stay"),
        ("He said 'we will stay here' and left.", "we will stay here"),
        ("Han sa ”vi stannar kvar” och gick.", "vi stannar kvar"),
        ("Hon sade »vi stannar kvar« och gick.", "vi stannar kvar"),
    ],
)
def test_quotation_styles(text: str, inner: str) -> None:
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [inner]


def test_apostrophes_are_not_quotes() -> None:
    assert find_quotes("It's the minister's view, isn't it?") == []


def test_dash_introduced_speech() -> None:
    text = "— Мы не уйдём из города, — сказал мэр Иван Петров."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["Мы не уйдём из города"]
    claim = only(run(text, "ru", [("Иван Петров", "person:ivan-petrov", "PERSON", "RUS")]))
    assert claim.quote == "direct" and claim.speaker.name == "Иван Петров" and claim.text.startswith("Мы не уйдём")


def test_quote_before_verb_with_inverted_speaker() -> None:
    text = "“The ceasefire is holding,” said John Carter, a spokesman for the mission."
    claim = only(run(text, "en", [("John Carter", "person:john-carter", "PERSON", "USA")]))
    assert (claim.quote, claim.stance, claim.speaker.entity_id) == ("direct", "assert", "person:john-carter")
    assert claim.text == "The ceasefire is holding,".rstrip(",") or claim.text.startswith("The ceasefire is holding")
    assert claim.id == f"{claim.id.split(':')[0]}:c0"


def test_quote_spanning_sentences_and_continuation() -> None:
    text = (
        "“The port was shelled twice. Nobody was hurt,” said Anna Berg of the harbour authority. "
        "“We expect the ships to return next week.”"
    )
    doc = run(text, "en", [("Anna Berg", "person:anna-berg", "PERSON", "SWE")])
    assert len(doc.claims) == 2
    first, second = doc.claims
    assert "shelled twice. Nobody was hurt" in first.text
    assert second.text.startswith("We expect the ships") and second.speaker.entity_id == "person:anna-berg"
    assert second.sentence > first.sentence


def test_english_quote_in_swedish_article_has_its_own_language() -> None:
    text = (
        "Experterna är oeniga om vad mötet betyder för regionen. "
        "“There is no sign that the sanctions are working anymore,” said Lisa Holm, analytiker vid institutet."
    )
    claim = only(run(text, "sv", [("Lisa Holm", "person:lisa-holm", "PERSON", None)]))
    assert claim.quote == "direct" and claim.language == "en"


def test_scare_quotes_are_not_claims() -> None:
    doc = run("The so-called “special operation” entered its second year in February.", "en")
    assert doc.claims == []


# --------------------------------------------------------------------------------------------- per language


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "stance", "content"),
    [
        (
            "en",
            "The ministry said on Monday that the border would reopen in May.",
            "ministry",
            "assert",
            "border would reopen",
        ),
        ("sv", "Regeringen meddelade att gränsen öppnas igen i maj.", "Regeringen", "assert", "gränsen öppnas"),
        ("nl", "De regering verklaarde dat de grens in mei weer opengaat.", "regering", "assert", "de grens in mei"),
        (
            "de",
            "Die Regierung erklärte, dass die Grenze im Mai wieder öffnet.",
            "Regierung",
            "assert",
            "die Grenze im Mai",
        ),
        (
            "fr",
            "Le gouvernement a déclaré que la frontière rouvrirait en mai.",
            "gouvernement",
            "assert",
            "la frontière",
        ),
        ("es", "El Gobierno afirmó que la frontera reabrirá en mayo.", "Gobierno", "assert", "la frontera"),
        ("it", "Il governo ha dichiarato che il confine riaprirà a maggio.", "governo", "assert", "il confine"),
        ("pt", "O governo afirmou que a fronteira vai reabrir em maio.", "governo", "assert", "a fronteira"),
        ("ru", "Правительство заявило, что граница откроется в мае.", "Правительство", "assert", "граница откроется"),
        ("uk", "Уряд заявив, що кордон відкриється у травні.", "Уряд", "assert", "кордон відкриється"),
        ("pl", "Rząd oświadczył, że granica zostanie otwarta w maju.", "Rząd", "assert", "granica zostanie"),
        ("ko", "정부는 국경이 5월에 다시 열릴 것이라고 밝혔다.", "정부", "assert", "국경이"),
        ("ar", "قال المتحدث باسم الحكومة إن الحدود ستفتح في مايو.", "المتحدث", "assert", "الحدود ستفتح"),
        ("en", "The embassy denied that its staff had met the rebels.", "embassy", "deny", "met the rebels"),
        ("sv", "Ministern förnekade att hon hade träffat rebellerna.", "Ministern", "deny", "träffat rebellerna"),
        ("de", "Der Minister bestritt, dass er die Rebellen getroffen habe.", "Minister", "deny", "die Rebellen"),
        ("fr", "Le ministre a démenti avoir rencontré les rebelles.", "ministre", "deny", "rencontré les rebelles"),
        ("ru", "Посольство опровергло сообщения о встрече с повстанцами.", "Посольство", "deny", "встрече"),
        ("en", "Analysts suspect that the launch failed.", "Analysts", "speculate", "the launch failed"),
        ("nl", "Deskundigen vermoeden dat de lancering mislukte.", "Deskundigen", "speculate", "de lancering"),
        ("en", "A reporter asked whether the talks would resume.", "reporter", "question", "the talks would resume"),
        ("pl", "Dziennikarz zapytał, czy rozmowy zostaną wznowione.", "Dziennikarz", "question", "rozmowy"),
    ],
)
def test_indirect_speech_per_language(lang: str, text: str, speaker: str, stance: str, content: str) -> None:
    claim = only(run(text, lang))
    assert speaker.casefold() in claim.speaker.text.casefold()
    assert claim.stance == stance
    assert content in claim.text
    assert claim.quote == "indirect" and claim.language == lang


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "content"),
    [
        ("en", "According to the coast guard, two boats sank near the island.", "coast guard", "two boats sank"),
        ("sv", "Enligt kustbevakningen sjönk två båtar nära ön.", "kustbevakningen", "två båtar"),
        ("nl", "Volgens de kustwacht zijn twee boten gezonken.", "kustwacht", "twee boten"),
        ("de", "Laut der Küstenwache sind zwei Boote gesunken.", "Küstenwache", "zwei Boote"),
        ("fr", "Selon les garde-côtes, deux bateaux ont coulé.", "garde-côtes", "deux bateaux"),
        ("es", "Según la guardia costera, dos barcos se hundieron.", "guardia costera", "dos barcos"),
        ("ru", "По словам спасателей, две лодки затонули у острова.", "спасателей", "две лодки"),
        ("ko", "해경에 따르면 배 두 척이 섬 근처에서 침몰했다.", "해경", "배 두 척"),
        ("ar", "وفقا لخفر السواحل، غرق قاربان قرب الجزيرة.", "خفر السواحل", "غرق قاربان"),
    ],
)
def test_source_phrases(lang: str, text: str, speaker: str, content: str) -> None:
    claim = only(run(text, lang))
    assert speaker.casefold() in claim.speaker.text.casefold()
    assert content in claim.text and claim.stance == "assert"


# --------------------------------------------------------------------------------------------- stance, speakers, links


def test_calling_it_a_fake_is_a_denial_linked_to_the_assertion() -> None:
    text = (
        "The Pentagon says that Moscow bought drones from Tehran. The Russian envoy to the UN called it “another fake”."
    )
    doc = run(
        text, "en", [("Pentagon", "org:pentagon", "ORGANIZATION", "USA"), ("Russian", "country:RUS", "COUNTRY", "RUS")]
    )
    assert [c.stance for c in doc.claims] == ["assert", "deny"]
    assertion, denial = doc.claims
    assert denial.speaker.country == "RUS" and "envoy" in denial.speaker.text
    assert denial.denies == [assertion.id]


def test_hedged_statement_attributed_by_a_later_as_claim() -> None:
    text = "Den nya roboten sägs kunna nå hela Europa. Det är oklart om den har de egenskaper som ryssarna hävdar."
    claim = only(run(text, "sv"))
    assert claim.hedged and claim.stance == "hedged" and claim.speaker.text == "ryssarna"
    assert "hela Europa" in claim.text


def test_agentless_hedge_without_speaker_is_dropped() -> None:
    assert run("The submarine is said to carry nuclear missiles.", "en").claims == []


def test_speculation_cue_in_content() -> None:
    claim = only(run("Reuters reported that the minister probably resigned.", "en"))
    assert claim.stance == "speculate"


def test_pronoun_speaker_continues_previous_speaker() -> None:
    text = "Maria Lopez said that the harvest was poor. She added that prices would rise."
    doc = run(text, "en", [("Maria Lopez", "person:maria-lopez", "PERSON", "ESP")])
    assert [c.speaker.entity_id for c in doc.claims] == ["person:maria-lopez", "person:maria-lopez"]


def test_relative_clause_is_skipped_for_the_speaker() -> None:
    text = "Peter Hall, who led the French delegation, said that the deal was fair."
    doc = run(
        text, "en", [("Peter Hall", "person:peter-hall", "PERSON", "GBR"), ("French", "country:FRA", "COUNTRY", "FRA")]
    )
    assert only(doc).speaker.entity_id == "person:peter-hall"


def test_verb_final_denial_in_dutch_subordinate_clause() -> None:
    text = "De VS beschuldigden Iran, terwijl Teheran de beschuldigingen van Washington nadrukkelijk ontkende."
    doc = run(
        text, "nl", [("Teheran", "country:IRN", "COUNTRY", "IRN"), ("Washington", "country:USA", "COUNTRY", "USA")]
    )
    denial = next(c for c in doc.claims if c.stance == "deny")
    assert denial.speaker.country == "IRN" and "beschuldigingen" in denial.text


def test_events_inside_a_claim_are_reported() -> None:
    text = "The ministry said that the army shelled the village."
    doc = Document(text=text, language="en")
    start = text.index("shelled")
    doc.events = [Event(id="e1", event="ASSAULT", event_start=start, event_end=start + 7)]
    claims.run(doc)
    claim = only(doc)
    assert claim.event_ids == ["e1"] and doc.events[0].reported and doc.events[0].claim_id == claim.id


def test_statement_date_from_the_attribution() -> None:
    text = "The ministry said on Tuesday that the army shelled the village."
    doc = Document(text=text, language="en", published=datetime(2024, 3, 8, tzinfo=UTC))
    start = text.index("on Tuesday")
    doc.sentences = claims._fallback_sentences(text)
    doc.times = [TimeExpression("on Tuesday", start, start + 10, "2024-03-05", None, None, "day", None, 0)]
    assert only(claims.run(doc)).date == "2024-03-05"


def test_claim_json_shape() -> None:
    claim = only(run("The ministry said that the army shelled the village.", "en"))
    assert set(claim.to_dict()) >= {
        "id",
        "speaker",
        "stance",
        "quote",
        "text",
        "start",
        "end",
        "sentence",
        "language",
        "date",
        "event_ids",
        "denies",
    }
    assert set(claim.to_dict()["speaker"]) == {"text", "name", "entity_id", "country", "role"}


def test_offsets_round_trip() -> None:
    text = "Intro line.\n\nThe ministry said that the army shelled the village."
    claim = only(run(text, "en"))
    assert text[claim.start : claim.end] == claim.text


# --------------------------------------------------------------------------------------------- seeds


def _speaker_ok(claim: Claim, acceptable: list[str]) -> bool:
    fields = [f.casefold() for f in (claim.speaker.text, claim.speaker.name, claim.speaker.country) if f]
    return any(str(a).casefold() in f or f == str(a).casefold() for a in acceptable for f in fields)


def test_seed_claims_recall_and_denials() -> None:
    seeds = require_shared("seeds")
    from wirescope.pipeline import Pipeline

    pipeline = Pipeline(["language", "segment", "claims"])
    gold = yaml.safe_load((seeds / "gold.yaml").read_text(encoding="utf-8"))
    found = total = 0
    for entry in gold["documents"]:
        doc = pipeline(Document(text=(seeds / entry["file"]).read_text(encoding="utf-8"), language=entry["language"]))
        for g in entry["claims"]:
            total += 1
            needle = g["contains"].casefold()
            hits = [
                c
                for c in doc.claims
                if (needle in c.text.casefold() or needle in doc.sentence_text(c.sentence).casefold())
                and _speaker_ok(c, g["speaker"])
            ]
            if hits:
                found += 1
            if g["stance"] == "deny":
                assert hits and all(c.stance == "deny" for c in hits), g
    assert found / total >= 0.85
