"""Composing the plan: a thin plan is filled with relevant entries, never below the floor."""

from __future__ import annotations

import dataclasses

from recommender.plan import addressee, compose_plan, plan_entry_ids
from recommender.vocabulary import TOTAL


def _plan_ids(recommender, ranking, **config: object) -> list[str]:
    context = recommender.plan_context
    variant = dataclasses.replace(context, config=context.config.model_copy(update=config))
    return plan_entry_ids(compose_plan(ranking, variant))


def test_a_thin_plan_takes_the_next_relevant_entries(real_recommender) -> None:
    ranking = real_recommender.rank(
        {
            "text": "In Rotterdam-Zuid is een jongen van 17 al vaker opgepakt voor straatroof en"
            " hij is bekend als veelpleger. Zijn oudere neven zitten in de drugshandel."
        }
    )
    # A high lane threshold makes the plan thin whatever the weights are.
    strict = _plan_ids(real_recommender, ranking, plan_min_items=0, plan_relevance=0.95)
    filled = _plan_ids(real_recommender, ranking, plan_min_items=8, plan_relevance=0.95)
    assert len(strict) < 8, strict
    # The strict plan stays as it was; the fill only adds, and only entries that fit the case.
    assert set(strict) <= set(filled) and len(filled) > len(strict)
    entries, order = real_recommender.entries, set(ranking.order)
    rows = {entries[row].id: row for row in ranking.order}
    assert all(entry_id in rows for entry_id in filled)
    total = ranking.signals[TOTAL]
    safety = set(ranking.safety_first)
    best = max(float(total[row]) for row in order if row not in safety)
    floor = real_recommender.config.plan_side_relevance * best
    for entry_id in set(filled) - set(strict):
        assert float(total[rows[entry_id]]) >= floor, entry_id


def test_the_fill_never_goes_below_the_side_floor(real_recommender) -> None:
    ranking = real_recommender.rank({"text": "Een jongen van 16 dealt voor zijn neef."})
    everything = _plan_ids(real_recommender, ranking, plan_min_items=100, plan_side_relevance=2.0)
    assert everything == _plan_ids(
        real_recommender, ranking, plan_min_items=0, plan_side_relevance=2.0
    )


def test_the_safety_lane_answers_the_danger_in_the_case(real_recommender) -> None:
    """Threatened enforcement officers call for their own protection, not a child-safety report."""
    entries = real_recommender.entries
    street = real_recommender.rank(
        {
            "text": "Bij het station worden handhavers en winkeliers avond aan avond geïntimideerd"
            " door een groep jongens uit twee families. De burgemeester vraagt wat zij kan doen."
        }
    )
    led = [entries[row].id for row in street.safety_first]
    assert "aanpak-intimidatie-professionals" in led
    assert not {"veilig-thuis-melding", "ondertoezichtstelling", "meldcode-huiselijk-geweld"} & set(
        led
    )
    home = real_recommender.rank(
        {
            "text": "Een meisje van 12 wordt thuis door haar vader geslagen; moeder durft niets te zeggen."
        }
    )
    assert "veilig-thuis-melding" in [entries[row].id for row in home.safety_first]


def test_an_item_is_for_the_person_in_the_role_the_entry_is_for(real_recommender) -> None:
    """Youth probation is for the son who offends, not for his younger sister."""
    ranking = real_recommender.rank(
        {
            "text": "Man van 41 komt vrij na zes jaar detentie. Hij heeft twee kinderen (zoon 17,"
            " dochter 12). Zoon is zelf twee keer aangehouden."
        }
    )
    entry = next(e for e in real_recommender.entries if e.id == "jeugdreclassering")
    label, key = addressee(entry, ranking.query.frame)
    assert key == "zoon" and "17" in label, label
