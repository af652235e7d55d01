"""Casus page: form, results, plan, partners, exports, privacy check, shareable facets."""

from __future__ import annotations

import html
import re


def submit(at, text: str = "", **facets: list[str]):
    """Fill in the form and search. AppTest keeps only what the last run drew, and a search
    reruns the answer's fragment alone, so a page without the form is run whole first."""
    if not at.get("text_area"):
        at = at.run()
    at.text_area(key="casus_text").set_value(text)
    for facet, values in facets.items():
        at.multiselect(key=f"casus_{facet}").set_value(values)
    next(b for b in at.button if b.label == "Zoek passende aanpak").click()
    return at.run()


def open_tab(at, label: str):
    """Open an answer tab as a click does (only the open tab is drawn) and rerun."""
    at.session_state["casus_tab"] = label
    return at.run()


def headings(node) -> list[str]:
    """The subheadings on the page (or in one tab), in order: group and lane headings are
    drawn inside the HTML element they head, not as st.subheader."""
    found: list[str] = []
    for block in node.get("html"):
        found += [html.unescape(h) for h in re.findall(r"<h3[^>]*>(.*?)</h3>", block.proto.body)]
    return found


def markdown_text(at) -> str:
    """The text of every Markdown and HTML element (cards and lists are drawn with st.html)."""
    return "\n".join([str(m.value) for m in at.markdown] + [h.proto.body for h in at.get("html")])


def test_start_page_invites_input(app) -> None:
    at = app().run()
    assert not at.exception
    assert at.title[0].value == "Casus verkennen"
    assert any("Vul een beschrijving in" in i.value for i in at.info)


def test_results_grouped_with_plan_partners_and_exports(app) -> None:
    at = submit(
        app().run(), "Jongen van 14 vervoert drugs voor zijn oom.", phenomena=["drugscriminaliteit"]
    )
    assert not at.exception
    subheaders = headings(at)
    # How many interventions fit depends on the ranking's applicability rules (age 14).
    assert any(s.startswith("Interventies (") for s in subheaders)
    assert "Juridische instrumenten (1)" in subheaders
    text = markdown_text(at)
    assert "Gezinstherapie thuis (GTT)" in text
    # Each card explains its score: the parts, the total, and why it can pass 1.
    assert "<th>betekenis</th>" in text and "<th>totaal</th>" in text
    assert "Daardoor kan de score boven 1 komen" in text
    # The plan is a table (one element, no data grid); the other tabs are drawn when opened.
    assert "<th>Onderdeel</th>" in text
    assert not at.dataframe
    assert "voert uit: GTT" not in text
    assert not [d for d in at.get("download_button") if "plan" in d.proto.label]
    at = open_tab(at, "Partners")
    text = markdown_text(at)
    assert "Testzorgaanbieder" in text and "voert uit: GTT" in text  # partners with reasons
    assert "Gezinstherapie thuis (GTT)" not in text
    # The picture waits for a click.
    assert not at.get("graphviz_chart")
    next(toggle for toggle in at.toggle if toggle.label == "Toon het netwerkplaatje").set_value(
        True
    )
    at = at.run()
    assert len(at.get("graphviz_chart")) == 1
    at = open_tab(at, "Exporteren en delen")
    labels = [d.proto.label for d in at.get("download_button")]
    assert "Download plan (Markdown)" in labels and "Download plan (Word)" in labels


def test_an_empty_search_asks_for_input_and_an_emptied_one_clears_the_answer(app) -> None:
    at = submit(app().run())
    assert not at.exception
    assert any("Geef een beschrijving" in w.value for w in at.warning)
    assert "casus_profile" not in at.session_state or not at.session_state["casus_profile"]
    at = submit(at, "Jongen van 14 vervoert drugs voor zijn oom.")
    assert any(h.startswith("Interventies (") for h in headings(at))
    # Emptying the form and searching again must not leave the old answer on the page.
    at = submit(at, "")
    assert any("Geef een beschrijving" in w.value for w in at.warning)
    assert not any(h.startswith("Interventies (") for h in headings(at))


def test_facets_go_to_the_url_but_text_never(app) -> None:
    at = submit(
        app().run(), "Geheime beschrijving", phenomena=["drugscriminaliteit"], levels=["uitvoerend"]
    )

    def as_list(value: object) -> list[str]:
        return list(value) if isinstance(value, list | tuple) else [str(value)]

    assert as_list(at.query_params["phenomena"]) == ["drugscriminaliteit"]
    assert as_list(at.query_params["levels"]) == ["uitvoerend"]
    assert all("Geheime" not in str(v) for v in at.query_params.values())


def test_shared_link_restores_facets(app) -> None:
    at = app(phenomena=["witwassen", "onzin"]).run()
    assert at.multiselect(key="casus_phenomena").value == ["witwassen"]


