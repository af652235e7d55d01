"""Safe HTML from knowledge-base Markdown and a partner network picture.

KB files are edited by people, so their Markdown is never trusted as markup: raw HTML is
shown as text, and only http(s) and mailto links survive.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable

import graphviz
from markdown_it import MarkdownIt

from .loader import KnowledgeBase
from .results import Recommendation
from .vocabulary import CARE_SIDE, GOVERNANCE_SIDE, SECURITY_SIDE

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


def _parser() -> MarkdownIt:
    # "js-default" escapes raw HTML; validateLink narrows links to http(s) and mailto.
    parser = MarkdownIt("js-default", {"linkify": False, "typographer": False})
    parser.validateLink = _safe_link  # type: ignore[method-assign]
    default_link_open = parser.renderer.rules.get("link_open")

    def link_open(tokens, idx, options, env):  # type: ignore[no-untyped-def]
        tokens[idx].attrSet("rel", "noopener noreferrer")
        tokens[idx].attrSet("target", "_blank")
        if default_link_open is not None:
            return default_link_open(tokens, idx, options, env)
        return parser.renderer.renderToken(tokens, idx, options, env)

    def image(tokens, idx, options, env):  # type: ignore[no-untyped-def]
        # An <img> would make every reader's browser fetch from the image's host (a tracking
        # beacon); a link is fetched only when the reader chooses to follow it.
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = parser.renderer.renderInlineAsText(token.children or [], options, env) or src
        return (
            f'<a href="{escape(src)}" rel="noopener noreferrer" target="_blank">{escape(alt)}</a>'
        )

    parser.renderer.rules["link_open"] = link_open
    parser.renderer.rules["image"] = image
    return parser


_MARKDOWN = _parser()


def markdown_to_html(text: str) -> str:
    """Return HTML for KB Markdown: raw HTML escaped, unsafe links left as plain text, no images.

    The page hands this HTML to Streamlit's Markdown renderer, which reads Markdown again
    after a blank line. Blank lines (only inside code blocks) become ``&#10;`` so that
    escaped text, such as a literal ``![](...)``, is never read as Markdown a second time.
    """
    return _BLANK_LINE.sub("&#10;", _MARKDOWN.render(text))


_BLANK_LINE = re.compile(r"\n(?=\n)")
#: Characters with a meaning in Streamlit's Markdown (CommonMark, GFM, math, colours, emoji).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def plain_markdown(text: str) -> str:
    """Return ``text`` with every Markdown character escaped, so Streamlit shows it verbatim.

    For text from an upload in elements that render Markdown (warnings, captions, labels):
    an image there would make the browser fetch from the image's host.
    """
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text).replace("\n", "  \n")


def escape(text: str) -> str:
    """Escape text for use inside HTML."""
    return html.escape(text, quote=True)


ROLE_COLOURS = {
    "uitvoering": "#2b6cb0",
    "regie": "#6b46c1",
    "besluit": "#c05621",
    "verwijzer": "#2f855a",
    "informatie": "#718096",
}
SIDE_ORDER = (CARE_SIDE, SECURITY_SIDE, GOVERNANCE_SIDE)


def _label(text: str, width: int = 26) -> str:
    # graphviz quotes names but leaves backslashes alone (they are DOT's own escapes, like the
    # line breaks added here), so a backslash in a title is doubled first.
    escaped = text.replace("\\", "\\\\")
    return "\\n".join(textwrap.wrap(escaped, width, break_on_hyphens=False)) or escaped


def partner_network_dot(
    answer: Recommendation,
    kb: KnowledgeBase,
    limit: int = 8,
    role_label: Callable[[str], str] = str,
    side_label: Callable[[str], str] = str,
) -> str:
    """Return a Graphviz DOT graph: suggested partners linked to the entries they serve.

    Partners stand on the left in one box per role (the first of their roles in the role
    order), the entries on the right in one box per side of the approach (zorg, veiligheid,
    samenwerking); edges are coloured by role. Built with the ``graphviz`` package, which
    quotes every name and label.
    """
    from .vocabulary import PARTNER_ROLES

    items = {item.id: item for item in answer.package}
    entry_ids = list(items) or [r.id for r in answer.results[:limit]]
    partner_ids = [p.id for p in answer.partners]
    links: list[tuple[str, str, str]] = []
    for entry_id in entry_ids:
        for link in kb.entries[entry_id].partners:
            if link.id in partner_ids:
                links.append((link.id, entry_id, link.role))
    order = {role: position for position, role in enumerate(PARTNER_ROLES)}
    main_role = {
        partner_id: min((r for p, _, r in links if p == partner_id), key=order.__getitem__)
        for partner_id in dict.fromkeys(p for p, _, _ in links)
    }
    graph = graphviz.Digraph("netwerk")
    graph.attr(rankdir="LR", bgcolor="transparent", fontname="Helvetica", nodesep="0.25")
    graph.attr("node", fontname="Helvetica", fontsize="11", style="filled", shape="box")
    graph.attr("edge", color="#777777", arrowsize="0.6")
    for role in PARTNER_ROLES:
        members = [p for p in partner_ids if main_role.get(p) == role]
        if not members:
            continue
        with graph.subgraph(name=f"cluster_role_{role}") as cluster:
            cluster.attr(label=role_label(role), color=ROLE_COLOURS[role], fontsize="12")
            for partner_id in members:
                title = kb.entries[partner_id].title if partner_id in kb.entries else partner_id
                cluster.node(f"partner_{partner_id}", _label(title), fillcolor="#dbe9f6")
    sides = {
        entry_id: (items[entry_id].sides[:1] if entry_id in items else []) or [GOVERNANCE_SIDE]
        for entry_id in entry_ids
    }
    for side in SIDE_ORDER:
        members = [e for e in entry_ids if sides[e][0] == side]
        if not members:
            continue
        with graph.subgraph(name=f"cluster_side_{side}") as cluster:
            cluster.attr(label=side_label(side), color="#b7791f", fontsize="12")
            for entry_id in members:
                cluster.node(
                    f"entry_{entry_id}",
                    _label(kb.entries[entry_id].title),
                    shape="ellipse",
                    fillcolor="#fdf0d5",
                )
    for partner_id, entry_id, role in links:
        graph.edge(f"partner_{partner_id}", f"entry_{entry_id}", color=ROLE_COLOURS[role])
    return graph.source
