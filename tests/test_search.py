"""The Kennisbank search (Recommender.search): what counts as relevant, and in which order."""

from __future__ import annotations

import pytest

from recommender import ranking

from .conftest import withdrawn


def test_nonsense_finds_nothing(small_recommender) -> None:
    assert small_recommender.search("xyzzy qwerty") == []
    assert small_recommender.search("   ") == []


def test_results_are_best_first_and_share_a_word_or_the_meaning(small_recommender) -> None:
    found = small_recommender.search("gezinstherapie")
    ids = [entry_id for entry_id, _ in found]
    assert ids[0] == "gezinstherapie-test"
    assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
    query = small_recommender.prepare(small_recommender.parse_profile({"text": "gezinstherapie"}))
    dense = small_recommender.index.dense_entry_scores(query.vector, 400)
    for row, entry_id in enumerate(small_recommender.index.entry_ids):
        relevant = query.lexical[row] > 0 or dense[row] >= ranking.SEARCH_DENSE_FLOOR
        assert (entry_id in ids) == relevant, entry_id


def test_meaning_alone_counts_only_above_the_floor(small_recommender, monkeypatch) -> None:
    # casusoverleg-test shares no word with the query and is not close in meaning at the floor.
    assert "casusoverleg-test" not in dict(small_recommender.search("gezinstherapie"))
    monkeypatch.setattr(ranking, "SEARCH_DENSE_FLOOR", 0.1)
    assert "casusoverleg-test" in dict(small_recommender.search("gezinstherapie"))


def test_partners_are_found_too(small_recommender) -> None:
    assert [entry_id for entry_id, _ in small_recommender.search("Testgemeente")] == [
        "gemeente-test"
    ]


def test_only_the_start_of_a_long_text_is_read(small_recommender) -> None:
    text = "x" * ranking.SEARCH_CHARS
    assert small_recommender.search(text + " sluiting pand") == []
    assert small_recommender.search("sluiting pand " + text)


def test_a_withdrawn_entry_is_found_but_comes_last(small_recommender) -> None:
    with withdrawn(small_recommender, "sluiting-test") as variant:
        found = variant.search("sluiting pand")
    assert found[-1] == ("sluiting-test", pytest.approx(-1.0))
    assert all(score >= 0 for _, score in found[:-1])
