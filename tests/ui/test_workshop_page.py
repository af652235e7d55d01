"""Workshop page: step through a vignette, let the group choose, reveal, hand out."""

from __future__ import annotations

import re

from recommender.ui.workshop import Reveal, tool_answer


def test_step_through_choose_and_reveal(app) -> None:
    at = app("workshop").run()
    assert not at.exception
    assert at.selectbox(key="workshop_case").value.id == "koerier-test"
    assert "Stap 1 van 2" in [c.value for c in at.caption]
    next(b for b in at.button if b.key == "workshop_next").click().run()
    assert "Stap 2 van 2" in [c.value for c in at.caption]
    at.multiselect(key="workshop_group_koerier-test").set_value(["gezinstherapie-test"]).run()
    next(b for b in at.button if b.key == "workshop_reveal").click().run()
    assert [s.value for s in at.subheader][:3] == ["Groep", "Interventiewijzer", "Expert"]
    assert "Overeenkomst groep en expert: 1" in [c.value for c in at.caption]
    assert any("keuzes gedeeld" in str(m.value) for m in at.markdown)
    assert "Discussievragen" in [s.value for s in at.subheader]


def test_presenter_mode_shows_one_step_then_only_the_reveal(app) -> None:
    at = app("workshop").run()
    at.toggle(key="workshop_presenter").set_value(True).run()
    assert not at.exception
    assert not at.title  # no page title or intro: the step fills the screen
    story = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert "<div class='ws-stage'>" in story and "Stap 1 van 2" in story
    next(b for b in at.button if b.key == "workshop_reveal").click().run()
    reveal = "\n".join(str(h.proto.body) for h in at.get("html"))
    assert "<div class='ws-reveal'>" in reveal and "<div class='ws-stage'>" not in reveal
    assert re.search(r"<h2>\d+ van de \d+ keuzes gedeeld</h2>", reveal)
    # Leaving presenter mode keeps the case and the group's choice.
    at.toggle(key="workshop_presenter").set_value(False).run()
    assert at.selectbox(key="workshop_case").value.id == "koerier-test"


def test_the_vignette_never_answers_itself(small_recommender) -> None:
    casus = small_recommender.kb.casussen["koerier-test"]
    answer = tool_answer(small_recommender, casus)
    assert all(casus.title not in r.why.similar_cases for r in answer.results)
    # Without leaving it out, the vignette would be its own nearest case.
    itself = small_recommender.recommend(casus.profile.model_dump(), top_k=len(answer.results))
    assert any(casus.title in r.why.similar_cases for r in itself.results)


def test_overlap_counts() -> None:
    reveal = Reveal(tool=["a", "b", "c"], expert=["b", "c", "d"], group=["a", "d"])
    assert (reveal.tool_shared, reveal.group_with_expert, reveal.group_with_tool) == (2, 1, 1)


def test_handouts_offered(app) -> None:
    at = app("workshop").run()
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Download handout (Markdown)", "Download handout (Word)"]
