"""Safe rendering of KB Markdown and the partner network."""

from __future__ import annotations

from recommender.render import markdown_to_html, partner_network_dot


def test_raw_html_is_shown_as_text() -> None:
    html = markdown_to_html('Tekst <script>alert("x")</script> en <img src=x onerror=alert(1)>')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img" in html


def test_only_web_and_mail_links() -> None:
    html = markdown_to_html(
        "[goed](https://example.org) [mail](mailto:a@b.nl) [slecht](javascript:alert(1))"
    )
    assert (
        '<a href="https://example.org" rel="noopener noreferrer" target="_blank">goed</a>' in html
    )
    assert 'href="mailto:a@b.nl"' in html
    assert "javascript:" not in html.split("slecht")[0][-40:] and 'href="javascript' not in html


def test_data_and_relative_links_are_not_links() -> None:
    html = markdown_to_html("[a](data:text/html;base64,xx) [b](/etc/passwd)")
    assert "<a " not in html


def test_network_dot(small_recommender) -> None:
    answer = small_recommender.recommend(
        {"text": "jongen vervoert drugs", "phenomena": ["drugscriminaliteit"]}
    )
    dot = partner_network_dot(answer, small_recommender.kb, role_label=str.upper)
    assert dot.startswith("digraph netwerk {") and dot.rstrip().endswith("}")
    # Partners grouped by their role, entries by their side, edges coloured by role.
    assert "subgraph cluster_role_uitvoering" in dot and "label=UITVOERING" in dot
    assert '"partner_zorgpartner-test" -> "entry_gezinstherapie-test" [color="#2b6cb0"]' in dot


def test_network_dot_quotes_every_name(small_recommender) -> None:
    answer = small_recommender.recommend({"phenomena": ["drugscriminaliteit"]})
    kb = small_recommender.kb
    partner = kb.entries[answer.partners[0].id]
    original = partner.title
    partner.title = 'Back\\slash "quote" } ] ;'
    try:
        dot = partner_network_dot(answer, kb)
    finally:
        partner.title = original
    assert 'Back\\\\slash \\"quote\\" } ] ;' in dot
