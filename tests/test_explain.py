"""Explanations: the best matching passage and the marked query terms."""

from __future__ import annotations

from recommender.explain import best_passages, mark_terms
from recommender.text import tokenize


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