def test_personal_data_warning_and_pseudonymised_version(app) -> None:
    at = submit(app().run(), "Dani (13) vervoert drugs voor zijn oom. Moeder belt 06-12345678.")
    assert any("persoonsgegevens" in w.value for w in at.warning)
    assert at.text_area(key="casus_pseudo").value == (
        "[PERSOON-1] (13) vervoert drugs voor zijn oom. Moeder belt [TELEFOON-1]."
    )
    assert not headings(at)  # nothing is matched before the user decides
    next(b for b in at.button if b.label == "Gebruik de gepseudonimiseerde tekst").click()
    at.run()
    assert at.text_area(key="casus_text").value.startswith("[PERSOON-1] (13)")
    assert any(h.startswith("Interventies") for h in headings(at))


def test_continue_with_own_text(app) -> None:
    at = submit(app().run(), "Dani (13) vervoert drugs.")
    next(b for b in at.button if b.label == "Doorgaan met mijn tekst").click()
    at.run()
    assert any(h.startswith("Interventies") for h in headings(at))


def test_empty_form_gets_a_helpful_message(app) -> None:
    at = submit(app().run(), "")
    assert not at.exception
    assert any("minstens één kenmerk" in w.value for w in at.warning)


def test_english_interface(app) -> None:
    at = app().run()
    at.sidebar.radio[0].set_value("en").run()
    assert at.title[0].value == "Explore a case"


def test_the_reading_of_the_situation_and_the_plan_in_lanes(app) -> None:
    at = submit(app().run(), "Jongen van 14 vervoert drugs voor zijn oom. Moeder is bang.")
    assert not at.exception
    assert any(e.label == "Zo lezen wij de situatie" for e in at.expander)
    text = markdown_text(at)
    assert "de jongen (14)" in text  # the person the question is about, with age
    # The plan comes first: lanes from the taxonomy, each step with whom it is for.
    lanes = {
        "Zorg en ondersteuning",
        "Jeugdbescherming",
        "Strafrecht",
        "Bestuursrecht",
        "Regie en samenwerking",
    }
    assert lanes & set(headings(at))
    assert any(" — voor " in m or " — tegen " in m for m in text.splitlines())


def test_correcting_the_household_reruns_the_search(app) -> None:
    at = submit(app().run(), "Jongen van 14 vervoert drugs voor zijn oom.")
    assert not [m for m in at.multiselect if m.label == "Signalen"]  # editors on request only
    next(toggle for toggle in at.toggle if toggle.label.startswith("Lezing corrigeren")).set_value(
        True
    )
    at = at.run()
    form_signals = next(m for m in at.multiselect if m.label == "Signalen")
    form_signals.set_value(["schuld"])
    next(b for b in at.button if b.label == "Casusbeeld toepassen en opnieuw zoeken").click()
    at = at.run()
    assert not at.exception
    assert at.session_state["casus_profile"]["signals"] == ["schuld"]
    assert "Schulden" in markdown_text(at)


def test_the_plan_comes_first_and_the_ranked_list_under_it(app) -> None:
    at = submit(app().run(), "Jongen van 14 vervoert drugs voor zijn oom.")
    labels = [tab.label for tab in at.tabs]
    assert labels == ["Plan (zorg en veiligheid)", "Partners", "Exporteren en delen"]
    first = at.tabs[0]
    shown = headings(first)
    lanes = {"Zorg en ondersteuning", "Jeugdbescherming", "Strafrecht", "Regie en samenwerking"}
    last_lane = max(i for i, h in enumerate(shown) if h in lanes)
    first_group = min(i for i, h in enumerate(shown) if h.startswith("Interventies ("))
    assert last_lane < first_group  # every lane of the plan above the ranked list
    assert [h.value for h in first.header] == ["Alle suggesties op volgorde"]


def test_the_other_groups_are_drawn_on_request(app) -> None:
    at = submit(
        app().run(), "Jongen van 14 vervoert drugs voor zijn oom.", phenomena=["drugscriminaliteit"]
    )
    assert not any(e.label == "Past niet omdat …" for e in at.expander)
    toggle = next(t for t in at.toggle if t.label.startswith("Toon ook: "))
    assert toggle.label == "Toon ook: past niet (1)"
    at = toggle.set_value(True).run()
    assert any(e.label == "Past niet omdat …" for e in at.expander)


def test_the_form_shows_the_last_search_when_streamlit_dropped_its_values(app) -> None:
    # A search runs the answer's fragment alone, after which Streamlit forgets the form's
    # values; the next full run (another page and back) must show what was searched.
    at = submit(app().run(), "Jongen van 14 vervoert drugs.", phenomena=["drugscriminaliteit"])
    for key in ("casus_text", "casus_phenomena"):
        del at.session_state[key]
    at = at.run()
    assert at.text_area(key="casus_text").value == "Jongen van 14 vervoert drugs."
    assert at.multiselect(key="casus_phenomena").value == ["drugscriminaliteit"]
