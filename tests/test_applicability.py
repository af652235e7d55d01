"""The fit rules, each checked on a real entry of the knowledge base."""

from __future__ import annotations

import pytest

from recommender.applicability import CaseFacts, FitMatrix, subject_targets
from recommender.loader import load_kb

from .conftest import REAL_KB


@pytest.fixture(scope="module")
def real_fit():
    kb = load_kb(REAL_KB)
    entries = [e for e in kb.entries.values() if e.type != "partner"]
    matrix = FitMatrix(entries, kb.taxonomy)
    rows = {entry.id: row for row, entry in enumerate(entries)}
    return matrix, rows, kb


def test_halt_is_for_minors_with_a_first_minor_offence(real_fit):
    matrix, rows, _ = real_fit
    halt = rows["halt-afdoening"]
    first = frozenset({"eerste-licht-delict"})
    assert matrix.check(CaseFacts(subject_age=14, signals=first)).fits[halt]
    adult = matrix.check(CaseFacts(subject_age=19, signals=first))
    assert not adult.fits[halt] and adult.age_misfit[halt]
    repeat = matrix.check(CaseFacts(subject_age=15, signals=first | {"herhaald-delictgedrag"}))
    assert not repeat.fits[halt] and repeat.contra_signal[halt]


def test_closure_under_13b_needs_drugs_on_the_premises(real_fit):
    matrix, rows, kb = real_fit
    closure = rows["artikel-13b-opiumwet"]
    without = matrix.check(CaseFacts(signals=frozenset({"onverklaarbaar-vermogen"})))
    assert not without.fits[closure] and without.missing_precondition[closure]
    reasons = matrix.reasons(closure, without, CaseFacts(), kb.taxonomy)
    assert any("drugs" in reason for reason in reasons)
    assert matrix.check(CaseFacts(signals=frozenset({"drugs-in-pand"}))).fits[closure]


def test_a_house_ban_on_the_adult_is_not_ruled_out_by_the_childs_age(real_fit):
    matrix, rows, _ = real_fit
    ban = rows["tijdelijk-huisverbod"]
    child = CaseFacts(
        subject_age=9,
        subject_roles=frozenset({"slachtoffer"}),
        signals=frozenset({"geweld-thuis"}),
    )
    assert matrix.check(child).fits[ban]
    # Without violence at home the ban has no ground.
    assert not matrix.check(CaseFacts(subject_age=9)).fits[ban]


def test_adolescent_criminal_law_does_not_fit_a_fourteen_year_old(real_fit):
    matrix, rows, _ = real_fit
    fit = matrix.check(CaseFacts(subject_age=14, subject_roles=frozenset({"dader-verdachte"})))
    assert fit.age_misfit[rows["adolescentenstrafrecht"]]


def test_organisation_steps_form_their_own_group(real_fit):
    matrix, rows, _ = real_fit
    analysis, child_protection = (
        rows["lokale-analyse-criminaliteit-in-families"],
        rows["ondertoezichtstelling"],
    )
    case = matrix.check(CaseFacts(subject_age=13))
    assert case.other_scope[analysis] and not case.other_scope[child_protection]
    policy = matrix.check(CaseFacts(question_kind="beleid"))
    assert policy.other_scope[child_protection] and not policy.other_scope[analysis]


def test_a_city_bound_approach_is_elsewhere_unless_the_region_matches(real_fit):
    matrix, rows, _ = real_fit
    top600 = rows["top600-aanpak"]
    assert matrix.check(CaseFacts(region="Rotterdam")).elsewhere[top600]
    assert matrix.check(CaseFacts()).elsewhere[top600]
    assert not matrix.check(CaseFacts(region="amsterdam")).elsewhere[top600]
    assert not matrix.check(CaseFacts(region="Rotterdam")).elsewhere[rows["halt-afdoening"]]


def test_protective_steps_are_marked(real_fit):
    matrix, rows, _ = real_fit
    for slug in ("veilig-thuis-melding", "meldcode-huiselijk-geweld", "tijdelijk-huisverbod"):
        assert matrix.protective[rows[slug]], slug
    assert not matrix.protective[rows["jongerenwerk"]]


def test_a_protective_step_answers_only_the_dangers_it_names(real_fit):
    matrix, rows, kb = real_fit
    report, intimidation = rows["veilig-thuis-melding"], rows["aanpak-intimidatie-professionals"]
    threatened_staff = CaseFacts(dangers=frozenset({"intimidatie-professionals"}))
    answers = matrix.answers_danger(threatened_staff)
    assert answers[intimidation] and not answers[report]
    assert matrix.answers_danger(CaseFacts(dangers=frozenset({"geweld-thuis"})))[report]
    # A protective step that names no danger answers any.
    assert not kb.entries["veiligheidsplan"].protects
    assert matrix.answers_danger(threatened_staff)[rows["veiligheidsplan"]]


def test_subject_kinds_follow_age_and_role():
    assert "uitbuiter-dader" not in subject_targets(9, frozenset())
    assert "uitbuiter-dader" in subject_targets(14, frozenset())
    assert "uitbuiter-dader" not in subject_targets(14, frozenset({"slachtoffer"}))
    assert "volwassen-slachtoffer" in subject_targets(30, frozenset({"slachtoffer"}))
    assert "jeugdige" not in subject_targets(30, frozenset())


def test_everything_fits_for_the_plain_retrieval_baseline(real_fit):
    matrix, _, _ = real_fit
    fit = matrix.everything_fits()
    assert fit.fits.all() and not fit.other_scope.any() and not fit.elsewhere.any()


