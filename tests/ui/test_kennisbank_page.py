"""Kennisbank page: browse, filter, search, open an entry, render KB text safely."""

from __future__ import annotations


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def markdown_text(at) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_overview_lists_every_entry(app) -> None:
    at = app("kennisbank").run()
    assert not at.exception
    assert "6 vermeldingen" in captions(at)


def test_filter_by_type_and_facet(app) -> None:
    at = app("kennisbank").run()
    at.multiselect(key="kb_type").set_value(["instrument"]).run()
    assert "1 vermeldingen" in captions(at)
    at.multiselect(key="kb_type").set_value([]).run()
    at.multiselect(key="kb_age_groups").set_value(["kind"]).run()
    assert "1 vermeldingen" in captions(at)
    assert any(b.label == "Mentoraat voor kinderen (MVK)" for b in at.button)


def test_search_ranks_by_relevance(app) -> None:
    at = app("kennisbank").run()
    at.text_input(key="kb_query").set_value("pand sluiten burgemeester").run()
    entry_buttons = [b.label for b in at.button if b.key and b.key.startswith("open-")]
    assert entry_buttons[0] == "Sluiting van een pand (test)"


def test_open_entry_and_go_back(app) -> None:
    at = app("kennisbank").run()
    next(b for b in at.button if b.key == "open-sluiting-test").click().run()
    assert at.title[0].value == "Sluiting van een pand (test)"
    assert [s.value for s in at.subheader][:2] == ["Wat is het", "Voor wie"]
    text = markdown_text(at)
    assert 'href="https://wetten.overheid.nl/BWBR0001941/"' in text  # legal basis link
    assert 'href="https://example.org/sluiting"' in text  # source
    next(b for b in at.button if b.key == "kb_back").click().run()
    assert at.title[0].value == "Kennisbank"


def test_entry_from_url_with_related_entries(app) -> None:
    at = app("kennisbank", entry="gezinstherapie-test").run()
    assert at.title[0].value == "Gezinstherapie thuis (GTT)"
    labels = [b.label for b in at.button]
    assert "Sluiting van een pand (test)" in labels  # combines_with
    assert "Mentoraat voor kinderen (MVK)" in labels  # alternative
    assert "Testzorgaanbieder" in labels  # partner


def test_partner_entry_lists_what_it_serves(app) -> None:
    at = app("kennisbank", entry="zorgpartner-test").run()
    assert "<strong>Betrokken bij</strong>" in markdown_text(at)
    assert "Gezinstherapie thuis (GTT)" in [b.label for b in at.button]


def test_unknown_entry_in_url(app) -> None:
    at = app("kennisbank", entry="bestaat-niet").run()
    assert not at.exception
    assert any("bestaat-niet" in w.value for w in at.warning)


def test_kb_html_is_shown_as_text_never_as_markup(app) -> None:
    at = app("kennisbank", entry="casusoverleg-test").run()
    text = markdown_text(at)
    assert "&lt;script&gt;alert" in text and "<script" not in text
    assert "&lt;img src=x onerror" in text and "<img" not in text
    assert 'href="javascript' not in text
