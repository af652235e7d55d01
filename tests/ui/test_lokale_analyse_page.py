"""Lokale analyse page: walk all seven steps with the sample and export."""

from __future__ import annotations

from ..conftest import REAL_KB


def test_walk_all_steps_with_the_sample(app) -> None:
    at = app("lokale-analyse", kb=REAL_KB).run()
    assert not at.exception
    assert at.title[0].value == "Lokale analyse"
    next(b for b in at.button if b.key == "la_sample").click().run()
    assert not at.exception
    tabs = [tab.label for tab in at.tabs]
    assert tabs == [
        "1. Signalen",
        "2. Netwerk in beeld",
        "3. Cijfers",
        "4. Partners aan tafel",
        "5. Gedeeld probleem",
        "6. Aanpak",
        "7. Export",
    ]
    # Step 1: the sample's signals are ticked.
    assert at.checkbox(key="la_sig_cu-onverklaarbaar-geld").value is True
    assert at.checkbox(key="la_sig_dc-drugslab-kenmerken").value is False
    # Step 2: the network picture; step 3: the figures chart.
    assert len(at.get("graphviz_chart")) == 1
    assert len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart")) >= 1
    # Step 4: partners that hold figures but are not at the table are suggested.
    labels = [b.label for b in at.button]
    assert "+ Woningcorporatie" in labels
    # Step 5: generate the shared problem definition.
    next(b for b in at.button if b.key == "la_generate").click().run()
    problem = next(a for a in at.text_area if a.label.startswith("Gedeelde probleemdefinitie"))
    assert problem.value.startswith("In Middelstad (fictieve gemeente) zien de partners 9 signalen")
    # Step 6: propose an approach at every level.
    next(b for b in at.button if b.key == "la_propose").click().run()
    assert not at.exception
    shown = "\n".join(str(m.value) for m in at.markdown)
    for level in ("Beleidsmatig", "Strategisch", "Bestuurlijk", "Uitvoerend"):
        assert f"<strong>{level}</strong>" in shown
    # Step 7: save and export.
    downloads = [d.proto.label for d in at.get("download_button")]
    assert downloads == [
        "Sla de analyse op (.json)",
        "Download rapport (Word)",
        "Download rapport (Markdown)",
    ]


def test_ticking_a_signal_updates_the_analysis(app) -> None:
    at = app("lokale-analyse", kb=REAL_KB).run()
    at.checkbox(key="la_sig_dc-drugslab-kenmerken").check().run()
    next(b for b in at.button if b.key == "la_generate").click().run()
    problem = next(a for a in at.text_area if a.label.startswith("Gedeelde probleemdefinitie"))
    assert "1 signalen van drugscriminaliteit" in problem.value