def test_a_step_on_another_person_in_the_case_is_judged_by_that_persons_age(real_fit):
    matrix, rows, _ = real_fit
    ban = rows["tijdelijk-huisverbod"]
    # The subject is a 14-year-old suspect; the house ban acts on the father who hits mother.
    facts = CaseFacts(
        subject_age=14,
        subject_roles=frozenset({"dader-verdachte"}),
        others=((None, frozenset({"ouder-opvoeder", "dader-verdachte"})),),
        signals=frozenset({"geweld-thuis"}),
    )
    assert matrix.check(facts).fits[ban]
    alone = CaseFacts(subject_age=14, subject_roles=frozenset({"dader-verdachte"}))
    assert matrix.check(alone).age_misfit[rows["adolescentenstrafrecht"]]
    with_brother = CaseFacts(
        subject_age=14,
        subject_roles=frozenset({"dader-verdachte"}),
        others=((19, frozenset({"dader-verdachte"})),),
    )
    assert (
        not with_brother.subject_span
        and matrix.check(with_brother).fits[rows["adolescentenstrafrecht"]]
    )


def test_a_sanction_for_a_young_offender_needs_one_in_the_case(real_fit):
    matrix, rows, kb = real_fit
    probation, pij = rows["jeugdreclassering"], rows["pij-maatregel"]
    victim = CaseFacts(subject_age=13, subject_roles=frozenset({"slachtoffer"}))
    fit = matrix.check(victim)
    assert not fit.fits[probation] and fit.no_offender[probation] and fit.no_offender[pij]
    assert any("slachtoffer" in r for r in matrix.reasons(probation, fit, victim, kb.taxonomy))
    # Care for the same child is not touched by the rule.
    assert not fit.no_offender[rows["multisysteemtherapie"]]
    # Victim and suspect at once, or no role read at all: the sanction may fit.
    both = frozenset({"slachtoffer", "dader-verdachte"})
    assert matrix.check(CaseFacts(subject_age=15, subject_roles=both)).fits[probation]
    assert matrix.check(CaseFacts(subject_age=15)).fits[probation]
    # A young offender elsewhere in the case (the brother of 17 who recruits him) keeps it.
    brother = CaseFacts(
        subject_age=12,
        subject_roles=frozenset({"slachtoffer"}),
        others=((17, frozenset({"uitbuiter"})),),
    )
    assert matrix.check(brother).fits[probation]
    # An exploiter named without an age is taken for an adult: no youth sanction for him.
    uncle = CaseFacts(
        subject_age=12,
        subject_roles=frozenset({"slachtoffer"}),
        others=((None, frozenset({"uitbuiter"})),),
    )
    assert not matrix.check(uncle).fits[probation]


def test_pij_needs_a_serious_offence_not_a_repeat(real_fit):
    matrix, rows, _ = real_fit
    pij = rows["pij-maatregel"]
    suspect = frozenset({"dader-verdachte"})
    assert matrix.check(CaseFacts(subject_age=16, subject_roles=suspect)).fits[pij]
    light = CaseFacts(
        subject_age=16, subject_roles=suspect, signals=frozenset({"eerste-licht-delict"})
    )
    assert matrix.check(light).contra_signal[pij]


def test_the_case_shows_what_an_entry_is_made_for(real_fit):
    """The situation bonus comes from the entry's own requires and protects."""
    matrix, rows, _ = real_fit
    drugs = CaseFacts(signals=frozenset({"drugs-in-pand"}), described=True)
    requirement_met, danger_answered = matrix.made_for(drugs)
    assert requirement_met[rows["artikel-13b-opiumwet"]]
    assert not requirement_met[rows["tijdelijk-huisverbod"]]
    assert not danger_answered.any()
    assert matrix.situation_signals(rows["artikel-13b-opiumwet"], drugs) == ["drugs-in-pand"]
    child = CaseFacts(
        signals=frozenset({"geweld-thuis"}), dangers=frozenset({"geweld-thuis"}), described=True
    )
    requirement_met, danger_answered = matrix.made_for(child)
    assert danger_answered[rows["veilig-thuis-melding"]]
    assert requirement_met[rows["tijdelijk-huisverbod"]]
    # Threatened officers: Veilig Thuis is not made for that danger.
    threat = CaseFacts(
        signals=frozenset({"intimidatie-professionals"}),
        dangers=frozenset({"intimidatie-professionals"}),
        described=True,
    )
    assert not matrix.made_for(threat)[1][rows["veilig-thuis-melding"]]
    # Without a description no precondition was read, so none counts as met.
    unread = CaseFacts(signals=frozenset({"drugs-in-pand"}), described=False)
    assert not matrix.made_for(unread)[0].any()


def test_a_sanction_for_a_young_offender_needs_contact_with_justice(real_fit):
    """'Nog geen politiecontact': jeugdreclassering follows a criminal case, so it does not fit."""
    matrix, rows, kb = real_fit
    step = rows["jeugdreclassering"]
    suspect = CaseFacts(subject_age=15, subject_roles=frozenset({"dader-verdachte"}))
    assert matrix.check(suspect).fits[step]
    denied = CaseFacts(
        subject_age=15,
        subject_roles=frozenset({"dader-verdachte"}),
        negated=frozenset({"eerder-in-beeld"}),
    )
    fit = matrix.check(denied)
    assert not fit.fits[step] and fit.no_criminal_case[step]
    assert any("politie of justitie" in r for r in matrix.reasons(step, fit, denied, kb.taxonomy))
    # Care steps are not affected.
    assert fit.fits[rows["multisysteemtherapie"]]
