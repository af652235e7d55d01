"""Safe HTML from knowledge-base Markdown and a partner network picture.

KB files are edited by people, so their Markdown is never trusted as markup: raw HTML is
shown as text, and only http(s) and mailto links survive.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from .loader import KnowledgeBase
from .results import Recommendation

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


def _dot_id(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def partner_network_dot(answer: Recommendation, kb: KnowledgeBase, limit: int = 8) -> str:
    """Return a Graphviz DOT graph: suggested partners linked to the entries they serve.

    Edge labels carry the role (uitvoering, regie, besluit, ...).
    """
    entry_ids = [item.id for item in answer.package] or [r.id for r in answer.results[:limit]]
    partner_ids = [p.id for p in answer.partners]
    lines = [
        "digraph netwerk {",
        '  graph [rankdir=LR, bgcolor="transparent", fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=11, style=filled];',
        '  edge [fontname="Helvetica", fontsize=9, color="#777777"];',
    ]
    for partner_id in partner_ids:
        title = kb.entries[partner_id].title if partner_id in kb.entries else partner_id
        lines.append(
            f'  {_dot_id("p:" + partner_id)} [label={_dot_id(title)}, shape=box, fillcolor="#dbe9f6"];'
        )
    for entry_id in entry_ids:
        entry = kb.entries[entry_id]
        lines.append(
            f'  {_dot_id("e:" + entry_id)} [label={_dot_id(entry.title)}, shape=ellipse, fillcolor="#fdf0d5"];'
        )
        for link in entry.partners:
            if link.id in partner_ids:
                lines.append(
                    f"  {_dot_id('p:' + link.id)} -> {_dot_id('e:' + entry_id)} [label={_dot_id(link.role)}];"
                )
    lines.append("}")
    return "\n".join(lines)
