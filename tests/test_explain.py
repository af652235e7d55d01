"""Explanations: the best matching passage and the marked query terms."""

from __future__ import annotations

import numpy as np

from recommender.explain import best_passages, mark_terms
from recommender.text import tokenize


def test_mark_terms_marks_every_form_of_a_query_word() -> None:
    text = "De jongere helpt. Jongeren helpen elkaar."
    snippet, terms = mark_terms(text, frozenset(tokenize("jongeren")))
    assert snippet == "De **jongere** helpt. **Jongeren** helpen elkaar."
    assert terms == ["jongere", "jongeren"]


def test_best_passage_reuses_faiss_scores_and_fills_the_gaps(small_recommender) -> None:
    index = small_recommender.index
    query_text = "gezinstherapie voor een jongere die drugs vervoert"
    vector = small_recommender.encoder.encode([query_text])[0]
    stems = frozenset(tokenize(query_text))
    entry_ids = list(index.entry_ids)
    computed = best_passages(index, entry_ids, vector, stems)
    # FAISS reached only the three best passages; the others are computed again.
    shallow = index.dense_passage_scores(vector, depth=3)
    assert np.isnan(shallow).any()
    assert best_passages(index, entry_ids, vector, stems, shallow) == computed
    full = index.dense_passage_scores(vector, depth=len(index.passages))
    assert best_passages(index, entry_ids, vector, stems, full) == computed


def test_entry_without_text_query_still_gets_a_passage(small_recommender) -> None:
    index = small_recommender.index
    passages = best_passages(index, [index.entry_ids[0]], None, frozenset())
    assert passages[0] is not None
    assert passages[0]["snippet"]
