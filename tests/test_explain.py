"""Explanations: the best matching passage, the marked query terms, results and misfits."""

from __future__ import annotations

import dataclasses

import pytest

from recommender.explain import best_passages, explain_rows, mark_terms, not_fitting
from recommender.text import tokenize
from recommender.vocabulary import SCORE_PARTS

KOERIER = {
    "text": "Jongen van 14 vervoert drugs voor zijn oom; thuis ligt drugs opgeslagen in de schuur.",
    "phenomena": ["criminele-uitbuiting", "drugscriminaliteit"],
    "roles": ["dader"],
}


def test_mark_terms_marks_every_form_of_a_query_word() -> None:
    text = "De jongere helpt. Jongeren helpen elkaar."
    snippet, terms = mark_terms(text, frozenset(tokenize("jongeren")))
    assert snippet == "De **jongere** helpt. **Jongeren** helpen elkaar."
    assert terms == ["jongere", "jongeren"]


def test_entry_without_text_query_still_gets_a_passage(small_recommender) -> None:
    index = small_recommender.index
    passages = best_passages(index, [index.entry_ids[0]], None, frozenset())
    assert passages[0] is not None
    assert passages[0]["snippet"]


def test_explained_rows_follow_the_ranking(small_recommender) -> None:
    ranking = small_recommender.rank(KOERIER)
    results = explain_rows(ranking.order, ranking, small_recommender.explain_context)
    entries = small_recommender.entries
    assert [r["id"] for r in results] == [entries[row].id for row in ranking.order]
    for result in results:
        parts = result["why"]["score_parts"]
        assert list(parts) == list(SCORE_PARTS)
        # Each part is rounded to four places on its own, so the sum may be off by a few 1e-4.
        assert sum(parts.values()) == pytest.approx(result["score"], abs=5e-4)
    assert explain_rows([], ranking, small_recommender.explain_context) == []


def test_similar_cases_come_from_the_ranking(small_recommender) -> None:
    profile = {
        "text": "Jongen van 14 vervoert pakketjes voor zijn oom; thuis ligt drugs opgeslagen."
    }
    context = small_recommender.explain_context
    ranking = small_recommender.rank(profile)
    assert [casus_id for casus_id, _ in ranking.similar_cases] == ["koerier-test"]
    chosen = {
        r["id"]: r["why"]["similar_cases"] for r in explain_rows(ranking.order, ranking, context)
    }
    assert chosen["sluiting-test"] == ["Koerier voor de familie (test)"]
    alone = small_recommender.rank(profile, exclude_casus="koerier-test")
    assert alone.similar_cases == []
    assert all(not r["why"]["similar_cases"] for r in explain_rows(alone.order, alone, context))


def test_only_the_rows_put_first_are_marked_safety_first(small_recommender) -> None:
    # The small KB has no protective step; which rows lead is the ranking's to say, not ours.
    ranking = small_recommender.rank(KOERIER)
    led = dataclasses.replace(ranking, safety_first=[ranking.order[1]])
    results = explain_rows(ranking.order, led, small_recommender.explain_context)
    assert [r["safety_first"] for r in results] == [
        row == ranking.order[1] for row in ranking.order
    ]
    assert not any(
        r["safety_first"]
        for r in explain_rows(ranking.order, ranking, small_recommender.explain_context)
    )


def test_misfits_say_why_they_do_not_fit(small_recommender) -> None:
    ranking = small_recommender.rank({"text": "Man van 40 handelt in drugs", "age": 40})
    shown = not_fitting(ranking, small_recommender.explain_context)
    assert {n["id"] for n in shown} == {"gezinstherapie-test", "mentoraat-test"}
    therapy = next(n for n in shown if n["id"] == "gezinstherapie-test")
    assert therapy["reasons"] == ["bedoeld voor 12 tot en met 17 jaar; het gaat om 40 jaar"]
    fitting = {small_recommender.entries[row].id for row in ranking.order}
    assert not fitting & {n["id"] for n in shown}


def test_the_explanation_names_the_situation_an_entry_is_made_for(real_recommender) -> None:
    answer = real_recommender.recommend(
        {"text": "In de woning boven de snackbar worden drugs opgeslagen en verkocht."}, top_k=20
    )
    closure = next(r for r in answer.results if r.id == "artikel-13b-opiumwet")
    assert closure.why.situation == ["drugs-in-pand"]
    assert closure.why.score_parts.situation > 0
    others = [r for r in answer.results if "drugs-in-pand" not in r.why.situation]
    assert others and all(r.why.score_parts.situation == 0 for r in others)
