"""The vectorised facet match agrees with the per-entry explanation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.facets import FacetMatrix
from recommender.loader import load_kb
from recommender.profile import CaseProfile
from recommender.ranking import RankingConfig, facet_match

from .conftest import REAL_KB

KB = load_kb(REAL_KB)
TAXONOMY = KB.taxonomy
ENTRIES = sorted(KB.entries.values(), key=lambda e: e.id)
MATRIX = FacetMatrix(ENTRIES, TAXONOMY)


def subsets(facet: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(TAXONOMY.ids(facet)), unique=True, max_size=4)


profiles = st.builds(
    CaseProfile,
    text=st.just("x"),
    phenomena=subsets("phenomena"),
    domains=subsets("domains"),
    age_groups=subsets("age_groups"),
    roles=subsets("roles"),
    levels=subsets("levels"),
    age=st.one_of(st.none(), st.integers(0, 99)),
)


@settings(max_examples=200, deadline=None)
@given(profile=profiles)
def test_matrix_equals_per_entry_match(profile: CaseProfile) -> None:
    config = RankingConfig()
    vectorised = MATRIX.scores(profile, config)
    for row, entry in enumerate(ENTRIES):
        expected = facet_match(entry, profile, TAXONOMY, config)[0]
        assert abs(float(vectorised[row]) - expected) < 1e-5, (entry.id, profile)
