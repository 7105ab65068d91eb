"""MinHash signatures for near-duplicate detection: copies with small edits are close, other texts are not."""

from __future__ import annotations

import numpy as np

from wirescope.ingest.dedup import BANDS, NUM_PERM, THRESHOLD, Signature, shingles, signature

REPORT = (
    "Floods closed the main road between Porto and Braga on Sunday after two days of heavy rain. The regional "
    "civil protection service said that about three hundred people had left their homes near the river Ave, and "
    "that schools in four municipalities would stay closed on Monday while engineers inspect two bridges."
)


def test_lightly_edited_copy_is_above_threshold_and_shares_a_band() -> None:
    original = signature(REPORT, "en")
    edited = signature(REPORT.replace("on Sunday", "late on Sunday"), "en")
    assert original.similarity(edited) >= THRESHOLD
    assert set(original.bands()) & set(edited.bands())


def test_different_story_is_far_below_threshold() -> None:
    other = (
        "The national orchestra opened its season in Lisbon with a new violin concerto. Critics praised the soloist, "
        "and the composer, who is twenty-six, said she had written most of the piece during a long winter in Oslo."
    )
    assert signature(REPORT, "en").similarity(signature(other, "en")) < 0.2


def test_signature_is_deterministic_and_round_trips_through_bytes() -> None:
    first, second = signature(REPORT, "en"), signature(REPORT, "en")
    assert np.array_equal(first.hashvalues, second.hashvalues)
    restored = Signature.from_bytes("en", first.to_bytes())
    assert np.array_equal(restored.hashvalues, first.hashvalues)
    assert len(first.to_bytes()) == NUM_PERM * 8 and len(first.bands()) == BANDS


def test_case_and_whitespace_do_not_matter() -> None:
    assert signature(REPORT, "en").similarity(signature("  ".join(REPORT.upper().split()), "en")) == 1.0


def test_languages_without_spaces_use_character_shingles() -> None:
    text = "東京で大雨が降り、鉄道の運行が止まった。"
    assert all(len(s) == 5 for s in shingles(text, "ja"))
    assert len(shingles(text, "en")) == 1  # split on spaces, the whole sentence is one shingle
