"""Workshop page: step through a vignette, let the group choose, reveal, hand out."""

from __future__ import annotations


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
    assert "Discussievragen" in [s.value for s in at.subheader]


def test_handouts_offered(app) -> None:
    at = app("workshop").run()
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Download handout (Markdown)", "Download handout (Word)"]
