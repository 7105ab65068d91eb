from __future__ import annotations

import random
from datetime import date, timedelta

from tests.stories.conftest import make_features

from wirescope.stories import StoryIndex
from wirescope.stories.index import MAX_POSTING

D0 = date(2023, 9, 13)


def test_same_event_joins_and_other_event_starts_a_story() -> None:
    index = StoryIndex()
    first = index.assign_features(make_features("a1", topic=1, day=D0))
    second = index.assign_features(make_features("a2", topic=1, day=D0, language="de"))
    other = index.assign_features(make_features("b1", topic=2, day=D0))
    assert first.new_story and not second.new_story
    assert second.story_id == first.story_id
    assert other.new_story and other.story_id != first.story_id


def test_same_topic_months_later_is_a_new_story() -> None:
    index = StoryIndex()
    early = index.assign_features(make_features("a1", topic=1, day=D0))
    late = index.assign_features(make_features("a2", topic=1, day=D0 + timedelta(days=90)))
    assert late.new_story and late.story_id != early.story_id


def _stream(n_stories: int = 6, per_story: int = 4) -> list:
    docs = []
    for s in range(n_stories):
        for k in range(per_story):
            day = D0 + timedelta(days=20 * s + k % 2)
            docs.append(make_features(f"s{s}d{k}", topic=100 + s % 3, day=day, language=("en", "fr", "ru", "sv")[k]))
    return docs


def _partition(index: StoryIndex) -> set[frozenset[str]]:
    return {frozenset(s.members) for s in index.stories.values()}


def test_deterministic_for_the_same_input_order() -> None:
    runs = []
    for _ in range(2):
        index = StoryIndex()
        runs.append([(a.story_id, a.new_story, a.score) for a in map(index.assign_features, _stream())])
    assert runs[0] == runs[1]


def test_stable_when_documents_arrive_a_few_days_late() -> None:
    docs = _stream()
    in_order = StoryIndex()
    for f in docs:
        in_order.assign_features(f)
    shuffled = StoryIndex()
    rng = random.Random(3)
    late = sorted(docs, key=lambda f: f.day + rng.uniform(0, 3))
    assert [f.doc_id for f in late] != [f.doc_id for f in docs]
    for f in late:
        shuffled.assign_features(f)
    assert _partition(shuffled) == _partition(in_order)
    # same topic direction every 60 days: stories are separated by time, never merged
    assert len(in_order.stories) == 6


def test_candidates_are_bounded_by_the_time_window() -> None:
    index = StoryIndex()
    for day in range(200):
        for k in range(3):
            topic = 1000 + 3 * day + k
            index.assign_features(make_features(f"d{day}-{k}", topic, D0 + timedelta(days=day), keys=["country:USA"]))
    before = index.candidates_scored
    index.assign_features(make_features("new", topic=5, day=D0 + timedelta(days=200), keys=["country:USA"]))
    scored = index.candidates_scored - before
    assert 0 < scored <= index.config.vector_candidates + MAX_POSTING  # one entity key
    assert len(index.stories) > 50 * scored


def test_stories_on_the_same_actors_a_year_apart_are_related_not_merged() -> None:
    index = StoryIndex()
    keys = ["country:RUS", "country:PRK", "Q7747"]
    a = [index.assign_features(make_features(f"a{i}", 1, D0, keys=keys)) for i in range(3)]
    b = [index.assign_features(make_features(f"b{i}", 1, D0 + timedelta(days=365), keys=keys)) for i in range(2)]
    c = index.assign_features(make_features("c0", 9, D0 + timedelta(days=366), keys=["country:MAR"]))
    story_a, story_b = a[0].story_id, b[0].story_id
    assert story_a != story_b
    assert {x.story_id for x in a} == {story_a} and {x.story_id for x in b} == {story_b}
    assert [s for s, _ in index.related(story_b)] == [story_a]
    assert index.related(c.story_id) == []


def test_exact_duplicate_by_content_hash() -> None:
    index = StoryIndex()
    original = make_features("orig", 1, D0)
    original.content_hash = "h1"
    copy = make_features("copy", 7, D0 + timedelta(days=1))
    copy.content_hash = "h1"
    index.assign_features(original)
    result = index.assign_features(copy)
    assert result.story_id == index.story_of("orig")
    assert (result.copy_of, result.copy_kind) == ("orig", "duplicate")


def test_copy_seen_first_is_re_marked_when_its_earlier_original_arrives() -> None:
    index = StoryIndex()
    later = make_features("later", 1, D0 + timedelta(days=1), language="de", noise_seed=5)
    earlier = make_features("earlier", 1, D0, language="en", noise_seed=5)  # same sentences: a translation
    index.assign_features(later)
    result = index.assign_features(earlier)
    assert result.copy_of is None
    assert [(u.doc_id, u.copy_of, u.kind) for u in result.updates] == [("later", "earlier", "translation")]
    assert index.root("later") == "earlier"


def test_reassigning_a_known_document_is_a_no_op() -> None:
    index = StoryIndex()
    f = make_features("a1", 1, D0)
    first = index.assign_features(f)
    again = index.assign_features(make_features("a1", 2, D0))
    assert again.story_id == first.story_id and not again.new_story
    assert len(index.docs) == 1
