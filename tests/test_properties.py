"""Property-based tests: arbitrary text and facet combinations never break the recommender.

CI runs every property with at least 2,000 examples (the 'ci' profile, chosen when CI is
set); locally the 'dev' profile runs 200 for speed.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from recommender.lokale_analyse import AnalysisFileError, load_analysis
from recommender.privacy import MAX_CHECK_CHARS, TextTooLong, check_text
from recommender.profile import MAX_TEXT_CHARS
from recommender.taxonomy import Taxonomy

from .conftest import REAL_KB

settings.register_profile(
    "ci",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

TAXONOMY = Taxonomy.from_file(REAL_KB / "taxonomy.yaml")

special = st.sampled_from(
    [
        "👨‍👩‍👧‍👦🔫💊",  # emoji with joiners
        "الشرطة تبحث عن الأب",  # right-to-left
        "‮ omgekeerd ‭",  # direction overrides
        "\x00\x07\x1b[31m\r\n\t",  # control characters
        "<script>alert(1)</script> [x](javascript:alert(1))",
        "**vet** _schuin_ `code` # kop",
    ]
)
long_text = st.builds(
    lambda piece, times: piece * times, st.text(min_size=1, max_size=12), st.integers(2_000, 12_000)
)
texts = st.one_of(
    st.text(max_size=400), special, long_text, st.lists(special, max_size=4).map(" ".join)
)


def subset(vocabulary: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(TAXONOMY.ids(vocabulary)), unique=True, max_size=4)


profiles = st.fixed_dictionaries(
    {
        "text": texts,
        "phenomena": subset("phenomena"),
        "domains": subset("domains"),
        "age_groups": subset("age_groups"),
        "roles": subset("roles"),
        "levels": subset("levels"),
    },
    optional={"age": st.integers(0, 120)},
)


@settings(
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ]
)
@given(profile=profiles, top_k=st.integers(1, 15))
def test_any_profile_gives_a_well_formed_answer(
    small_recommender, profile: dict, top_k: int
) -> None:
    try:
        answer = small_recommender.recommend(profile, top_k=top_k)
    except ValidationError as error:
        # Only an empty profile may be refused, with the Dutch explanation.
        assert "geef een beschrijving" in str(error)
        assert not profile["text"].strip() and not any(profile[f] for f in profile if f != "text")
        return
    entries = small_recommender.kb.entries
    assert len(answer.results) <= top_k
    assert all(entries[r.id].type == r.type != "partner" for r in answer.results)
    scores = [r.score for r in answer.results]
    assert scores == sorted(scores, reverse=True)
    assert all(item.id in entries and item.type != "partner" for item in answer.package)
    assert all(entries[p.id].type == "partner" and 0 <= p.score <= 1 for p in answer.partners)
    if len(profile["text"]) > MAX_TEXT_CHARS:
        assert any("ingekort" in notice for notice in answer.notices)
    for result in answer.results:
        assert result.why.passage is None or len(result.why.passage.snippet) < 1_000


@given(text=texts)
def test_privacy_check_never_fails_and_findings_are_sound(text: str) -> None:
    if len(text) > MAX_CHECK_CHARS:
        # Longer texts are refused before anything is scanned (bounded work per input).
        with pytest.raises(TextTooLong):
            check_text(text)
        return
    check = check_text(text)
    previous_end = 0
    for finding in check.findings:
        assert previous_end <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        previous_end = finding.end
    pseudonymised = check.pseudonymised()
    for finding in check.findings:
        if finding.kind in ("email", "bsn", "telefoon"):
            assert finding.text not in pseudonymised


@given(data=st.one_of(st.binary(max_size=2_000), st.text(max_size=2_000).map(str.encode)))
def test_any_uploaded_file_loads_or_gives_a_clear_error(data: bytes) -> None:
    try:
        load_analysis(data)
    except AnalysisFileError as error:
        assert str(error)
