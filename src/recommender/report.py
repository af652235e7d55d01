"""Plain-text and Markdown renderings of a recommendation."""

from __future__ import annotations

import textwrap

from .results import Recommendation
from .taxonomy import Taxonomy

TYPE_HEADINGS = {
    "interventie": "Interventies",
    "instrument": "Juridische instrumenten",
    "werkwijze": "Werkwijzen",
}


def text_report(answer: Recommendation, taxonomy: Taxonomy, width: int = 100) -> str:
    """Return a terminal-friendly report: results by type, the package and the partners."""
    lines: list[str] = []
    for notice in answer.notices:
        lines.append(f"! {notice}")
    for entry_type, results in answer.grouped().items():
        if not results:
            continue
        lines.append(f"\n{TYPE_HEADINGS.get(entry_type, entry_type)}")
        lines.append(f"  {'score':>5}  {'id':<42} {'erkenning':<22} titel")
        for result in results:
            evidence = taxonomy.label("evidence", result.evidence) if result.evidence else "-"
            lines.append(
                f"  {result.score:5.2f}  {result.id:<42} {evidence[:22]:<22} {result.title}"
            )
            why = result.why
            facets = "; ".join(
                f"{facet}: {', '.join(taxonomy.label(facet, t) for t in terms)}"
                for facet, terms in why.matched_facets.items()
            )
            if facets:
                lines.append(f"         kenmerken: {facets}")
            if why.passage:
                snippet = textwrap.shorten(why.passage.snippet, width=width - 20, placeholder="…")
                lines.append(f"         {why.passage.section}: {snippet}")
    lines.append("\nPlan voor het gezin")
    for lane in answer.plan.lanes:
        lines.append(f"  {lane.title}")
        for item in lane.items:
            partner = f" — {item.partner}" if item.partner else ""
            lines.append(f"    {item.step}. {item.title} ({item.for_}){partner}")
    for tension in answer.plan.tensions:
        lines.append(f"  ? {tension.note}")
    for note in answer.package_notes:
        lines.append(f"  ! {note}")
    lines.append("\nPartners om te betrekken")
    for partner in answer.partners:
        lines.append(f"  {partner.score:4.2f}  {partner.title}: {partner.reason}")
    return "\n".join(lines).lstrip("\n")
