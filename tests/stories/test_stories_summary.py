from __future__ import annotations

from datetime import date, timedelta

from tests.stories.conftest import make_features

from wirescope.stories import StoryIndex, get_story, list_stories, summarise

D0 = date(2024, 6, 19)


def _index() -> StoryIndex:
    index = StoryIndex()
    keys = ["country:RUS", "country:PRK"]
    index.assign_features(make_features("a-en", 1, D0, "en", keys, noise_seed=1))
    index.assign_features(make_features("a-it", 1, D0 + timedelta(days=1), "it", keys, noise_seed=1))  # a translation
    index.assign_features(make_features("a-sv", 1, D0, "sv", keys + ["country:KOR"], noise_seed=2))
    index.assign_features(make_features("b-en", 2, D0 + timedelta(days=30), "en", ["country:SWE"]))
    return index


def test_summary_has_actors_languages_sources_and_date_range() -> None:
    index = _index()
    summary = summarise(index, index.story_of("a-en") or "")
    assert summary.actors[:2] == ["PRK", "RUS"]  # names from the entity labels, most frequent first
    assert summary.languages == {"en": 1, "it": 1, "sv": 1}
    assert (summary.documents, summary.originals) == (3, 2)
    assert (summary.first_seen, summary.last_seen) == (D0, D0 + timedelta(days=1))
    assert "PRK – RUS" in summary.label and "2024-06-19 – 2024-06-20" in summary.label
    assert summary.to_dict()["first_seen"] == "2024-06-19"


def test_list_stories_most_recent_first_and_story_detail() -> None:
    index = _index()
    listed = list_stories(index)
    assert [s.documents for s in listed] == [1, 3]
    detail = get_story(index, listed[1].id)
    assert detail is not None
    members = {m.doc_id: m for m in detail.members}
    assert members["a-it"].copy_of == "a-en" and members["a-it"].copy_kind == "translation"
    assert detail.to_dict()["members"][0]["id"] == "a-en"
    assert get_story(index, "S999999") is None
