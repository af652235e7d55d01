"""The user's corrections to the case frame replace what was read from the text."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from recommender.frame import read_frame
from recommender.frame_corrections import apply_corrections
from recommender.loader import load_kb
from recommender.profile import CaseProfile

from .conftest import REAL_KB

TEXT = "Jongen van 13 wordt door zijn ooms ingezet om pakketjes rond te brengen. Er is geen geweld thuis."


@pytest.fixture(scope="module")
def taxonomy():
    return load_kb(REAL_KB).taxonomy


def _frame(taxonomy, **corrections):
    profile = CaseProfile.model_validate(
        {"text": TEXT, **corrections}, context={"taxonomy": taxonomy}
    )
    return apply_corrections(read_frame(profile, taxonomy), profile, taxonomy)


def test_without_corrections_the_frame_is_the_reading(taxonomy):
    profile = CaseProfile(text=TEXT)
    assert _frame(taxonomy) == read_frame(profile, taxonomy)


def test_confirmed_members_replace_the_persons_read(taxonomy):
    frame = _frame(
        taxonomy,
        members=[
            {"relation": "moeder", "age": 38, "roles": ["ouder-opvoeder"]},
            {"relation": "jongen", "age": 14, "roles": ["slachtoffer"], "subject": True},
            {"relation": "zus", "age": 9},
        ],
    )
    assert [p.relation for p in frame.persons] == ["moeder", "jongen", "zus"]
    assert frame.subject.relation == "jongen" and frame.subject_age == 14
    assert frame.subject_age_group == "jongere"
    assert frame.subject.label.endswith("(14)")


def test_signals_can_be_added_and_denied(taxonomy):
    read = _frame(taxonomy)
    assert "uitbuiting-door-familie" in read.signal_ids()
    frame = _frame(taxonomy, signals=["schuld"], without_signals=["uitbuiting-door-familie"])
    assert "schuld" in frame.signal_ids()
    assert "uitbuiting-door-familie" not in frame.signal_ids()
    assert "uitbuiting-door-familie" in frame.negated_ids()
    # Confirming a signal the text denied overrides the denial.
    confirmed = _frame(taxonomy, signals=["geweld-thuis"])
    assert (
        "geweld-thuis" in confirmed.signal_ids() and "geweld-thuis" not in confirmed.negated_ids()
    )


def test_unknown_signals_and_roles_are_refused(taxonomy):
    with pytest.raises(ValidationError, match="onbekende signalen"):
        CaseProfile.model_validate(
            {"text": TEXT, "signals": ["vliegende-schotel"]}, context={"taxonomy": taxonomy}
        )
    with pytest.raises(ValidationError, match="onbekende rol"):
        CaseProfile.model_validate(
            {"text": TEXT, "members": [{"relation": "oom", "roles": ["koning"]}]},
            context={"taxonomy": taxonomy},
        )
    with pytest.raises(ValidationError):
        CaseProfile.model_validate({"text": TEXT, "members": [{"relation": "oom", "age": True}]})
